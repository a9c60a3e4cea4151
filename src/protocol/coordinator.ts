/**
 * `WorkerCoordinator`: the main-thread side of the protocol, ported line for
 * line from the Rust seed.
 *
 * It owns the outbound queue, the job table and the inbound session (active
 * worker id and sequence high-water mark). Every public method returns a
 * {@link Result}; a rejected message is a value, never an exception. This
 * file holds the Rust `pub fn`s (and read-only views for tests and the
 * simulator); the struct's fields and the private `fn`s they share are in
 * its base class, `CoordinatorState` (coordinator-state.ts).
 *
 * Gotchas, all inherited from Rust and kept on purpose:
 * - `prepareInbound` records the inbound `seqNo` before the op is applied, so
 *   an op that is then rejected (an unknown job, a wrong direction, a bootstrap
 *   failure) still advances the high-water mark.
 * - A `BootstrapReady`/`BootstrapFailed` from a new worker id fails every
 *   non-terminal job and clears the outbox and the high-water mark first.
 * - Once shutdown is requested, `CancelAcknowledged` and `DrainCompleted` are
 *   accepted but no longer advance the cancel protocol.
 *
 * @example
 * ```ts
 * const coord = new WorkerCoordinator(42n);
 * coord.handleInbound(workerEnvelope('w', 1n, 1n, 42n, 0n, { type: 'BootstrapReady', workerId: 'w' }));
 * coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array());
 * coord.drainOutbox()?.op.type; // 'SpawnJob'
 * ```
 * @module
 */
import { CoordinatorState } from './coordinator-state.js';
import { validatePayloadSize, type WorkerEnvelope } from './envelope.js';
import { err, OK, type Result } from './errors.js';
import { isTerminal, type JobState } from './job-state.js';
import { rustDiscriminant } from './ops.js';
import { applyStatusSnapshot } from './inbound-checks.js';
import { TrackedJob } from './tracked-job.js';

const SHUTDOWN_IN_PROGRESS = err({ kind: 'ShutdownInProgress' });
const WORKER_NOT_READY = err<bigint>({ kind: 'WorkerNotReady' });

/** Main-thread coordinator for worker lifecycle management. */
export class WorkerCoordinator extends CoordinatorState {
  /** Advance the host turn counter. */
  advanceTurn(): void {
    this.turn += 1n;
  }

  /** Whether the worker has reported bootstrap readiness. */
  isWorkerReady(): boolean {
    return this.workerReady;
  }

  /** Whether a shutdown has been requested. */
  isShutdownRequested(): boolean {
    return this.shutdownRequested;
  }

  /** Number of tracked jobs that are neither `Completed` nor `Failed`. */
  inflightCount(): number {
    let n = 0;
    for (const job of this.jobs.values()) if (!isTerminal(job.state)) n++;
    return n;
  }

  /** Enqueue a `SpawnJob`. The value is the job id. */
  spawnJob(
    jobId: bigint,
    regionId: bigint,
    taskId: bigint,
    obligationId: bigint,
    payload: Uint8Array,
  ): Result<bigint> {
    if (!this.workerReady) return WORKER_NOT_READY;
    if (this.shutdownRequested) return err({ kind: 'ShutdownInProgress' });
    const tooLarge = validatePayloadSize(payload.length);
    if (tooLarge !== undefined) return err(tooLarge);
    if (this.jobs.has(jobId)) return err({ kind: 'DuplicateJobId', jobId });
    const tracked = new TrackedJob(jobId, regionId);
    const queued = tracked.transitionToVoid('Queued');
    if (!queued.ok) return queued;
    const envelope = this.makeEnvelope({
      type: 'SpawnJob',
      request: { jobId, regionId, taskId, obligationId, payload },
    });
    tracked.lastSeqNo = envelope.seqNo;
    this.jobs.set(jobId, tracked);
    this.outbox.push(envelope);
    return { ok: true, value: jobId };
  }

  /** Move a job to `CancelRequested` and enqueue a `CancelJob`. */
  cancelJob(jobId: bigint, reason: string): Result {
    if (this.shutdownRequested) return SHUTDOWN_IN_PROGRESS;
    const job = this.jobs.get(jobId);
    if (job === undefined) return err({ kind: 'UnknownJobId', jobId });
    const moved = job.transitionToVoid('CancelRequested');
    if (!moved.ok) return moved;
    return this.enqueueJobMessage(jobId, { type: 'CancelJob', jobId, reason });
  }

  /** Enqueue a `PollStatus` for a tracked job. */
  pollStatus(jobId: bigint): Result {
    if (this.shutdownRequested) return SHUTDOWN_IN_PROGRESS;
    if (!this.jobs.has(jobId)) return err({ kind: 'UnknownJobId', jobId });
    return this.enqueueJobMessage(jobId, { type: 'PollStatus', jobId });
  }

