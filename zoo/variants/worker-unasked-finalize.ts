/**
 * Worker bug: a "fast path" for cancelling a job that has not started yet.
 * Nothing runs, so nothing needs draining: the worker drains and finalizes
 * the job on its own and sends only `FinalizeCompleted`, without being asked
 * (no `CancelAcknowledged`, `DrainJob` or `FinalizeJob` round trips).
 *
 * Reach (no faults needed): the workload cancels a job the worker holds
 * `Queued`. The coordinator's `FinalizeCompleted` handler is not
 * phase-checked (see the model's known findings), so it completes the job
 * straight from `CancelRequested`.
 * @module
 */
import { WorkerCoordinator, type WorkerEnvelope, type WorkerOp } from '../../src/protocol/index.js';
import { SimWorker } from '../../src/models/asupersync/generation.js';
import type { InboundNote, WorkerResult } from '../../src/worker/index.js';
import type { ZooVariant } from '../variant.js';

class UnaskedFinalize extends SimWorker {
  private muted = false;

  override handleInbound(envelope: WorkerEnvelope): WorkerResult<InboundNote> {
    const op = envelope.op;
    if (op.type !== 'CancelJob' || this.jobState(op.jobId) !== 'Queued') return super.handleInbound(envelope);
    this.muted = true;
    try {
      const r = super.handleInbound(envelope);
      if (!r.ok || r.value !== 'Handled') return r;
      // BUG: drain and finalize happen without the coordinator asking.
      this.table.drain(op.jobId);
      this.muted = false;
      this.table.finalize(op.jobId);
      return r;
    } finally {
      this.muted = false;
    }
  }

  protected override emit(op: WorkerOp): void {
    if (!this.muted) super.emit(op);
  }
}

export const variant: ZooVariant = {
  name: 'worker-unasked-finalize',
  side: 'worker',
  description: 'sends FinalizeCompleted without being asked (fast-path cancel of a job that has not started)',
  invariant: 'cancel-completes-via-protocol',
  reach: 'a cancel of a job the worker still holds Queued (no faults needed)',
  parts: { coordinator: (seed) => new WorkerCoordinator(seed), worker: (config) => new UnaskedFinalize(config) },
};
