/**
 * Coordinator bug: diagnostics skip the worker-session check ("they are only
 * logs"), but they still go through the freshness check and record their
 * `seqNo`. A late diagnostic from a replaced worker, numbered in the dead
 * worker's sequence, raises the live session's high-water mark, and the live
 * worker's next messages are refused as not fresh.
 *
 * Reach: the stock worker never sends `Diagnostic`, so the bug needs a worker
 * that does: {@link DiagnosticWorker} reports an `Info` diagnostic whenever a
 * job finishes, which is legal traffic. The differential baseline is the real
 * coordinator with the same worker. Then the realistic `late-message` fault
 * delivers a dead worker's diagnostic.
 * @module
 */
import { OK, WorkerCoordinator, type Result, type WorkerEnvelope } from '../../src/protocol/index.js';
import { WorkerCoordinator as RealCoordinator } from '../../src/protocol/coordinator.js';
import { SimWorker } from '../../src/models/asupersync/generation.js';
import type { StepNote, WorkerResult } from '../../src/worker/index.js';
import type { ZooVariant } from '../variant.js';

/** A correct worker that also reports a diagnostic when a job finishes. */
export class DiagnosticWorker extends SimWorker {
  override stepJob(jobId: bigint): WorkerResult<StepNote> {
    const r = super.stepJob(jobId);
    if (r.ok && r.value === 'Completed') {
      this.emit({ type: 'Diagnostic', event: { level: 'Info', category: 'job', message: `job ${jobId} finished`, metadata: null } });
    }
    return r;
  }
}

class DiagnosticSkipsSession extends WorkerCoordinator {
  protected override checkInboundSession(envelope: WorkerEnvelope): Result {
    // BUG: diagnostics are exempt from the session check.
    return envelope.op.type === 'Diagnostic' ? OK : super.checkInboundSession(envelope);
  }
}

export const variant: ZooVariant = {
  name: 'coord-diagnostic-skips-session',
  side: 'coordinator',
  description: 'skips the worker-session check for Diagnostic messages',
  invariant: 'stale-worker-inert',
  reach: 'realistic: a replaced worker\'s late Diagnostic (with a worker that reports one per finished job; the baseline uses the same worker)',
  parts: { coordinator: (seed) => new DiagnosticSkipsSession(seed), worker: (config) => new DiagnosticWorker(config) },
  baseline: { coordinator: (seed) => new RealCoordinator(seed), worker: (config) => new DiagnosticWorker(config) },
};
