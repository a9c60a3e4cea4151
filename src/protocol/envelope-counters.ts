/**
 * The three per-sender counters every envelope is stamped with
 * (`message_id`, `seq_no`, `decision_seq`), each starting at 1 as in the
 * Rust coordinator. Shared by the coordinator and the worker endpoint.
 * @module
 */
import { coordinatorEnvelope, workerEnvelopeWithDecisionSeq, type WorkerEnvelope } from './envelope.js';
import type { WorkerOp } from './ops.js';

/** Next values of a sender's envelope counters. */
export class EnvelopeCounters {
  messageId = 1n;
  seqNo = 1n;
  decisionSeq = 1n;

  /**
   * Build the next envelope for `op` and advance every counter.
   * `workerId` is `null` for the coordinator, the worker's id otherwise.
   */
  next(workerId: string | null, seed: bigint, turn: bigint, op: WorkerOp): WorkerEnvelope {
    const env =
      workerId === null
        ? coordinatorEnvelope(this.messageId, this.seqNo, this.decisionSeq, seed, turn, op)
        : workerEnvelopeWithDecisionSeq(workerId, this.messageId, this.seqNo, this.decisionSeq, seed, turn, op);
    // Usually all three counters are equal: then one bigint is made for the next value and shared.
    const seqNo = this.seqNo + 1n;
    this.messageId = this.messageId === this.seqNo ? seqNo : this.messageId + 1n;
    this.decisionSeq = this.decisionSeq === this.seqNo ? seqNo : this.decisionSeq + 1n;
    this.seqNo = seqNo;
    return env;
  }
}
