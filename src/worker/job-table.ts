/**
 * `JobTable`: the worker's jobs and the per-job protocol rules. The endpoint
 * checks the envelope, then hands the op to the table; the table changes job
 * state and sends replies through the `send` callback it was built with.
 *
 * Rules (states as in `worker-job.ts`):
 * - `SpawnJob` → job `Queued`, behaviour looked up once. Tracked id →
 *   `DuplicateJobId`.
 * - `step` → `Queued → Running` (sending `StatusSnapshot(Running)` when the
 *   job's `snapshotOnStart` is set), then one unit of work per call; the call
 *   doing the last unit settles the job and sends `JobCompleted` with the
 *   behaviour's outcome. `steps: 0` settles on the starting call.
 * - `PollStatus` on a `Queued`/`Running` job → `StatusSnapshot` of that state
 *   with detail `"<done>/<steps> steps"`.
 * - `CancelJob` on a `Queued`/`Running` job → `Draining`, `CancelAcknowledged`.
 * - `DrainJob` on a `Draining` job → `Finalizing`, `DrainCompleted`.
 * - `FinalizeJob` on a `Finalizing` job → settled as `Cancelled { reason }`
 *   (the `CancelJob` reason), `FinalizeCompleted`.
 *
 * Deliberately silent (result `ok`, nothing sent):
 * - `CancelJob` on a `Completed` job → `IgnoredLateCancel`. This is the
 *   cancel-vs-completion race: the `JobCompleted` already sent settles the job
 *   and the coordinator accepts it while `CancelRequested`.
 * - `PollStatus` on a `Draining`/`Finalizing`/`Completed` job →
 *   `PollNotReported`: coordinator-owned and terminal states must never appear
 *   in a snapshot, and the messages that settle or advance the job already
 *   answer the poll.
 *
 * Refused (error, nothing sent): an unknown id → `UnknownJobId`; any other
 * op or step out of phase → `InvalidTransition { from: <worker state>, to }`
 * with `to` = `CancelRequested` (cancel), `Finalizing` (drain), `Completed`
 * (finalize) or `Running` (step).
 * @module
 */
import type { JobState, SpawnJobRequest, WorkerOp } from '../protocol/index.js';
import { checkBehaviour, type BehaviourLookup } from './job-behaviour.js';
import { workerErr, type WorkerResult } from './worker-errors.js';
import { byJobId, WorkerJob, type SettledJob, type WorkerJobState, type WorkerJobView } from './worker-job.js';

/** Why an accepted inbound envelope produced what it did. */
export type InboundNote = 'Handled' | 'IgnoredLateCancel' | 'PollNotReported';

/** What one step did. */
export type StepNote = 'Started' | 'Progressed' | 'Completed';

function note<T>(value: T): WorkerResult<T> {
  return Object.freeze({ ok: true, value });
}

/** The shared `ok` result for an op applied normally. */
export const HANDLED = note<InboundNote>('Handled');
const IGNORED_LATE_CANCEL = note<InboundNote>('IgnoredLateCancel');
const POLL_NOT_REPORTED = note<InboundNote>('PollNotReported');
const STARTED = note<StepNote>('Started');
const PROGRESSED = note<StepNote>('Progressed');
const COMPLETED = note<StepNote>('Completed');

/** The worker's job table. */
export class JobTable {
  private readonly jobs = new Map<bigint, WorkerJob>();
  // The jobs by id, kept until a spawn or forget changes the set (read every step by views and digests).
  private order: WorkerJob[] | null = null;

  constructor(
    private readonly lookup: BehaviourLookup,
    private readonly snapshotOnStart: boolean,
    private readonly send: (op: WorkerOp) => void,
  ) {}

  spawn(request: SpawnJobRequest): WorkerResult<InboundNote> {
    const jobId = request.jobId;
    if (this.jobs.has(jobId)) return workerErr({ kind: 'DuplicateJobId', jobId });
    const behaviour = checkBehaviour(this.lookup(request), jobId);
    this.jobs.set(jobId, new WorkerJob(jobId, behaviour, behaviour.snapshotOnStart ?? this.snapshotOnStart));
    this.order = null;
    return HANDLED;
  }

