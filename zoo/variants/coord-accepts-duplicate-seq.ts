/**
 * Coordinator bug: the freshness check is off by one (`<` for `<=`), so an
 * envelope carrying the sequence number just accepted (a duplicate) is
 * processed again.
 *
 * Reach: an adversarial `duplicate` or `replay` fault delivering a copy
 * right after its original. Caught by `inbound-sequence-fresh`: the copy's
 * `seqNo` equals the coordinator's high-water mark, so it must be refused as
 * `InboundSequenceNotFresh`; here it is processed (and then usually refused by
 * the job transition table, which is why no state-level invariant sees it:
 * every worker message is idempotent under that table).
 * @module
 */
import { err, OK, WorkerCoordinator, type Result, type WorkerEnvelope } from '../../src/protocol/index.js';
import { SimWorker } from '../../src/models/asupersync/generation.js';
import type { ZooVariant } from '../variant.js';

class AcceptsDuplicateSeq extends WorkerCoordinator {
  protected override acceptInboundSeq(envelope: WorkerEnvelope): Result {
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
  invariant: 'inbound-sequence-fresh',
  reach: 'adversarial duplicate or replay delivered right after the original: the copy carries the high-water seqNo and is processed instead of refused as InboundSequenceNotFresh (the job transition table then refuses most re-applied messages, so only the conformance property sees it)',
  parts: { coordinator: (seed) => new AcceptsDuplicateSeq(seed), worker: (config) => new SimWorker(config) },
};
