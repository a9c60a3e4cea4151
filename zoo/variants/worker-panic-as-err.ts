/**
 * Worker bug: the outcome encoder maps a panicked job to `Err` ("a panic is
 * just an error") when it builds `JobCompleted`, so the coordinator records a
 * different outcome from the one the worker settled.
 *
 * Reach (no faults needed): any job whose behaviour panics.
 * @module
 */
import { WorkerCoordinator, type WorkerOp } from '../../src/protocol/index.js';
import { SimWorker } from '../../src/models/asupersync/generation.js';
import type { ZooVariant } from '../variant.js';

class PanicAsErr extends SimWorker {
  protected override emit(op: WorkerOp): void {
    if (op.type === 'JobCompleted' && op.result.outcome.status === 'Panicked') {
      // BUG: the panic is flattened into an error.
      super.emit({ type: 'JobCompleted', result: { jobId: op.result.jobId, outcome: { status: 'Err', code: 'E_PANIC', message: op.result.outcome.message } } });
      return;
    }
    super.emit(op);
  }
}

export const variant: ZooVariant = {
  name: 'worker-panic-as-err',
  side: 'worker',
  description: 'reports a panicked job as Err in JobCompleted',
  invariant: 'settled-views-agree',
  reach: 'any job whose behaviour panics (no faults needed)',
  parts: { coordinator: (seed) => new WorkerCoordinator(seed), worker: (config) => new PanicAsErr(config) },
};
