/**
 * Coordinator bug: a new worker's bootstrap fails the old session's jobs and
 * clears the outbox, but the inbound high-water mark is not reset. The new
 * worker numbers from 1, so its `BootstrapReady` is refused as
 * `InboundSequenceNotFresh` and the coordinator never accepts it.
 *
 * Reach: after a shutdown or a failed bootstrap the coordinator is not ready,
 * every later worker is refused, the workload can never spawn its remaining
 * jobs and the run cannot settle (liveness). After a live replacement the
 * coordinator still holds the dead worker's session; the supervisor's
 * recovery fails the stuck jobs, so that path alone is masked.
 * @module
 */
import { WorkerCoordinator } from '../../src/protocol/index.js';
import { SimWorker } from '../../src/models/asupersync/generation.js';
import { LIVENESS } from '../../src/sim/run-engine.js';
import type { ZooVariant } from '../variant.js';

class KeepsInboundSeq extends WorkerCoordinator {
  protected override resetInboundSession(): void {
    this.failNonterminalJobs();
    // BUG: `this.lastInbound = 0n;` is missing.
    this.outbox.clear();
  }
}

export const variant: ZooVariant = {
  name: 'coord-keeps-inbound-seq',
  side: 'coordinator',
  description: 'forgets to reset the inbound sequence high-water mark when a new worker bootstraps',
  invariant: LIVENESS,
  reach: 'a shutdown or a failed bootstrap before the workload has spawned every job: each replacement worker is refused, so the work never terminates',
  parts: { coordinator: (seed) => new KeepsInboundSeq(seed), worker: (config) => new SimWorker(config) },
};