  /** Mark shutdown requested, discard queued session messages and enqueue `ShutdownWorker`. */
  requestShutdown(reason: string): Result {
    if (this.shutdownRequested) return SHUTDOWN_IN_PROGRESS;
    this.shutdownRequested = true;
    this.outbox.clear();
    this.outbox.push(this.makeEnvelope({ type: 'ShutdownWorker', reason }));
    return OK;
  }

  /** Process an inbound message from the worker. */
  handleInbound(envelope: WorkerEnvelope): Result {
    const prepared = this.prepareInbound(envelope);
    if (!prepared.ok) return prepared;
    const op = envelope.op;
    switch (op.type) {
      case 'BootstrapReady':
        this.activeWorker = op.workerId;
        this.workerReady = true;
        this.shutdownRequested = false;
        return OK;
      case 'BootstrapFailed':
        this.failNonterminalJobs();
        this.outbox.clear();
        // Forget the failed worker so its follow-ups cannot pass the session check.
        this.activeWorker = null;
        this.workerReady = false;
        this.shutdownRequested = false;
        return err({ kind: 'BootstrapFailed', reason: op.reason });
      case 'StatusSnapshot':
        return applyStatusSnapshot(this.jobs.get(op.snapshot.jobId), op.snapshot);
      case 'JobCompleted': {
        const jobId = op.result.jobId;
        const job = this.jobs.get(jobId);
        if (job === undefined) return err({ kind: 'UnknownJobId', jobId });
        const s = job.state;
        if (s !== 'Queued' && s !== 'Running' && s !== 'CancelRequested') {
          return err({ kind: 'UnexpectedCompletionPhase', jobId, state: s });
        }
        return job.transitionToVoid('Completed');
      }
      case 'CancelAcknowledged':
        return this.advanceCancelProtocol(op.jobId, 'Draining', { type: 'DrainJob', jobId: op.jobId });
      case 'DrainCompleted':
        return this.advanceCancelProtocol(op.jobId, 'Finalizing', {
          type: 'FinalizeJob',
          jobId: op.jobId,
        });
      case 'FinalizeCompleted': {
        const job = this.jobs.get(op.jobId);
        if (job === undefined) return err({ kind: 'UnknownJobId', jobId: op.jobId });
        return job.transitionToVoid('Completed');
      }
      case 'ShutdownCompleted':
        this.failNonterminalJobs();
        this.outbox.clear();
        this.activeWorker = null;
        this.shutdownRequested = false;
        this.workerReady = false;
        return OK;
      case 'Diagnostic':
        return OK;
      case 'SpawnJob':
      case 'PollStatus':
      case 'CancelJob':
      case 'DrainJob':
      case 'FinalizeJob':
      case 'ShutdownWorker':
        return err({ kind: 'UnexpectedDirection', op: rustDiscriminant(op.type) });
      default: {
        const never: never = op;
        return never;
      }
    }
  }

  /** Pop the next outbound message, if any. */
  drainOutbox(): WorkerEnvelope | undefined {
    return this.outbox.shift();
  }

  /** The current state of a tracked job. */
  jobState(jobId: bigint): JobState | undefined {
    return this.jobs.get(jobId)?.state;
  }

  /** Stop tracking a job; returns its last state, or `undefined` if unknown. */
  removeJob(jobId: bigint): JobState | undefined {
    const job = this.jobs.get(jobId);
    if (job === undefined) return undefined;
    this.jobs.delete(jobId);
    return job.state;
  }

  // ── Observation (not in the Rust API; read-only views for tests and the simulator) ──

  /** Highest inbound worker sequence accepted in this session. */
  get lastInboundSeqNo(): bigint {
    return this.lastInbound;
  }

  /** Worker runtime instance of the current inbound session, if any. */
  get activeWorkerId(): string | null {
    return this.activeWorker;
  }

  /** Current host turn. */
  get currentTurn(): bigint {
    return this.turn;
  }

  /** The `seqNo` the next outbound envelope will carry. */
  get nextSeqNo(): bigint {
    return this.counters.seqNo;
  }

  /** Envelopes still queued, oldest first, without removing them. */
  pendingOutbox(): readonly WorkerEnvelope[] {
    return this.outbox.pending();
  }

  /** How many envelopes are queued: `pendingOutbox().length` without the copy (read after every step by the asupersync digest). */
  get pendingCount(): number {
    return this.outbox.size;
  }

  /** Tracked jobs sorted by job id, as the Rust `BTreeMap` iterates them. */
  trackedJobs(): readonly Readonly<TrackedJob>[] {
    const jobs = [...this.jobs.values()];
    // Jobs are nearly always spawned in id order, so the map's own order usually is the answer:
    // check it (linear, read by the simulator after every step) before sorting.
    for (let i = 1; i < jobs.length; i++) {
      if ((jobs[i - 1] as TrackedJob).jobId > (jobs[i] as TrackedJob).jobId) {
        return jobs.sort((a, b) => (a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : 0));
      }
    }
    return jobs;
  }
}
