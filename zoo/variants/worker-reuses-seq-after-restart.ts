/**
 * Worker bug: the worker restarts its sequence numbering once its session
 * starts (it resets the counter after reporting `BootstrapReady`), so its
 * first message after the bootstrap reuses `seqNo` 1.
 *
 * Reach: every run; the coordinator refuses the reused number as
 * `InboundSequenceNotFresh`, so the worker's first real message (a snapshot,
 * a completion, an acknowledgement) is lost. Masked: a lost message is a
 * tolerated event (the adversarial `drop` fault does the same), and the
 * supervisor's recovery fails whatever it leaves stuck, so no safety property
 * and not the liveness property can tell. Under adversarial faults it does
 * change which findings of the real protocol a run meets: a lost
 * `CancelAcknowledged` leaves a job `CancelRequested`, where a faulty
 * worker's `FinalizeCompleted` completes it through the unchecked
 * `FinalizeCompleted` finding; that is the known finding on a new path, not a
 * property this bug violates.
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
  invariant: null,
  reach:
    'reachable in every run but masked: the coordinator refuses the reused number, which is indistinguishable from a lost message, and recovery fails what it leaves stuck (under adversarial faults the lost acknowledgement can expose the known unchecked-FinalizeCompleted finding, hence the differing adversarial runs)',
  parts: { coordinator: (seed) => new WorkerCoordinator(seed), worker: (config) => new ReusesSeqAfterRestart(config) },
};
