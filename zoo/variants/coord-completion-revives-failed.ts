/**
 * Coordinator bug: a `JobCompleted` for a job the coordinator already
 * failed is taken as good news and overwrites `Failed` with `Completed` ("a
 * real result beats a presumed failure"), bypassing the transition table.
 *
 * Reach: realistic. A worker is replaced after the coordinator posted a
 * `SpawnJob` but before the new worker's bootstrap is processed; the new
 * worker receives the orphaned spawn, runs it and reports it in its own
 * session, although the bootstrap failed the job.
 * @module
 */
import { OK, WorkerCoordinator, type Result, type WorkerEnvelope } from '../../src/protocol/index.js';
import { SimWorker } from '../../src/models/asupersync/generation.js';
import type { ZooVariant } from '../variant.js';

class CompletionRevivesFailed extends WorkerCoordinator {
  override handleInbound(envelope: WorkerEnvelope): Result {
    const op = envelope.op;
    if (op.type !== 'JobCompleted' || this.jobs.get(op.result.jobId)?.state !== 'Failed') return super.handleInbound(envelope);
    const prepared = this.prepareInbound(envelope);
    if (!prepared.ok) return prepared;
    const job = this.jobs.get(op.result.jobId);
    // BUG: a failed job is revived by a late result.
    if (job !== undefined) job.state = 'Completed';
    return OK;
  }
}

export const variant: ZooVariant = {
  name: 'coord-completion-revives-failed',
  side: 'coordinator',
  description: 'accepts a JobCompleted for a job it already failed and marks it Completed',
  invariant: 'terminal-is-final',
  reach: 'realistic: a replacement worker runs an orphaned SpawnJob of a job its bootstrap failed, and reports it',
  parts: { coordinator: (seed) => new CompletionRevivesFailed(seed), worker: (config) => new SimWorker(config) },
};
