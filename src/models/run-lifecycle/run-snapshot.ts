/**
 * A `RunInstance` as plain JSON, and the seed's well-formedness rules for it.
 *
 * Details:
 * - {@link toRunSnapshot} renders every field; u64 timestamps become decimal
 *   strings so the snapshot is plain JSON (the sim core stores views in traces).
 * - {@link runSnapshotProblem} ports the checks of the seed's serde
 *   `Deserialize` (lines 430-485): an open attempt only in `Running`, never in
 *   a terminal state, and a `Ready` run not scheduled after its creation.
 *   The model's invariants reuse it on every step.
 *
 * Gotcha: the Ready-causality rule (seed line 467) contradicts the seed's own
 * lifecycle: `new_scheduled_with_id` accepts `scheduled_at > created_at` and
 * `promote_to_ready` never looks at time, so a run created at t=0, scheduled
 * for t=2 and promoted at t=2 is a legal `Ready` run whose snapshot the
 * deserializer would reject. The model creates exactly such runs, so its
 * invariant passes `checkReadyCausality: false`; a unit test pins the mismatch.
 *
 * @example
 * ```ts
 * runSnapshotProblem(toRunSnapshot(run), { checkReadyCausality: false }); // null when well-formed
 * ```
 * @module
 */
import type { RunInstance } from './run-instance.js';
import { isTerminal, type RunState } from './run-state.js';

/** JSON form of a run (field names as in the seed, camelCased). */
// A type alias, not an interface, so it is assignable to the core's `Json`.
export type RunSnapshot = {
  readonly id: string;
  readonly taskId: string;
  readonly state: RunState;
  readonly currentAttemptId: string | null;
  readonly attemptCount: number;
  readonly createdAt: string;
  readonly scheduledAt: string;
  readonly effectivePriority: number;
  readonly lastStateChangeAt: string;
};

/** Snapshot every field of `run`. */
export function toRunSnapshot(run: RunInstance): RunSnapshot {
  return {
    id: run.id,
    taskId: run.taskId,
    state: run.state,
    currentAttemptId: run.currentAttemptId,
    attemptCount: run.attemptCount,
    createdAt: run.createdAt.toString(),
    scheduledAt: run.scheduledAt.toString(),
    effectivePriority: run.effectivePriority,
    lastStateChangeAt: run.lastStateChangeAt.toString(),
  };
}

/** The first rule of the seed's deserializer that `s` breaks, or `null`. */
export function runSnapshotProblem(s: RunSnapshot, opts: { readonly checkReadyCausality: boolean }): string | null {
  if (s.id === '') return 'run_id must not be nil';
  if (s.taskId === '') return 'task_id must not be nil';
  if (s.state !== 'Running' && s.currentAttemptId !== null) return 'active attempt_id is only valid in Running state';
  if (isTerminal(s.state) && s.currentAttemptId !== null) return 'terminal state cannot have an active attempt';
  if (opts.checkReadyCausality && s.state === 'Ready' && BigInt(s.scheduledAt) > BigInt(s.createdAt)) {
    return `Ready state requires scheduled_at (${s.scheduledAt}) <= created_at (${s.createdAt})`;
  }
  return null;
}
