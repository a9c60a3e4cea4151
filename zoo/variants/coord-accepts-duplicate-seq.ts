/**
 * Coordinator bug: the freshness check is off by one (`<` for `<=`), so an
 * envelope carrying the sequence number just accepted (a duplicate) is
 * processed again.
 *
 * Masked in the model: every worker message the protocol handles is
 * idempotent under the job transition table (a second `JobCompleted`,
 * `CancelAcknowledged`, `DrainCompleted` or `FinalizeCompleted` is refused
 * as an invalid transition, a second snapshot or bootstrap changes nothing a
 * property observes), so no invariant can tell a duplicate that was
 * processed from one that was refused. Measured anyway, to show it.
 * @module
 */
import { err, OK, validateEnvelope, WorkerCoordinator, type Result, type WorkerEnvelope } from '../../src/protocol/index.js';
import { checkInboundWorkerSession } from '../../src/protocol/inbound-checks.js';
import { SimWorker } from '../../src/models/asupersync/generation.js';
import type { ZooVariant } from '../variant.js';

class AcceptsDuplicateSeq extends WorkerCoordinator {
  protected override prepareInbound(envelope: WorkerEnvelope): Result {
    const invalid = validateEnvelope(envelope);
    if (invalid !== undefined) return err(invalid);
    const op = envelope.op;
    if ((op.type === 'BootstrapReady' || op.type === 'BootstrapFailed') && this.activeWorker !== op.workerId) {
      this.failNonterminalJobs();
      this.lastInbound = 0n;
      this.outbox.clear();
    }
    const session = checkInboundWorkerSession(this.activeWorker, envelope);
    if (!session.ok) return session;
    // BUG: `<` where `<=` is meant.
    if (envelope.seqNo < this.lastInbound) {
      return err({ kind: 'InboundSequenceNotFresh', lastSeen: this.lastInbound, actual: envelope.seqNo });
    }
    this.lastInbound = envelope.seqNo;
    return OK;
  }
}

export const variant: ZooVariant = {
  name: 'coord-accepts-duplicate-seq',
  side: 'coordinator',
  description: 'does not reject a duplicated sequence number (freshness check off by one)',
  invariant: null,
  reach: 'reachable (adversarial duplicate or replay right after the original) but masked: the job transition table refuses every re-applied message, so no property can observe it',
  parts: { coordinator: (seed) => new AcceptsDuplicateSeq(seed), worker: (config) => new SimWorker(config) },
};
