/**
 * Coordinator bug: a bootstrap from a new worker resets the inbound session
 * (high-water mark, outbox) but does not fail the jobs of the session it
 * replaces, so they stay `Queued`/`Running`/... for a worker that is gone.
 *
 * Reach: a live worker replaced while it has jobs (realistic fault
 * `worker-replaced`, or the heal phase's recovery of a stuck worker).
 * @module
 */
import { WorkerCoordinator } from '../../src/protocol/index.js';
import { SimWorker } from '../../src/models/asupersync/generation.js';
import type { ZooVariant } from '../variant.js';

class NoFailOnReplacement extends WorkerCoordinator {
  protected override resetInboundSession(): void {
    // BUG: `this.failNonterminalJobs();` is missing.
    this.lastInbound = 0n;
    this.outbox.clear();
  }
}

export const variant: ZooVariant = {
  name: 'coord-no-fail-on-replacement',
  side: 'coordinator',
  description: 'does not fail the old session\'s non-terminal jobs when a new worker bootstraps',
  invariant: 'session-end-fails-jobs',
  reach: 'a worker replaced mid-job (realistic fault, or heal-phase recovery of a stuck worker)',
  parts: { coordinator: (seed) => new NoFailOnReplacement(seed), worker: (config) => new SimWorker(config) },
};
