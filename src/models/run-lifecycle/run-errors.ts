/**
 * Typed errors of `RunInstance`, ported from the seed as discriminated unions on `kind`.
 *
 * Details:
 * - {@link RunInstanceConstructionError} is the seed's enum of the same name
 *   (lines 5-27); {@link RunInstanceError} is lines 314-380. Variant and field
 *   names are kept (fields in camelCase), so a trace's `error` is the Rust
 *   variant name.
 * - {@link describeRunError} reproduces the seed's `Display` text
 *   (lines 28-46 and 381-428), with `{:?}` of a state rendered as its variant name.
 * - Ids are strings here (the seed uses UUID newtypes); u64 timestamps are bigint.
 *
 * Gotcha: errors are values, never thrown; every fallible `RunInstance`
 * method returns a {@link Result}.
 *
 * @example
 * ```ts
 * const r = run.finishAttempt('r0/a1');
 * if (!r.ok && r.error.kind === 'AttemptOwnershipMismatch') r.error.expectedAttemptId;
 * ```
 * @module
 */
import type { RunState } from './run-state.js';

/** A run identifier (the seed's `RunId`, a UUID newtype). */
export type RunId = string;
/** A task identifier (the seed's `TaskId`). */
export type TaskId = string;
/** An attempt identifier (the seed's `AttemptId`). */
export type AttemptId = string;

/** Rust's `Result`, as a tagged union. */
export type Result<T, E> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/** Validation errors of the `RunInstance` constructors (seed lines 5-27). */
export type RunInstanceConstructionError =
  | { readonly kind: 'InvalidRunId'; readonly runId: RunId }
  | { readonly kind: 'InvalidTaskId'; readonly taskId: TaskId }
  | {
      readonly kind: 'ReadyScheduledAtAfterCreatedAt';
      readonly runId: RunId;
      readonly scheduledAt: bigint;
      readonly createdAt: bigint;
    };

/** Lifecycle and mutation errors of `RunInstance` (seed lines 314-380). */
export type RunInstanceError =
  | { readonly kind: 'InvalidTransition'; readonly runId: RunId; readonly from: RunState; readonly to: RunState }
  | { readonly kind: 'AttemptInProgress'; readonly runId: RunId; readonly activeAttemptId: AttemptId }
  | { readonly kind: 'AttemptStartRequiresRunning'; readonly runId: RunId; readonly currentState: RunState }
  | { readonly kind: 'AttemptFinishRequiresRunning'; readonly runId: RunId; readonly currentState: RunState }
  | { readonly kind: 'AttemptAlreadyActive'; readonly runId: RunId; readonly activeAttemptId: AttemptId }
  | {
      readonly kind: 'AttemptOwnershipMismatch';
      readonly runId: RunId;
      readonly expectedAttemptId: AttemptId;
      readonly actualAttemptId: AttemptId;
    }
  | { readonly kind: 'NoActiveAttempt'; readonly runId: RunId }
  | { readonly kind: 'AttemptCountOverflow'; readonly runId: RunId }
  | { readonly kind: 'PriorityMutationRequiresReady'; readonly runId: RunId; readonly currentState: RunState };

/** The seed's `Display` text of either error type. */
export function describeRunError(e: RunInstanceError | RunInstanceConstructionError): string {
  switch (e.kind) {
    case 'InvalidRunId':
      return `invalid run_id for run construction: ${e.runId}`;
    case 'InvalidTaskId':
      return `invalid task_id for run construction: ${e.taskId}`;
    case 'ReadyScheduledAtAfterCreatedAt':
      return `run ${e.runId} cannot be created in Ready with scheduled_at (${e.scheduledAt}) > created_at (${e.createdAt})`;
    case 'InvalidTransition':
      return `invalid run transition for ${e.runId}: ${e.from} -> ${e.to}`;
    case 'AttemptInProgress':
      return `run ${e.runId} cannot leave Running while attempt ${e.activeAttemptId} is active`;
    case 'AttemptStartRequiresRunning':
      return `run ${e.runId} cannot start attempt in state ${e.currentState}`;
    case 'AttemptFinishRequiresRunning':
      return `run ${e.runId} cannot finish attempt in state ${e.currentState}`;
    case 'AttemptAlreadyActive':
      return `run ${e.runId} already has active attempt ${e.activeAttemptId}`;
    case 'AttemptOwnershipMismatch':
      return `run ${e.runId} attempt mismatch: expected ${e.expectedAttemptId}, got ${e.actualAttemptId}`;
    case 'NoActiveAttempt':
      return `run ${e.runId} has no active attempt`;
    case 'AttemptCountOverflow':
      return `run ${e.runId} attempt counter overflow`;
    case 'PriorityMutationRequiresReady':
      return `run ${e.runId} priority can only be updated in Ready state (current: ${e.currentState})`;
    default: {
      const never: never = e;
      throw new Error(`unreachable run error ${String(never)}`);
    }
  }
}
