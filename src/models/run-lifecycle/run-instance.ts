/**
 * `RunInstance`: one scheduled occurrence of a task, ported from the seed
 * (`004_ff9a3b290a43025f.txt`, lines 48-313 and 486-505).
 *
 * Details:
 * - `transitionTo` checks the canonical table, then refuses to leave
 *   `Running` while an attempt is open (except to `Canceled`), and clears the
 *   attempt on every move to a state other than `Running` (seed lines 220-243).
 * - Attempt ownership: `startAttempt` needs `Running` and no open attempt and
 *   bumps `attemptCount` (u32, overflow is an error); `finishAttempt(id)`
 *   succeeds only for the open attempt, otherwise `AttemptOwnershipMismatch`,
 *   `NoActiveAttempt` or `AttemptFinishRequiresRunning` (lines 271-312).
 *   A rejected call changes nothing.
 * - u64 timestamps (`createdAt`, `scheduledAt`, `lastStateChangeAt`) are bigint.
 *
 * Gotcha: the seed's `new_scheduled`/`new_ready` draw a random `RunId`; that
 * would break determinism, so only the `_with_id` constructors are ported.
 *
 * @example
 * ```ts
 * const run = unwrap(RunInstance.newScheduledWithId('r0', 't0', 0n, 0n));
 * run.transitionTo('Ready'); run.transitionTo('Leased'); run.transitionTo('Running');
 * run.startAttempt('r0/a1'); // { ok: true }
 * run.finishAttempt('r0/a0'); // AttemptOwnershipMismatch, run unchanged
 * ```
 * @module
 */
import type { AttemptId, Result, RunId, RunInstanceConstructionError, RunInstanceError, TaskId } from './run-errors.js';
import { isTerminal, isValidTransition, type RunState } from './run-state.js';

/** Largest Rust `u32`, the bound of `attempt_count`. */
export const U32_MAX = 0xffff_ffff;

const NIL_UUID = '00000000-0000-0000-0000-000000000000';
const OK: Result<void, never> = { ok: true, value: undefined };

/** A fallible mutation's result. */
export type RunResult = Result<void, RunInstanceError>;

/** Unwrap a {@link Result}, throwing its error kind (for tests and fixtures). */
export function unwrap<T, E extends { readonly kind: string }>(r: Result<T, E>): T {
  if (!r.ok) throw new Error(`unwrap on ${r.error.kind}`);
  return r.value;
}

/** A run instance and its lifecycle rules. Mutable, like the Rust `&mut self` API. */
export class RunInstance {
  private constructor(
    readonly id: RunId,
    readonly taskId: TaskId,
    private stateValue: RunState,
    private currentAttempt: AttemptId | null,
    private attempts: number,
    readonly createdAt: bigint,
    readonly scheduledAt: bigint,
    private priority: number,
    private lastChangeAt: bigint,
  ) {}

  /** `new_scheduled_with_id` (seed lines 94-112). */
  static newScheduledWithId(
    id: RunId,
    taskId: TaskId,
    scheduledAt: bigint,
    createdAt: bigint,
  ): Result<RunInstance, RunInstanceConstructionError> {
    const bad = validateIdentifiers(id, taskId);
    if (bad !== null) return { ok: false, error: bad };
    return { ok: true, value: new RunInstance(id, taskId, 'Scheduled', null, 0, createdAt, scheduledAt, 0, createdAt) };
  }

  /** `new_ready_with_id` (seed lines 123-149): a Ready run may not be scheduled in the future. */
  static newReadyWithId(
    id: RunId,
    taskId: TaskId,
    scheduledAt: bigint,
    createdAt: bigint,
    effectivePriority: number,
  ): Result<RunInstance, RunInstanceConstructionError> {
    const bad = validateIdentifiers(id, taskId);
    if (bad !== null) return { ok: false, error: bad };
    if (scheduledAt > createdAt) {
      return { ok: false, error: { kind: 'ReadyScheduledAtAfterCreatedAt', runId: id, scheduledAt, createdAt } };
    }
    const run = new RunInstance(id, taskId, 'Ready', null, 0, createdAt, scheduledAt, effectivePriority, createdAt);
    return { ok: true, value: run };
  }

