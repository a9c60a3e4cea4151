/**
 * Coordinator-side helpers shared by the worker RPCs and the housekeeping actors.
 *
 * Details:
 * - {@link moveRun} is `transition_to` plus `record_state_change_at(now)`, the
 *   pairing the seed expects of its reducer (lines 203-215).
 * - {@link closeOutcome} decides where a run goes once its attempt is closed:
 *   `Completed` on success; on failure `RetryWait` while attempts remain,
 *   else `Failed` (so `attemptCount` never exceeds `maxAttempts`).
 *
 * Gotcha: both leave the lease alone when the move is rejected, so a
 * rejected step changes nothing.
 *
 * @example
 * ```ts
 * const r = moveRun(cluster, slot, closeOutcome(cluster, slot, 'failure'));
 * ```
 * @module
 */
import type { Cluster, Outcome, RunSlot } from './cluster.js';
import type { RunResult } from './run-instance.js';
import type { RunState } from './run-state.js';

/** Transition the run and stamp the change with the virtual clock; clears the lease when leaving Leased/Running. */
export function moveRun(c: Cluster, slot: RunSlot, to: RunState): RunResult {
  const r = slot.run.transitionTo(to);
  if (r.ok) {
    slot.run.recordStateChangeAt(c.now);
    if (to !== 'Leased' && to !== 'Running') slot.lease = null;
  }
  return r;
}

/** Target state for a run whose attempt just closed with `outcome`. */
export function closeOutcome(c: Cluster, slot: RunSlot, outcome: Outcome): RunState {
  if (outcome === 'success') return 'Completed';
  return slot.run.attemptCount >= c.options.maxAttempts ? 'Failed' : 'RetryWait';
}
