/**
 * The differential oracle: when does a run *catch* a planted bug?
 *
 * The real protocol is not clean under faults (the model's known findings
 * violate `stale-worker-inert` and `cancel-completes-via-protocol`), so a
 * violation alone proves nothing. A seed catches variant `v` when:
 * 1. the variant's run (stopping at its first violating step) violates
 *    `v.invariant`, and
 * 2. the baseline (the real actors, or the variant's baseline) run on the
 *    same seed and settings, to the end, never violates `v.invariant`; and
 * 3. the baseline, fed the variant run's own decisions (the same schedule,
 *    faults and lies, up to the violating step), does not violate it either.
 *
 * (2) is the seed-level comparison; (3) is the counterfactual that removes
 * the remaining noise: once the bug changes the run, the seed's later draws
 * go elsewhere, and a finding of the real protocol met on the new path would
 * otherwise count as a catch. A decision the baseline cannot apply (its state
 * differs) is recorded by the engine as a crash and skipped over.
 *
 * Pure: no clock, no I/O. The caller times and budgets.
 *
 * @example
 * ```ts
 * judgeSeed(variant, 17n, STRATEGY_SETTINGS.random).caught; // true or false
 * ```
 * @module
 */
import { withDeterminismGuard } from '../src/sim/determinism-guard.js';
import type { Json } from '../src/sim/json.js';
import type { ProfileName } from '../src/sim/profile.js';
import { RunEngine } from '../src/sim/run-engine.js';
import type { Trace, TraceStep } from '../src/trace/types.js';
import { simulate, type SimulationResult } from '../src/sim/simulate.js';
import type { StrategyName } from '../src/sim/strategy.js';
import { baselineModel, zooModel, type ZooVariant } from './variant.js';

/** The three ways the zoo explores. */
export const ZOO_STRATEGIES = ['random', 'pct', 'swarm'] as const;
export type ZooStrategy = (typeof ZOO_STRATEGIES)[number];

/** Scheduler and fault profile of one exploration strategy. */
export interface RunShape {
  readonly strategy: StrategyName;
  readonly profile: ProfileName;
}

/**
 * Uniform random and PCT scheduling, both under every fault of the catalog
 * (adversarial); swarm is uniform random scheduling under the swarm profile,
 * which draws a fault subset and rates per seed.
 */
export const STRATEGY_SETTINGS: { readonly [K in ZooStrategy]: RunShape } = {
  random: { strategy: 'random', profile: 'adversarial' },
  pct: { strategy: 'pct', profile: 'adversarial' },
  swarm: { strategy: 'random', profile: 'swarm' },
};

/** The verdict for one seed. */
export type SeedVerdict =
  | { readonly caught: true; readonly step: number }
  | { readonly caught: false; readonly why: 'no-violation' | 'other-invariant' | 'baseline-too' | 'baseline-on-same-decisions' };

/** Run the variant on one seed (trace kept only when asked). */
export function runVariant(v: ZooVariant, seed: bigint, shape: RunShape, keepTrace: boolean): SimulationResult {
  return simulate({ model: zooModel(v), seed, profile: shape.profile, strategy: shape.strategy, keepTrace });
}

/** Judge one seed (see the module doc). A variant without a declared invariant is never caught. */
export function judgeSeed(v: ZooVariant, seed: bigint, shape: RunShape): SeedVerdict {
  const inv = v.invariant;
  if (inv === null) return { caught: false, why: 'no-violation' };
  const run = runVariant(v, seed, shape, false);
  if (run.violations.length === 0) return { caught: false, why: 'no-violation' };
  const hit = run.violations.find((x) => x.invariant === inv);
  if (hit === undefined) return { caught: false, why: 'other-invariant' };
  const base = simulate({ model: baselineModel(v), seed, profile: shape.profile, strategy: shape.strategy, keepTrace: false, stopOnViolation: false });
  if (base.violations.some((x) => x.invariant === inv)) return { caught: false, why: 'baseline-too' };
  const trace = runVariant(v, seed, shape, true).trace;
  if (trace === null) throw new Error('zoo: simulate returned no trace although keepTrace was set');
  if (baselineViolatesOnDecisions(v, trace, inv)) return { caught: false, why: 'baseline-on-same-decisions' };
  return { caught: true, step: hit.step };
}

/** One decision to feed the baseline. */
export type Decision = Pick<TraceStep, 'phase' | 'actor' | 'decision' | 'fault'>;

/** Whether the baseline, fed `trace`'s decisions in order, violates `inv` at any step. */
export function baselineViolatesOnDecisions(v: ZooVariant, trace: Trace, inv: string): boolean {
  return baselineViolates(v, recordedModelOptions(trace), BigInt(trace.header.seed), trace.steps, inv);
}

/** The model options recorded in `trace`'s header. */
export function recordedModelOptions(trace: Trace): { readonly [k: string]: Json } {
  const recorded = trace.header.options.model;
  return recorded !== null && typeof recorded === 'object' && !Array.isArray(recorded) ? (recorded as { readonly [k: string]: Json }) : {};
}

/** Whether the baseline, built with `options` (over its defaults) and `seed` and fed `steps` in order, violates `inv`. */
export function baselineViolates(v: ZooVariant, modelOptions: { readonly [k: string]: Json }, seed: bigint, steps: readonly Decision[], inv: string): boolean {
  const model = baselineModel(v);
  const options = { ...model.defaultOptions, ...modelOptions };
  return withDeterminismGuard(() => {
    const engine = new RunEngine(model, options, seed);
    for (const step of steps) {
      const candidate = step.fault === null ? { action: step.decision, actor: step.actor } : { action: step.decision, actor: step.actor, fault: step.fault };
      engine.step(step.phase, candidate);
      if (engine.violations.some((x) => x.invariant === inv)) return true;
    }
    return false;
  });
}
