/**
 * Coordinator bug: once shutdown is requested, a `CancelAcknowledged` or
 * `DrainCompleted` still advances the cancel protocol and sends `DrainJob` /
 * `FinalizeJob` (the shutdown guard in `advanceCancelProtocol` is missing).
 *
 * Reach (no faults needed): the workload requests shutdown while a cancel is
 * in progress and the worker's acknowledgement is still in flight.
 * @module
 */
import { err, WorkerCoordinator, type JobState, type Result, type WorkerOp } from '../../src/protocol/index.js';
import { SimWorker } from '../../src/models/asupersync/generation.js';
import type { ZooVariant } from '../variant.js';

class DrainsAfterShutdown extends WorkerCoordinator {
  protected override advanceCancelProtocol(jobId: bigint, next: JobState, followUp: WorkerOp): Result {
    const job = this.jobs.get(jobId);
    if (job === undefined) return err({ kind: 'UnknownJobId', jobId });
    // BUG: `if (this.shutdownRequested) return OK;` is missing.
    const moved = job.transitionToVoid(next);
    if (!moved.ok) return moved;
    return this.enqueueJobMessage(jobId, followUp);
  }
}

export const variant: ZooVariant = {
  name: 'coord-drains-after-shutdown',
  side: 'coordinator',
  description: 'continues drain and finalize (sends DrainJob/FinalizeJob) after shutdown was requested',
  invariant: 'no-job-traffic-during-shutdown',
  reach: 'shutdown requested while a cancel acknowledgement is in flight (no faults needed)',
  parts: { coordinator: (seed) => new DrainsAfterShutdown(seed), worker: (config) => new SimWorker(config) },
};
