/**
 * Worker bug: the worker restarts its sequence numbering once its session
 * starts (it resets the counter after reporting `BootstrapReady`), so its
 * first message after the bootstrap reuses `seqNo` 1.
 *
 * Reach: every run. Caught by `worker-seq-monotonic` at the worker's first
 * message after its bootstrap (seqNo 1 again). The coordinator refuses the
 * reused number as `InboundSequenceNotFresh`, which on its own looks like a
 * lost message (tolerated, and the supervisor's recovery fails whatever it
 * leaves stuck), so only the conformance property observes the bug. Under
 * adversarial faults the lost `CancelAcknowledged` can also expose the known
 * unchecked-`FinalizeCompleted` finding on a new path.
 * @module
 */
import { WorkerCoordinator } from '../../src/protocol/index.js';
import { SimWorker } from '../../src/models/asupersync/generation.js';
import type { WorkerEndpointState, WorkerResult } from '../../src/worker/index.js';
import type { ZooVariant } from '../variant.js';

class ReusesSeqAfterRestart extends SimWorker {
  override bootstrap(): WorkerResult<WorkerEndpointState> {
    const r = super.bootstrap();
    // BUG: numbering restarts with the session; BootstrapReady already used 1.
    if (r.ok && r.value === 'ready') this.counters.seqNo = 1n;
    return r;
  }
}

export const variant: ZooVariant = {
  name: 'worker-reuses-seq-after-restart',
  side: 'worker',
  description: 'restarts its sequence numbering after bootstrap, reusing seqNo 1',
  invariant: 'worker-seq-monotonic',
  reach: 'every run: the first message after the bootstrap reuses seqNo 1 (the coordinator refuses it as stale, which alone looks like a lost message)',
  parts: { coordinator: (seed) => new WorkerCoordinator(seed), worker: (config) => new ReusesSeqAfterRestart(config) },
};
