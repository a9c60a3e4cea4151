/**
 * `TrackedJob`: the coordinator's record of one in-flight job.
 * @module
 */
import { err, OK, type Result } from './errors.js';
import { canTransitionTo, type JobState } from './job-state.js';

/** Main-thread tracking state for a job. */
export class TrackedJob {
  /** Current lifecycle state. */
  state: JobState = 'Created';
  /** Sequence number of the last message sent about this job (0 until one is sent). */
  lastSeqNo = 0n;

  /** A new tracked job in the `Created` state. */
  constructor(
    readonly jobId: bigint,
    readonly regionId: bigint,
  ) {}

  /**
   * Move to `next` if the transition table allows it. On success the value is
   * the previous state; on failure the job is unchanged and the error is
   * `InvalidTransition`.
   */
  transitionTo(next: JobState): Result<JobState> {
    const prev = this.state;
    if (!canTransitionTo(prev, next)) {
      return err({ kind: 'InvalidTransition', jobId: this.jobId, from: prev, to: next });
    }
    this.state = next;
    return { ok: true, value: prev };
  }

  /** Same as {@link transitionTo}, without allocating the previous-state result. */
  transitionToVoid(next: JobState): Result {
    if (!canTransitionTo(this.state, next)) {
      return err({ kind: 'InvalidTransition', jobId: this.jobId, from: this.state, to: next });
    }
    this.state = next;
    return OK;
  }
}
