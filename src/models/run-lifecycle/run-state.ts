/**
 * Run lifecycle states and the canonical transition table.
 *
 * The seed (`004_ff9a3b290a43025f.txt`, line 3-4) imports `RunState` from
 * `crate::run::state` and `is_valid_transition` from
 * `crate::run::transitions`; **neither is included in the seed**. Everything
 * in this file is therefore an assumption, not a port:
 *
 * ```text
 * Scheduled → Ready → Leased → Running → Completed | Failed | RetryWait | Canceled
 *                       ↓                              RetryWait → Ready | Failed | Canceled
 *                     Ready (lease expired before start)
 * Scheduled | Ready | Leased → Canceled
 * ```
 * Details:
 * - The spine is the documented lifecycle (Scheduled→Ready→Leased→Running→
 *   {Completed, Failed, RetryWait→Ready, Canceled}); the six side edges
 *   (`Scheduled/Ready/Leased → Canceled`, `Leased → Ready`,
 *   `RetryWait → Failed/Canceled`) follow the upstream actionqueue table, restricted
 *   to the eight states the seed's `RunInstance` uses (upstream also has
 *   `Suspended`, which the seed never mentions).
 * - `Completed`, `Failed` and `Canceled` are terminal: no edge leaves them.
 * - The string values are the serde spellings, so a `RunState` is its own JSON.
 *
 * Gotcha: the table alone does not decide whether `Running` may be left;
 * `RunInstance.transitionTo` additionally refuses to leave `Running` while an
 * attempt is open (seed lines 228-237).
 *
 * @example
 * ```ts
 * isValidTransition('Leased', 'Running'); // true
 * isValidTransition('Completed', 'Ready'); // false: terminal
 * ```
 * @module
 */

/** Every run state, in the seed's documented order (RunInstance doc, brief). */
export const RUN_STATES = [
  'Scheduled',
  'Ready',
  'Leased',
  'Running',
  'RetryWait',
  'Completed',
  'Failed',
  'Canceled',
] as const;

/** Run lifecycle state, spelled as serde spells the Rust variant. */
export type RunState = (typeof RUN_STATES)[number];

// ASSUMPTION (see module doc): the seed does not include this table.
const NEXT: Readonly<Record<RunState, readonly RunState[]>> = {
  Scheduled: ['Ready', 'Canceled'],
  Ready: ['Leased', 'Canceled'],
  Leased: ['Running', 'Ready', 'Canceled'],
  Running: ['RetryWait', 'Completed', 'Failed', 'Canceled'],
  RetryWait: ['Ready', 'Failed', 'Canceled'],
  Completed: [],
  Failed: [],
  Canceled: [],
};

/** Whether `from → to` is an edge of the canonical table (`is_valid_transition`). */
export function isValidTransition(from: RunState, to: RunState): boolean {
  return NEXT[from].includes(to);
}

/** Every state reachable from `from` in one step (`valid_transitions`). */
export function validTransitions(from: RunState): readonly RunState[] {
  return NEXT[from];
}

/** Whether `state` is terminal (`Completed`, `Failed` or `Canceled`). */
export function isTerminal(state: RunState): boolean {
  return state === 'Completed' || state === 'Failed' || state === 'Canceled';
}

/** Type guard for the serde spelling of a run state. */
export function isRunState(value: unknown): value is RunState {
  return typeof value === 'string' && (RUN_STATES as readonly string[]).includes(value);
}
