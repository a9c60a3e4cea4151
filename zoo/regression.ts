/**
 * Regression traces of caught variants: record the catching run, shrink it
 * with `shrinkTrace`, and keep the shrunk trace only if it still replays and
 * still violates the variant's invariant (otherwise the original, which
 * does).
 *
 * @example
 * ```ts
 * const t = caughtTrace(variant, STRATEGY_SETTINGS.random, 17n);
 * t.steps <= t.originalSteps; // true
 * ```
 * @module
 */
import { shrinkTrace } from '../src/shrink/index.js';
import { replay } from '../src/trace/replay.js';
import type { Trace } from '../src/trace/types.js';
import { zooResolver } from './catalog.js';
import { baselineViolates, baselineViolatesOnDecisions, recordedModelOptions, runVariant, type RunShape } from './oracle.js';
import type { ZooVariant } from './variant.js';

/** A catching run's trace, shrunk when shrinking kept the bug. */
export interface CaughtTrace {
  readonly trace: Trace;
  readonly originalSteps: number;
  readonly steps: number;
  /** Whether `trace` is the shrinker's output (false: the original run). */
  readonly shrunk: boolean;
}

/** Whether `trace` replays identically and records a violation of `invariant`. */
export function stillCatches(trace: Trace, invariant: string): boolean {
  return trace.footer.violations.some((x) => x.invariant === invariant) && replay(trace, zooResolver).ok;
}

/** Record seed `seed` of `v` and shrink it (see the module doc). Throws if the seed does not violate the invariant. */
export function caughtTrace(v: ZooVariant, shape: RunShape, seed: bigint): CaughtTrace {
  const inv = v.invariant;
  if (inv === null) throw new Error(`zoo: ${v.name} declares no invariant, so nothing can be caught`);
  const original = runVariant(v, seed, shape, true).trace;
  if (original === null || !original.footer.violations.some((x) => x.invariant === inv)) {
    throw new Error(`zoo: seed ${seed} of ${v.name} does not violate ${inv}`);
  }
  const originalSteps = original.steps.length;
  // Differential, as the oracle: a candidate whose decisions also break the invariant on the real model has drifted onto a known protocol bug.
  const modelOptions = recordedModelOptions(original);
  const result = shrinkTrace(original, zooResolver, { keep: (steps) => !baselineViolates(v, modelOptions, seed, steps, inv) });
  if (result.trace !== original && stillCatches(result.trace, inv) && !baselineViolatesOnDecisions(v, result.trace, inv)) {
    return { trace: result.trace, originalSteps, steps: result.trace.steps.length, shrunk: true };
  }
  return { trace: original, originalSteps, steps: originalSteps, shrunk: result.trace === original };
}