  step(jobId: bigint): WorkerResult<StepNote> {
    const job = this.jobs.get(jobId);
    if (job === undefined) return workerErr({ kind: 'UnknownJobId', jobId });
    const steps = job.behaviour.steps;
    if (job.state === 'Queued') {
      job.state = 'Running';
      if (job.snapshotOnStart) this.send({ type: 'StatusSnapshot', snapshot: { jobId, state: 'Running', detail: null } });
      if (steps > 0) return STARTED;
    } else if (job.state === 'Running') {
      job.stepsDone += 1;
      if (job.stepsDone < steps) return PROGRESSED;
    } else {
      return outOfPhase(job, 'Running');
    }
    const outcome = job.behaviour.outcome;
    job.settle(outcome, 'completion');
    this.send({ type: 'JobCompleted', result: { jobId, outcome } });
    return COMPLETED;
  }

  poll(jobId: bigint): WorkerResult<InboundNote> {
    const job = this.jobs.get(jobId);
    if (job === undefined) return workerErr({ kind: 'UnknownJobId', jobId });
    if (!job.live) return POLL_NOT_REPORTED;
    const detail = `${job.stepsDone}/${job.behaviour.steps} steps`;
    this.send({ type: 'StatusSnapshot', snapshot: { jobId, state: job.state, detail } });
    return HANDLED;
  }

  cancel(jobId: bigint, reason: string): WorkerResult<InboundNote> {
    const job = this.jobs.get(jobId);
    if (job === undefined) return workerErr({ kind: 'UnknownJobId', jobId });
    if (job.state === 'Completed') return IGNORED_LATE_CANCEL;
    if (!job.live) return outOfPhase(job, 'CancelRequested');
    job.state = 'Draining';
    job.cancelReason = reason;
    this.send({ type: 'CancelAcknowledged', jobId });
    return HANDLED;
  }

  drain(jobId: bigint): WorkerResult<InboundNote> {
    const job = this.jobs.get(jobId);
    if (job === undefined) return workerErr({ kind: 'UnknownJobId', jobId });
    if (job.state !== 'Draining') return outOfPhase(job, 'Finalizing');
    job.state = 'Finalizing';
    this.send({ type: 'DrainCompleted', jobId });
    return HANDLED;
  }

  finalize(jobId: bigint): WorkerResult<InboundNote> {
    const job = this.jobs.get(jobId);
    if (job === undefined) return workerErr({ kind: 'UnknownJobId', jobId });
    if (job.state !== 'Finalizing' || job.cancelReason === null) return outOfPhase(job, 'Completed');
    job.settle({ status: 'Cancelled', reason: job.cancelReason }, 'cancellation');
    this.send({ type: 'FinalizeCompleted', jobId });
    return HANDLED;
  }

  /** Remove a settled job; `false` if unknown or not settled. */
  forget(jobId: bigint): boolean {
    const job = this.jobs.get(jobId);
    if (job === undefined || job.state !== 'Completed') return false;
    this.order = null;
    return this.jobs.delete(jobId);
  }

  state(jobId: bigint): WorkerJobState | undefined {
    return this.jobs.get(jobId)?.state;
  }

  idsIn(states: ReadonlySet<WorkerJobState>): bigint[] {
    const ids: bigint[] = [];
    for (const job of this.jobs.values()) if (states.has(job.state)) ids.push(job.jobId);
    return ids.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }

  /** Every job by id: the table's own records (read-only to callers; replaced, not changed, when the set changes). */
  ordered(): readonly WorkerJob[] {
    return (this.order ??= [...this.jobs.values()].sort(byJobId));
  }

  views(): readonly WorkerJobView[] {
    return this.ordered().map((job) => job.view());
  }

  settled(): readonly SettledJob[] {
    const out: SettledJob[] = [];
    for (const job of this.jobs.values()) {
      if (job.outcome !== null && job.via !== null) {
        out.push(Object.freeze({ jobId: job.jobId, outcome: job.outcome, via: job.via }));
      }
    }
    return out.sort(byJobId);
  }
}

function outOfPhase(job: WorkerJob, to: JobState): WorkerResult<never> {
  return workerErr({ kind: 'InvalidTransition', jobId: job.jobId, from: job.state, to });
}
