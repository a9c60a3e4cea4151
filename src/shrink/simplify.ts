/**
 * The value-simplification pass: replace each decision's action by the
 * first simpler variant ({@link Model.simplify}) that keeps the run
 * interesting, until none helps.
 *
 * Details:
 * - Decisions are visited left to right; after a successful replacement the
 *   same position is tried again with the new (simpler) action's variants.
 * - Variants only ever move towards a simplest value (sizes and indices
 *   down, flags off, outcome `ok`), so the pass terminates.
 *
 * @example
 * ```ts
 * const plainer = simplifyValues(runner, decisions);
 * ```
 * @module
 */
import type { CandidateRunner } from './candidate-run.js';
import { replaceAt, type Decision } from './decisions.js';

/** Simplify the decisions' values while the run stays interesting. */
export function simplifyValues(runner: CandidateRunner, ds: readonly Decision[]): readonly Decision[] {
  const simplify = runner.model.simplify?.bind(runner.model);
  if (simplify === undefined) return ds;
  let current = ds;
  for (let i = 0; i < current.length && !runner.exhausted; i++) {
    const d = current[i] as Decision;
    for (const variant of simplify(d.action)) {
      const kept = runner.test(replaceAt(current, i, variant));
      if (kept !== null) {
        current = kept;
        i--; // look at the simpler action at this position again
        break;
      }
      if (runner.exhausted) break;
    }
  }
  return current;
}
