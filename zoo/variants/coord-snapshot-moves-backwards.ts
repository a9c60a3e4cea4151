/**
 * Coordinator bug: a `StatusSnapshot` is taken as the truth. The handler
 * still refuses terminal and coordinator-owned snapshot states, but it writes
 * the reported `Queued`/`Running` over any non-terminal job state instead of
 * ignoring stale snapshots and going through the transition table.
 *
 * Reach (no faults needed): the workload cancels a job while the worker's
 * `StatusSnapshot(Running)`, sent when the job started, is still in flight;
 * the snapshot then moves the job `CancelRequested → Running`.
 * @module
 */
import { err, isTerminal, OK, WorkerCoordinator, type Result, type WorkerEnvelope } from '../../src/protocol/index.js';
import { SimWorker } from '../../src/models/asupersync/generation.js';
import type { ZooVariant } from '../variant.js';

class SnapshotMovesBackwards extends WorkerCoordinator {
  override handleInbound(envelope: WorkerEnvelope): Result {
    const op = envelope.op;
    if (op.type !== 'StatusSnapshot') return super.handleInbound(envelope);
    const prepared = this.prepareInbound(envelope);
    if (!prepared.ok) return prepared;
    const { jobId, state } = op.snapshot;
    if (isTerminal(state)) return err({ kind: 'TerminalStatusSnapshot', jobId, state });
    if (state !== 'Queued' && state !== 'Running') return err({ kind: 'InvalidStatusSnapshotState', jobId, state });
    const job = this.jobs.get(jobId);
    if (job === undefined) return err({ kind: 'UnknownJobId', jobId });
    // BUG: the worker is trusted; the stale-snapshot guard and the transition table are skipped.
    if (!isTerminal(job.state)) job.state = state;
    return OK;
  }
}

export const variant: ZooVariant = {
  name: 'coord-snapshot-moves-backwards',
  side: 'coordinator',
  description: 'accepts a status snapshot that moves a job backwards (overwrites the state instead of ignoring stale snapshots)',
  invariant: 'job-transition-table',
  reach: 'a cancel racing the StatusSnapshot(Running) a job sends when it starts (no faults needed)',
  parts: { coordinator: (seed) => new SnapshotMovesBackwards(seed), worker: (config) => new SimWorker(config) },
};
