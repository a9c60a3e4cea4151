/**
 * The zoo measurement: every variant under every strategy from several
 * start seeds, with medians, shrunk trace lengths, a probe of the variants
 * that declare no invariant, and the summary the issue asks for.
 *
 * Pure apart from the injected clock; the shell (`run-zoo.ts`) prints,
 * writes files and adds the fast-check column.
 *
 * @example
 * ```ts
 * const r = measureVariant(variant, { budgetMs: 10_000, starts: [1n, 100001n] }, () => performance.now());
 * r.strategies.map((s) => s.medianSeeds);
 * ```
 * @module
 */
import { simulate } from '../src/sim/simulate.js';
import { hunt, medianOf, type HuntResult } from './hunt.js';
import { STRATEGY_SETTINGS, ZOO_STRATEGIES, type ZooStrategy } from './oracle.js';
import { caughtTrace, type CaughtTrace } from './regression.js';
import { baselineModel, zooModel, type ZooVariant } from './variant.js';

/** Budget and start seeds of a measurement. */
export interface MeasureSettings {
  readonly budgetMs: number;
  readonly starts: readonly bigint[];
}

/** One variant under one strategy. */
export interface StrategyCell {
  readonly strategy: ZooStrategy;
  /** Hunts that caught the bug within the budget. */
  readonly caught: number;
  readonly hunts: readonly HuntResult[];
  /** Median seeds to catch over all hunts (a miss counts as infinite); null unless most hunts caught. */
  readonly medianSeeds: number | null;
  readonly medianMs: number | null;
  /** Length of the first catching run and of its shrunk trace. */
  readonly originalSteps: number | null;
  readonly shrunkSteps: number | null;
}

/** How a variant without a declared invariant compares with its baseline. */
export interface ProbeResult {
  readonly seeds: number;
  /** Per profile: seeds whose run is step-for-step identical to the baseline's, and seeds whose violated invariants differ. */
  readonly profiles: readonly { readonly profile: string; readonly identical: number; readonly differing: number }[];
}

/** Everything measured about one variant. */
export interface VariantMeasurement {
  readonly name: string;
  readonly side: string;
  readonly description: string;
  readonly invariant: string | null;
  readonly reach: string;
  readonly strategies: readonly StrategyCell[];
  readonly probe: ProbeResult | null;
}

/** The shortest catching trace found for a variant, to save as its regression trace. */
export interface BestTrace extends CaughtTrace {
  readonly strategy: ZooStrategy;
  readonly seed: string;
}

/** Measure `v` under every strategy; also returns its shortest catching trace. */
export function measureVariant(v: ZooVariant, settings: MeasureSettings, now: () => number, probeSeeds = 300): { measurement: VariantMeasurement; best: BestTrace | null } {
  const strategies: StrategyCell[] = [];
  let best: BestTrace | null = null;
  if (v.invariant !== null) {
    for (const strategy of ZOO_STRATEGIES) {
      const shape = STRATEGY_SETTINGS[strategy];
      const hunts = settings.starts.map((start) => hunt(v, shape, start, settings.budgetMs, now));
      const caught = hunts.filter((h) => h.caught);
      const missed = hunts.length - caught.length;
      const first = caught[0];
      let originalSteps: number | null = null;
      let shrunkSteps: number | null = null;
      if (first?.seed != null) {
        const t = caughtTrace(v, shape, BigInt(first.seed));
        originalSteps = t.originalSteps;
        shrunkSteps = t.steps;
        if (best === null || t.steps < best.steps) best = { ...t, strategy, seed: first.seed };
      }
      strategies.push({
        strategy,
        caught: caught.length,
        hunts,
        medianSeeds: medianOf(caught.map((h) => h.seeds), missed),
        medianMs: medianOf(caught.map((h) => h.ms), missed),
        originalSteps,
        shrunkSteps,
      });
    }
  }
  const probe = v.invariant === null ? probeVariant(v, probeSeeds) : null;
  const measurement: VariantMeasurement = { name: v.name, side: v.side, description: v.description, invariant: v.invariant, reach: v.reach, strategies, probe };
  return { measurement, best };
}

/**
 * Compare a variant with its baseline seed by seed (random scheduling) in
 * the none, realistic and adversarial profiles.
 */
export function probeVariant(v: ZooVariant, seeds: number): ProbeResult {
  const profiles = (['none', 'realistic', 'adversarial'] as const).map((profile) => {
    let identical = 0;
    let differing = 0;
    for (let i = 1; i <= seeds; i++) {
      const seed = BigInt(i);
      const a = simulate({ model: zooModel(v), seed, profile, keepTrace: false });
      const b = simulate({ model: baselineModel(v), seed, profile, keepTrace: false });
      if (a.rollingHash === b.rollingHash) identical++;
      const names = (r: typeof a): string => [...new Set(r.violations.map((x) => x.invariant))].sort().join(',');
      if (names(a) !== names(b)) differing++;
    }
    return { profile, identical, differing };
  });
  return { seeds, profiles };
}

/** Per-strategy and overall figures over all measured variants. */
export interface ZooSummary {
  readonly variants: number;
  /** Variants that declare an invariant (the others are unreachable or masked). */
  readonly declared: number;
  /** Declared variants caught by at least one strategy in at least one hunt. */
  readonly caught: number;
  /** Per strategy: variants caught in any hunt, in most hunts, and the medians over variants of their median seeds and time. */
  readonly perStrategy: readonly { readonly strategy: ZooStrategy; readonly caught: number; readonly reliable: number; readonly medianSeeds: number | null; readonly medianMs: number | null }[];
}

/** Summarise measurements: per strategy, the median over caught variants of their median seeds and time. */
export function summarise(ms: readonly VariantMeasurement[]): ZooSummary {
  const declared = ms.filter((m) => m.invariant !== null);
  const perStrategy = ZOO_STRATEGIES.map((strategy) => {
    const cells = declared.map((m) => m.strategies.find((c) => c.strategy === strategy)).filter((c): c is StrategyCell => c !== undefined);
    const seeds = cells.flatMap((c) => (c.medianSeeds === null ? [] : [c.medianSeeds]));
    const times = cells.flatMap((c) => (c.medianMs === null ? [] : [c.medianMs]));
    return { strategy, caught: cells.filter((c) => c.caught > 0).length, reliable: cells.filter((c) => c.medianSeeds !== null).length, medianSeeds: medianOf(seeds, 0), medianMs: medianOf(times, 0) };
  });
  return {
    variants: ms.length,
    declared: declared.length,
    caught: declared.filter((m) => m.strategies.some((c) => c.caught > 0)).length,
    perStrategy,
  };
}
