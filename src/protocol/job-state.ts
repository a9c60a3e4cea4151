/**
 * Job lifecycle states and the transition table of the worker offload policy.
 *
 * ```text
 * Created → Queued → Running → Completed
 *              ↓        ↓   ↘
 *        CancelRequested → Draining → Finalizing → Completed
 *              ↘
 *               Completed (cancel raced with natural completion before ack)
 * ```
 * Any non-terminal state may also move to `Failed` when the worker session
 * dies or is replaced before the job reaches a terminal outcome.
 *
 * The string values are the serde names, so a `JobState` is its own JSON.
 * @module
 */

/** Every job state, in the Rust declaration order (which is also the serde order). */
export const JOB_STATES = [
  'Created',
  'Queued',
  'Running',
  'CancelRequested',
  'Draining',
  'Finalizing',
  'Completed',
  'Failed',
] as const;

/** Job lifecycle state, spelled as serde spells the Rust variant. */
export type JobState = (typeof JOB_STATES)[number];

// One bit per state; the table is a bitmask per source state so a check is
// one array load and one AND on the hot path.
const BIT: Readonly<Record<JobState, number>> = {
  Created: 1 << 0,
  Queued: 1 << 1,
  Running: 1 << 2,
  CancelRequested: 1 << 3,
  Draining: 1 << 4,
  Finalizing: 1 << 5,
  Completed: 1 << 6,
  Failed: 1 << 7,
};

const NEXT: Readonly<Record<JobState, number>> = {
  Created: BIT.Queued | BIT.Failed,
  Queued: BIT.Running | BIT.CancelRequested | BIT.Completed | BIT.Failed,
  Running: BIT.Completed | BIT.CancelRequested | BIT.Failed,
  CancelRequested: BIT.Completed | BIT.Draining | BIT.Failed,
  Draining: BIT.Finalizing | BIT.Failed,
  Finalizing: BIT.Completed | BIT.Failed,
  Completed: 0,
  Failed: 0,
};

/** Whether `from → to` is an edge of the transition table (`JobState::can_transition_to`). */
export function canTransitionTo(from: JobState, to: JobState): boolean {
  return (NEXT[from] & BIT[to]) !== 0;
}

/** Whether the state is terminal (`Completed` or `Failed`). */
export function isTerminal(state: JobState): boolean {
  return state === 'Completed' || state === 'Failed';
}

/**
 * Whether a worker may report this state in a `StatusSnapshot`.
 *
 * Only states the worker observes organically (`Queued`, `Running`) qualify;
 * `CancelRequested`, `Draining` and `Finalizing` belong to the coordinator's
 * explicit cancel protocol.
 */
export function allowedInStatusSnapshot(state: JobState): boolean {
  return state === 'Queued' || state === 'Running';
}

/** The Rust `Display` text of a state (`cancel_requested`, ...), used in error messages. */
export function displayJobState(state: JobState): string {
  switch (state) {
    case 'Created':
      return 'created';
    case 'Queued':
      return 'queued';
    case 'Running':
      return 'running';
    case 'CancelRequested':
      return 'cancel_requested';
    case 'Draining':
      return 'draining';
    case 'Finalizing':
      return 'finalizing';
    case 'Completed':
      return 'completed';
    case 'Failed':
      return 'failed';
    default:
      return assertNever(state);
  }
}

/** Exhaustiveness guard for `switch` statements over closed unions. */
export function assertNever(value: never): never {
  throw new Error(`unreachable: unexpected value ${String(value)}`);
}

/** Type guard for the serde spelling of a job state. */
export function isJobState(value: unknown): value is JobState {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(BIT, value);
}
