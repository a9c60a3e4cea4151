/**
 * Delta debugging over a run's decisions: drop every fault at once, then
 * remove chunks of halving size down to single decisions, then pairs.
 *
 * Details:
 * - {@link removeChunks} is ddmin's complement step swept left to right:
 *   chunks of `ceil(n / 2)`, then halves of that, ..., then single
 *   decisions; after a successful removal the sweep goes on at the same
 *   position with the shorter list. It ends when a sweep of single
 *   decisions removes nothing, so the result is 1-minimal: no single
 *   decision can be dropped (within the attempt budget).
 * - For a safety violation the last decision is the violating step and is
 *   never removed: without it the unchanged prefix runs violation-free, so
 *   such a candidate could never be interesting. For liveness every
 *   decision of the fault-phase prefix may go ({@link CandidateRunner.fixedLast}).
 * - {@link removePairs} then tries every pair of decisions, for runs of at
 *   most {@link PAIR_LIMIT} decisions: removing a message's producer alone
 *   often just shifts which message a later FIFO delivery moves, so the
 *   producer and one delivery must go together, which no contiguous chunk
 *   expresses.
 * - Every pass returns its input unchanged when nothing helped.
 *
 * @example
 * ```ts
 * const shorter = removeChunks(runner, dropFaults(runner, decisions));
 * ```
 * @module
 */
import type { CandidateRunner } from './candidate-run.js';
import { without, withoutRange, type Decision } from './decisions.js';

/** How many leading decisions removals may touch: all but the violating step when it is fixed. */
function removable(runner: CandidateRunner, ds: readonly Decision[]): number {
  return runner.fixedLast ? Math.max(0, ds.length - 1) : ds.length;
}

/** Try the run without any injected fault (the violating step excepted). */
export function dropFaults(runner: CandidateRunner, ds: readonly Decision[]): readonly Decision[] {
  const last = removable(runner, ds);
  if (!ds.some((d, i) => d.fault !== null && i < last)) return ds;
  return runner.test(without(runner.model, ds, (i, d) => d.fault !== null && i < last), ds.length - 1) ?? ds;
}

/** Remove chunks, then single decisions, while the run stays interesting. */
export function removeChunks(runner: CandidateRunner, ds: readonly Decision[]): readonly Decision[] {
  let current = ds;
  let size = Math.ceil(removable(runner, current) / 2);
  while (size >= 1 && !runner.exhausted) {
    let removedAny = false;
    for (let start = 0; start < removable(runner, current) && !runner.exhausted; ) {
      const end = Math.min(start + size, removable(runner, current));
      const kept = runner.test(withoutRange(runner.model, current, start, end), current.length - 1);
      if (kept === null) {
        start = end;
      } else {
        current = kept;
        removedAny = true;
      }
    }
    if (!removedAny) {
      if (size === 1) break;
      size = Math.ceil(size / 2);
    } else {
      size = Math.min(size, Math.max(1, Math.ceil(removable(runner, current) / 2)));
    }
  }
  return current;
}

/** Longest run for which {@link removePairs} tries all pairs (about n²/2 candidates per sweep). */
export const PAIR_LIMIT = 64;

/** Remove two decisions at once, for every pair, while the run stays interesting. */
export function removePairs(runner: CandidateRunner, ds: readonly Decision[]): readonly Decision[] {
  if (removable(runner, ds) > PAIR_LIMIT) return ds;
  let current = ds;
  for (let i = 0; i < removable(runner, current) - 1 && !runner.exhausted; i++) {
    for (let j = i + 1; j < removable(runner, current) && !runner.exhausted; j++) {
      const kept = runner.test(without(runner.model, current, (k) => k === i || k === j), current.length - 1);
      if (kept !== null) {
        current = kept;
        j = i; // the list changed: pair i with every later decision again
      }
    }
  }
  return current;
}
