/**
 * Coordinator bug: `JobCompleted` is accepted in `Finalizing` too (the
 * phase check lists it with `Queued`/`Running`/`CancelRequested`, reasoning
 * that `Finalizing → Completed` is a legal edge). The job is then recorded as
 * completed naturally, with whatever outcome the message carries, although
 * the worker settles it by cancellation.
 *
 * Reach: only a worker that sends `JobCompleted` after `DrainCompleted`, the
 * adversarial `faulty-worker` lie `completed-while-finalizing`.
 * @module
 */
import { err, WorkerCoordinator, type Result, type WorkerEnvelope } from '../../src/protocol/index.js';
import { SimWorker } from '../../src/models/asupersync/generation.js';
import type { ZooVariant } from '../variant.js';

class CompletionInFinalizing extends WorkerCoordinator {
  override handleInbound(envelope: WorkerEnvelope): Result {
    const op = envelope.op;
    if (op.type !== 'JobCompleted') return super.handleInbound(envelope);
    const prepared = this.prepareInbound(envelope);
    if (!prepared.ok) return prepared;
    const jobId = op.result.jobId;
    const job = this.jobs.get(jobId);
    if (job === undefined) return err({ kind: 'UnknownJobId', jobId });
    const s = job.state;
    // BUG: `Finalizing` is accepted as a completion phase.
    if (s !== 'Queued' && s !== 'Running' && s !== 'CancelRequested' && s !== 'Finalizing') {
      return err({ kind: 'UnexpectedCompletionPhase', jobId, state: s });
    }
    return job.transitionToVoid('Completed');
  }
}

export const variant: ZooVariant = {
  name: 'coord-completion-in-finalizing',
  side: 'coordinator',
  description: 'accepts a JobCompleted for a job in Finalizing',
  invariant: 'settled-views-agree',
  reach: 'adversarial: a faulty worker sends JobCompleted after DrainCompleted (the coordinator records a natural completion the worker never made)',
  parts: { coordinator: (seed) => new CompletionInFinalizing(seed), worker: (config) => new SimWorker(config) },
};
