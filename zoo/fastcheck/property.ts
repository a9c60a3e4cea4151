/**
 * The fast-check property for a zoo variant, and the head-to-head hunt:
 * `fc.check` with a time limit, no shrinking (`endOnFailure`), counting runs
 * until the first counterexample.
 *
 * @example
 * ```ts
 * const r = await fcHunt(variant, 1, 10_000);
 * r.caught ? r.runs : 'missed';
 * ```
 * @module
 */
import fc from 'fast-check';
import type { ZooVariant } from '../variant.js';
import { ScenarioRun } from './harness.js';
import { scenarioArb, type Scenario } from './scenario.js';

/** The property "this variant shows no bug": false when the run catches it (see `harness.ts`); `onCatch` is told when. */
export function zooProperty(v: ZooVariant, onCatch: () => void = () => {}): fc.IAsyncPropertyWithHooks<[fc.Scheduler, Scenario]> {
  return fc.asyncProperty(fc.scheduler(), scenarioArb, async (s, scenario) => {
    const run = new ScenarioRun(v, scenario, s);
    const violated = await run.run();
    const caught = violated && !run.baselineAgrees();
    if (caught) onCatch();
    return !caught;
  });
}

/** One fast-check hunt. */
export interface FcHuntResult {
  readonly seed: number;
  readonly caught: boolean;
  /** Property runs executed (including the failing one). */
  readonly runs: number;
}

/** Check `v`'s property from fast-check seed `seed` for at most `budgetMs`. */
export async function fcHunt(v: ZooVariant, seed: number, budgetMs: number): Promise<FcHuntResult> {
  let caught = false;
  const details = await fc.check(
    zooProperty(v, () => {
      caught = true;
    }),
    { seed, numRuns: 100_000_000, interruptAfterTimeLimit: budgetMs, markInterruptAsFailure: false, endOnFailure: true },
  );
  // A failure without a catch is the harness throwing, not a bug found.
  if (details.failed && !caught) throw new Error(`zoo fast-check: the property for ${v.name} threw: ${String(details.errorInstance)}`);
  return { seed, caught: details.failed, runs: details.numRuns };
}
