/**
 * Coordinator bug: `ShutdownCompleted` ends the session (no active worker,
 * not ready) but leaves the session's live jobs as they were, instead of
 * failing them; nobody will ever report on them again.
 *
 * Reach (no faults needed): the workload requests shutdown while jobs are
 * still running.
 * @module
 */
import { OK, WorkerCoordinator, type Result, type WorkerEnvelope } from '../../src/protocol/index.js';
import { SimWorker } from '../../src/models/asupersync/generation.js';
import type { ZooVariant } from '../variant.js';

class ShutdownKeepsJobs extends WorkerCoordinator {
  override handleInbound(envelope: WorkerEnvelope): Result {
    if (envelope.op.type !== 'ShutdownCompleted') return super.handleInbound(envelope);
    const prepared = this.prepareInbound(envelope);
    if (!prepared.ok) return prepared;
    // BUG: `this.failNonterminalJobs();` is missing.
    this.outbox.clear();
    this.activeWorker = null;
    this.shutdownRequested = false;
    this.workerReady = false;
    return OK;
  }
}

export const variant: ZooVariant = {
  name: 'coord-shutdown-keeps-jobs',
  side: 'coordinator',
  description: 'does not fail the live jobs when the worker reports ShutdownCompleted',
  invariant: 'session-end-fails-jobs',
  reach: 'shutdown requested while jobs are still live (no faults needed)',
  parts: { coordinator: (seed) => new ShutdownKeepsJobs(seed), worker: (config) => new SimWorker(config) },
};
