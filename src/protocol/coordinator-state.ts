/**
 * `CoordinatorState`: the fields of the Rust `WorkerCoordinator` struct and
 * the private `fn`s of its `impl`, which its public methods share: the
 * inbound preamble (validate, session reset, session check, sequence
 * high-water mark), the cancel protocol's next step, and the making and
 * queueing of outbound envelopes. `WorkerCoordinator` (coordinator.ts)
 * extends it with the public API, as the Rust `pub fn`s.
 *
 * Details: the preamble is split into overridable steps, and every field is
 * protected, so that a test variant (the planted-bug zoo) can change one step
 * or reach one field alone.
 *
 * Gotcha (inherited from Rust): `prepareInbound` records the inbound `seqNo`
 * before the op is applied, so an op that is then rejected still advances the
 * high-water mark.
 *
 * @example
 * ```ts
 * class KeepsInboundSeq extends WorkerCoordinator {
 *   protected override resetInboundSession(): void {
 *     this.failNonterminalJobs();
 *     this.outbox.clear(); // the high-water mark is kept: a planted bug
 *   }
 * }
 * ```
 * @module
 */
import { validateEnvelope, type WorkerEnvelope } from './envelope.js';
import { EnvelopeCounters } from './envelope-counters.js';
import { EnvelopeQueue } from './envelope-queue.js';
import { err, OK, type Result } from './errors.js';
import { isTerminal, type JobState } from './job-state.js';
import type { WorkerOp } from './ops.js';
import { checkInboundWorkerSession } from './inbound-checks.js';
import { TrackedJob } from './tracked-job.js';

/** The coordinator's state, and the helpers that keep its inbound session and outbox. */
export class CoordinatorState {
  protected readonly outbox = new EnvelopeQueue();
  protected readonly counters = new EnvelopeCounters();
  // Insertion-ordered; every observer that needs an order sorts by job id (Rust uses a BTreeMap).
  protected readonly jobs = new Map<bigint, TrackedJob>();
  protected turn = 0n;
  protected lastInbound = 0n;
  protected activeWorker: string | null = null;
  protected workerReady = false;
  protected shutdownRequested = false;

  /** Create a coordinator with the given deterministic seed. */
  constructor(readonly seed: bigint) {}

  /**
   * Rust's private `enqueue_job_message`: enqueue `op` about a tracked job
   * without any state transition. Exposed because the seed's own tests call it.
   * @internal
   */
  enqueueJobMessage(jobId: bigint, op: WorkerOp): Result {
    const job = this.jobs.get(jobId);
    if (job === undefined) return err({ kind: 'UnknownJobId', jobId });
    const envelope = this.makeEnvelope(op);
    job.lastSeqNo = envelope.seqNo;
    this.outbox.push(envelope);
    return OK;
  }

  /**
   * Overwrite the next decision sequence, as the seed's test
   * `coordinator_emits_independent_decision_sequence` does.
   * @internal
   */
  setNextDecisionSeq(value: bigint): void {
    this.counters.decisionSeq = value;
  }

  protected advanceCancelProtocol(jobId: bigint, next: JobState, followUp: WorkerOp): Result {
    const job = this.jobs.get(jobId);
    if (job === undefined) return err({ kind: 'UnknownJobId', jobId });
    // After a shutdown request no new job-scoped control traffic is emitted; the
    // job is failed when the worker reports shutdown or the session resets.
    if (this.shutdownRequested) return OK;
    const moved = job.transitionToVoid(next);
    if (!moved.ok) return moved;
    return this.enqueueJobMessage(jobId, followUp);
  }

  // Rust's `handle_inbound` preamble, split into its three steps so that a
  // test variant (the planted-bug zoo) can change one of them alone.
  protected prepareInbound(envelope: WorkerEnvelope): Result {
    const invalid = validateEnvelope(envelope);
    if (invalid !== undefined) return err(invalid);
    const op = envelope.op;
    if ((op.type === 'BootstrapReady' || op.type === 'BootstrapFailed') && this.activeWorker !== op.workerId) {
      this.resetInboundSession();
    }
    const session = this.checkInboundSession(envelope);
    if (!session.ok) return session;
    return this.acceptInboundSeq(envelope);
  }

  /** A new worker bootstrapped: the old session's jobs fail, its sequence and queued messages are gone. */
  protected resetInboundSession(): void {
    this.failNonterminalJobs();
    this.lastInbound = 0n;
    this.outbox.clear();
  }

  protected checkInboundSession(envelope: WorkerEnvelope): Result {
    return checkInboundWorkerSession(this.activeWorker, envelope);
  }

  /** Refuse a sequence number at or below the high-water mark; otherwise raise the mark. */
  protected acceptInboundSeq(envelope: WorkerEnvelope): Result {
    if (envelope.seqNo <= this.lastInbound) {
      return err({ kind: 'InboundSequenceNotFresh', lastSeen: this.lastInbound, actual: envelope.seqNo });
    }
    this.lastInbound = envelope.seqNo;
    return OK;
  }

  protected failNonterminalJobs(): void {
    for (const job of this.jobs.values()) {
      if (!isTerminal(job.state)) job.transitionToVoid('Failed');
    }
  }

  protected makeEnvelope(op: WorkerOp): WorkerEnvelope {
    return this.counters.next(null, this.seed, this.turn, op);
  }
}
