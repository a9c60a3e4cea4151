/**
 * Coordinator bug: after `FinalizeCompleted` the coordinator stops tracking
 * the job (`removeJob`) as housekeeping, so a cancelled job vanishes instead
 * of staying `Completed` for its owner to read.
 *
 * Reach (no faults needed): any cancel that runs the full drain/finalize
 * protocol.
 * @module
 */
import { WorkerCoordinator, type Result, type WorkerEnvelope } from '../../src/protocol/index.js';
import { SimWorker } from '../../src/models/asupersync/generation.js';
import type { ZooVariant } from '../variant.js';

class ForgetsFinalizedJob extends WorkerCoordinator {
  override handleInbound(envelope: WorkerEnvelope): Result {
    const r = super.handleInbound(envelope);
    const op = envelope.op;
    // BUG: cleanup of a finalized job drops the record its owner still needs.
    if (r.ok && op.type === 'FinalizeCompleted') this.removeJob(op.jobId);
    return r;
  }
}

export const variant: ZooVariant = {
  name: 'coord-forgets-finalized-job',
  side: 'coordinator',
  description: 'removes a job from its table once FinalizeCompleted arrives',
  invariant: 'job-transition-table',
  reach: 'any cancel that runs drain and finalize to the end (no faults needed)',
  parts: { coordinator: (seed) => new ForgetsFinalizedJob(seed), worker: (config) => new SimWorker(config) },
};
