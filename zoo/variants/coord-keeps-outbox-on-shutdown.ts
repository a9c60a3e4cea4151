/**
 * Coordinator bug: `requestShutdown` does not discard the messages still
 * queued in the outbox, so queued job traffic follows the shutdown request.
 *
 * Reachable only with deferred posting: the variant and its baseline run
 * the model with `postOn: 'turn'`, where the main thread posts what the
 * coordinator queued only when the host turn ends (as a browser posts at the
 * end of its task). A spawn, cancel or poll queued in the same turn as the
 * shutdown request then leaves after it, with the shutdown flag set, and
 * violates `no-job-traffic-during-shutdown`; the real coordinator clears the
 * outbox and sends only `ShutdownWorker`. With the default `postOn: 'action'`
 * the outbox is empty whenever shutdown is requested and this variant runs
 * step for step like the real coordinator.
 * @module
 */
import { OK, WorkerCoordinator, type Result } from '../../src/protocol/index.js';
import { SimWorker } from '../../src/models/asupersync/generation.js';
import type { ZooVariant } from '../variant.js';

class KeepsOutboxOnShutdown extends WorkerCoordinator {
  override requestShutdown(reason: string): Result {
    if (this.shutdownRequested) return { ok: false, error: { kind: 'ShutdownInProgress' } };
    this.shutdownRequested = true;
    // BUG: `this.outbox.clear();` is missing.
    this.outbox.push(this.makeEnvelope({ type: 'ShutdownWorker', reason }));
    return OK;
  }
}

export const variant: ZooVariant = {
  name: 'coord-keeps-outbox-on-shutdown',
  side: 'coordinator',
  description: 'keeps queued messages in the outbox after shutdown was requested',
  invariant: 'no-job-traffic-during-shutdown',
  reach: "deferred posting (postOn: 'turn', variant and baseline alike): a spawn, cancel or poll queued in the same host turn as the shutdown request is posted after it",
  parts: { coordinator: (seed) => new KeepsOutboxOnShutdown(seed), worker: (config) => new SimWorker(config) },
  options: { postOn: 'turn' },
};
