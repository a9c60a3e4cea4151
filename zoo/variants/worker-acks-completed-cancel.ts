/**
 * Worker bug: the late-cancel check is missing from the worker's cancel
 * path, so a job it already completed is treated as cancellable: it answers
 * `CancelJob` with `CancelAcknowledged`, then `DrainJob` and `FinalizeJob`
 * with `DrainCompleted` and `FinalizeCompleted`, although the job keeps its
 * natural outcome.
 *
 * Reach: with FIFO channels the coordinator has already completed the job
 * from the `JobCompleted` that precedes the acknowledgement, and refuses the
 * rest (masked). Adversarial: when that `JobCompleted` is dropped, delayed or
 * reordered behind the acknowledgement, the coordinator runs the whole cancel
 * protocol and records a cancellation the worker never made.
 * @module
 */
import { WorkerCoordinator, type WorkerEnvelope } from '../../src/protocol/index.js';
import { SimWorker } from '../../src/models/asupersync/generation.js';
import type { InboundNote, WorkerResult } from '../../src/worker/index.js';
import type { ZooVariant } from '../variant.js';

class AcksCompletedCancel extends SimWorker {
  override handleInbound(envelope: WorkerEnvelope): WorkerResult<InboundNote> {
    const op = envelope.op;
    const completed = 'jobId' in op && this.jobState(op.jobId) === 'Completed';
    const r = super.handleInbound(envelope);
    if (!completed || !('jobId' in op)) return r;
    // The envelope passed the checks when it was ignored as late or refused out of phase.
    const accepted = r.ok || r.error.kind === 'InvalidTransition';
    if (!accepted) return r;
    // BUG: a completed job plays along with the cancel protocol.
    if (op.type === 'CancelJob') this.emit({ type: 'CancelAcknowledged', jobId: op.jobId });
    else if (op.type === 'DrainJob') this.emit({ type: 'DrainCompleted', jobId: op.jobId });
    else if (op.type === 'FinalizeJob') this.emit({ type: 'FinalizeCompleted', jobId: op.jobId });
    return r;
  }
}

export const variant: ZooVariant = {
  name: 'worker-acks-completed-cancel',
  side: 'worker',
  description: 'acknowledges (and drains and finalizes) a cancel for a job it already completed',
  invariant: 'settled-views-agree',
  reach: 'adversarial: a cancel racing completion, with the JobCompleted dropped, delayed or reordered behind the acknowledgement',
  parts: { coordinator: (seed) => new WorkerCoordinator(seed), worker: (config) => new AcksCompletedCancel(config) },
};
