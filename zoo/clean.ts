/**
 * The clean model's record: the real coordinator and worker over many seeds
 * in each fault profile, with every violation counted by invariant. The real
 * protocol's known findings show up here; they are reported, not hidden.
 *
 * @example
 * ```ts
 * cleanProfile('realistic', 1n, 1000).violated; // { 'stale-worker-inert': 3, ... }
 * ```
 * @module
 */
import { asupersyncModel } from '../src/models/asupersync/model.js';
import type { ProfileName } from '../src/sim/profile.js';
import { simulate } from '../src/sim/simulate.js';
import type { StrategyName } from '../src/sim/strategy.js';
import { explainViolation } from './findings.js';

/** What a clean campaign over one profile found. */
export interface CleanProfileResult {
  readonly profile: ProfileName;
  readonly strategy: StrategyName;
  readonly firstSeed: string;
  readonly seeds: number;
  /** Seeds with at least one violation. */
  readonly failing: number;
  /** First violation of each failing seed, by invariant. */
  readonly violated: { readonly [invariant: string]: number };
  /** Smallest failing seed per invariant, to reproduce it. */
  readonly example: { readonly [invariant: string]: string };
  /** First violations by the known finding that explains them (`unexplained`: none does; a new finding). */
  readonly findings?: { readonly [finding: string]: number };
}

/** Run `count` seeds from `firstSeed` of the real model under `profile` (stopping each at its first violation). */
export function cleanProfile(profile: ProfileName, firstSeed: bigint, count: number, strategy: StrategyName = 'random'): CleanProfileResult {
  const violated = new Map<string, number>();
  const example = new Map<string, string>();
  const findings = new Map<string, number>();
  let failing = 0;
  for (let i = 0; i < count; i++) {
    const seed = firstSeed + BigInt(i);
    const r = simulate({ model: asupersyncModel, seed, profile, strategy, keepTrace: false });
    const first = r.violations[0];
    if (first === undefined) continue;
    failing++;
    violated.set(first.invariant, (violated.get(first.invariant) ?? 0) + 1);
    if (!example.has(first.invariant)) example.set(first.invariant, seed.toString());
    // Re-run the (rare) failing seed with its trace to see which finding it is.
    const trace = simulate({ model: asupersyncModel, seed, profile, strategy }).trace;
    const why = trace === null ? null : explainViolation(trace, first);
    findings.set(why ?? 'unexplained', (findings.get(why ?? 'unexplained') ?? 0) + 1);
  }
  const sorted = <T>(m: Map<string, T>): { [k: string]: T } => Object.fromEntries([...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { profile, strategy, firstSeed: firstSeed.toString(), seeds: count, failing, violated: sorted(violated), example: sorted(example), findings: sorted(findings) };
}