  /** Current lifecycle state. */
  get state(): RunState {
    return this.stateValue;
  }
  /** The open attempt, if any. */
  get currentAttemptId(): AttemptId | null {
    return this.currentAttempt;
  }
  /** Number of started attempts (u32). */
  get attemptCount(): number {
    return this.attempts;
  }
  /** Priority snapshot used for selection ordering (i32). */
  get effectivePriority(): number {
    return this.priority;
  }
  /** Timestamp of the most recent state change. */
  get lastStateChangeAt(): bigint {
    return this.lastChangeAt;
  }
  /** Whether the run is terminal. */
  isTerminal(): boolean {
    return isTerminal(this.stateValue);
  }

  /** Record when the last state change happened; the caller keeps it monotonic (seed lines 203-215). */
  recordStateChangeAt(timestamp: bigint): void {
    this.lastChangeAt = timestamp;
  }

  /** `transition_to` (seed lines 216-243). */
  transitionTo(to: RunState): RunResult {
    const from = this.stateValue;
    if (!isValidTransition(from, to)) return { ok: false, error: { kind: 'InvalidTransition', runId: this.id, from, to } };
    // Cancel may abandon an open attempt; every other exit from Running must finish it first.
    if (from === 'Running' && to !== 'Running' && to !== 'Canceled' && this.currentAttempt !== null) {
      return { ok: false, error: { kind: 'AttemptInProgress', runId: this.id, activeAttemptId: this.currentAttempt } };
    }
    if (to !== 'Running') this.currentAttempt = null;
    this.stateValue = to;
    return OK;
  }

  /** `promote_to_ready` (seed lines 244-247). */
  promoteToReady(): RunResult {
    return this.transitionTo('Ready');
  }

  /** `promote_to_ready_with_priority` (seed lines 248-256): the priority changes only if the move succeeds. */
  promoteToReadyWithPriority(effectivePriority: number): RunResult {
    const r = this.transitionTo('Ready');
    if (r.ok) this.priority = effectivePriority;
    return r;
  }

  /** `set_effective_priority` (seed lines 257-270): only while Ready. */
  setEffectivePriority(effectivePriority: number): RunResult {
    if (this.stateValue !== 'Ready') {
      return { ok: false, error: { kind: 'PriorityMutationRequiresReady', runId: this.id, currentState: this.stateValue } };
    }
    this.priority = effectivePriority;
    return OK;
  }

  /** `start_attempt` (seed lines 271-291). */
  startAttempt(attemptId: AttemptId): RunResult {
    if (this.stateValue !== 'Running') {
      return { ok: false, error: { kind: 'AttemptStartRequiresRunning', runId: this.id, currentState: this.stateValue } };
    }
    if (this.currentAttempt !== null) {
      return { ok: false, error: { kind: 'AttemptAlreadyActive', runId: this.id, activeAttemptId: this.currentAttempt } };
    }
    if (this.attempts >= U32_MAX) return { ok: false, error: { kind: 'AttemptCountOverflow', runId: this.id } };
    this.attempts += 1;
    this.currentAttempt = attemptId;
    return OK;
  }

  /** `finish_attempt` (seed lines 292-312): the attempt-ownership fence. */
  finishAttempt(attemptId: AttemptId): RunResult {
    if (this.stateValue !== 'Running') {
      return { ok: false, error: { kind: 'AttemptFinishRequiresRunning', runId: this.id, currentState: this.stateValue } };
    }
    if (this.currentAttempt === null) return { ok: false, error: { kind: 'NoActiveAttempt', runId: this.id } };
    if (this.currentAttempt !== attemptId) {
      const error = { kind: 'AttemptOwnershipMismatch', runId: this.id, expectedAttemptId: this.currentAttempt, actualAttemptId: attemptId } as const;
      return { ok: false, error };
    }
    this.currentAttempt = null;
    return OK;
  }

  /**
   * `restore_attempt_state_for_bootstrap` (seed lines 486-505): sets the
   * attempt fields directly, bypassing every rule. Bootstrap only; the model's
   * `bugNoFencing` variant misuses it on purpose.
   */
  restoreAttemptStateForBootstrap(count: number, activeAttempt: AttemptId | null): void {
    this.attempts = count;
    this.currentAttempt = activeAttempt;
  }
}

// `validate_identifiers` (seed lines 150-162): nil UUIDs are invalid; here also the empty string.
function validateIdentifiers(id: RunId, taskId: TaskId): RunInstanceConstructionError | null {
  if (id === '' || id === NIL_UUID) return { kind: 'InvalidRunId', runId: id };
  if (taskId === '' || taskId === NIL_UUID) return { kind: 'InvalidTaskId', taskId };
  return null;
}
