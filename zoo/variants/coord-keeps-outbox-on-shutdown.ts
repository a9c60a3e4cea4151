/**
 * Coordinator bug: `requestShutdown` does not discard the messages still
 * queued in the outbox, so queued job traffic would follow the shutdown
 * request.
 *
 * Unreachable in the model: the simulated main thread posts every envelope
 * the moment the coordinator queues it (the outbox is drained into the
 * channel after every call), so the outbox is always empty when shutdown is
 * requested and the missing `clear()` changes nothing. The zoo test pins
 * that: this variant's traces are step-for-step identical to the real
 * coordinator's.
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
  invariant: null,
  reach: 'unreachable: the simulated main thread posts each envelope as soon as it is queued, so the outbox is empty whenever shutdown is requested',
  parts: { coordinator: (seed) => new KeepsOutboxOnShutdown(seed), worker: (config) => new SimWorker(config) },
};
