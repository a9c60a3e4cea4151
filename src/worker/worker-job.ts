/**
 * The worker's record of one job, and the read-only views it exposes.
 *
 * A worker-side job state is spelled as the coordinator `JobState` that the
 * worker's messages about the job put the coordinator in once delivered:
 *
 * ```text
 * Queued ──step──▶ Running ──last step──▶ Completed        (JobCompleted sent)
 *   │                 │
 *   └──CancelJob──────┴──▶ Draining ──DrainJob──▶ Finalizing ──FinalizeJob──▶ Completed
 *        (CancelAcknowledged sent)  (DrainCompleted sent)     (FinalizeCompleted sent)
 * ```
 *
 * So with an idle channel the coordinator's `jobState(id)` equals the
 * worker's state for every job both still track. `Draining` here means "the
 * job has stopped and awaits its bounded drain", `Finalizing` "drained, awaits
 * finalize". The worker never holds `Created`, `CancelRequested` or `Failed`:
 * those exist only on the coordinator side.
 *
 * A job is *settled* once `Completed`: by natural completion with its
 * behaviour's outcome, or by the cancel protocol with `Cancelled { reason }`
 * carrying the `CancelJob` reason.
 * @module
 */
import type { JobOutcome, JobState } from '../protocol/index.js';
import type { JobBehaviour } from './job-behaviour.js';

/** The job states a worker can hold (see the module doc for their meaning). */
export type WorkerJobState = Extract<JobState, 'Queued' | 'Running' | 'Draining' | 'Finalizing' | 'Completed'>;

/** How a settled job got there. */
export type SettledVia = 'completion' | 'cancellation';

/** A snapshot of one job as the worker sees it. */
export interface WorkerJobView {
  readonly jobId: bigint;
  readonly state: WorkerJobState;
  /** Units of work done so far (0 until the first step after start). */
  readonly stepsDone: number;
  /** Units of work the behaviour asked for. */
  readonly steps: number;
  /** The `CancelJob` reason once cancellation was acknowledged, else `null`. */
  readonly cancelReason: string | null;
  /** The settled outcome once `Completed`, else `null`. */
  readonly outcome: JobOutcome | null;
}

/** A job the worker has settled, and how. */
export interface SettledJob {
  readonly jobId: bigint;
  readonly outcome: JobOutcome;
  readonly via: SettledVia;
}

/** Mutable worker-side job record. Internal to the endpoint (handed out read-only by `WorkerEndpoint.jobRecords`). */
export class WorkerJob implements WorkerJobView {
  state: WorkerJobState = 'Queued';
  stepsDone = 0;
  cancelReason: string | null = null;
  outcome: JobOutcome | null = null;
  via: SettledVia | null = null;

  constructor(
    readonly jobId: bigint,
    readonly behaviour: JobBehaviour,
    readonly snapshotOnStart: boolean,
  ) {}

  /** Units of work the behaviour asked for. */
  get steps(): number {
    return this.behaviour.steps;
  }

  /** Whether the job can still make progress or be cancelled (`Queued` or `Running`). */
  get live(): boolean {
    return this.state === 'Queued' || this.state === 'Running';
  }

  /** Settle the job. */
  settle(outcome: JobOutcome, via: SettledVia): void {
    this.state = 'Completed';
    this.outcome = outcome;
    this.via = via;
  }

  /** A frozen copy safe to hand out. */
  view(): WorkerJobView {
    return Object.freeze({
      jobId: this.jobId,
      state: this.state,
      stepsDone: this.stepsDone,
      steps: this.behaviour.steps,
      cancelReason: this.cancelReason,
      outcome: this.outcome,
    });
  }
}

/** Order jobs by id, as the coordinator's Rust `BTreeMap` does. */
export function byJobId(a: { readonly jobId: bigint }, b: { readonly jobId: bigint }): number {
  return a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : 0;
}
