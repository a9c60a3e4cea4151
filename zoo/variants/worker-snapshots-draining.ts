/**
 * Worker bug: `PollStatus` on a job that is draining or finalizing is
 * answered with a `StatusSnapshot` of that coordinator-owned state (instead
 * of not reporting).
 *
 * Reach: a poll during a cancel (no faults needed). Caught by
 * `worker-snapshot-conformance`. The coordinator validates snapshot states
 * (`allowedInStatusSnapshot`) and refuses it as `InvalidStatusSnapshotState`
 * without changing anything, so the defence on the other side hides the
 * worker bug from every state-level property.
 * @module
 */
import { WorkerCoordinator, type WorkerEnvelope } from '../../src/protocol/index.js';
import { SimWorker } from '../../src/models/asupersync/generation.js';
import type { InboundNote, WorkerResult } from '../../src/worker/index.js';
import type { ZooVariant } from '../variant.js';

class SnapshotsDraining extends SimWorker {
  override handleInbound(envelope: WorkerEnvelope): WorkerResult<InboundNote> {
    const r = super.handleInbound(envelope);
    const op = envelope.op;
    if (op.type !== 'PollStatus' || !r.ok || r.value !== 'PollNotReported') return r;
    const state = this.jobState(op.jobId);
    // BUG: coordinator-owned states are reported too.
    if (state === 'Draining' || state === 'Finalizing') {
      this.emit({ type: 'StatusSnapshot', snapshot: { jobId: op.jobId, state, detail: 'cancelling' } });
    }
    return r;
  }
}

export const variant: ZooVariant = {
  name: 'worker-snapshots-draining',
  side: 'worker',
  description: 'reports Draining (or Finalizing) through a StatusSnapshot',
  invariant: 'worker-snapshot-conformance',
  reach: 'a poll during a cancel (no faults needed): the worker reports Draining or Finalizing, which the coordinator refuses without changing anything, so only the conformance property sees it',
  parts: { coordinator: (seed) => new WorkerCoordinator(seed), worker: (config) => new SnapshotsDraining(config) },
};
