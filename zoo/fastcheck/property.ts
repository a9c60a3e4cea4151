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
import { scenarioArb } from './scenario.js';

/** The property "this variant shows no bug": false when the run catches it (see `harness.ts`). */
export function zooProperty(v: ZooVariant): fc.IAsyncPropertyWithHooks<[fc.Scheduler, import('./scenario.js').Scenario]> {
  return fc.asyncProperty(fc.scheduler(), scenarioArb, async (s, scenario) => {
    const run = new ScenarioRun(v, scenario, s);
    const violated = await run.run();
    return !(violated && !run.baselineAgrees());
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
  const details = await fc.check(zooProperty(v), {
    seed,
    numRuns: 100_000_000,
    interruptAfterTimeLimit: budgetMs,
    markInterruptAsFailure: false,
    endOnFailure: true,
  });
  if (details.failed && details.errorInstance !== null && !(details.errorInstance instanceof Error && /returning false/.test(details.errorInstance.message))) {
    throw new Error(`zoo fast-check: the property for ${v.name} threw: ${String(details.errorInstance)}`);
  }
  return { seed, caught: details.failed, runs: details.numRuns };
}
