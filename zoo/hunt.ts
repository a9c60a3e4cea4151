/**
 * Hunting a variant: run seeds in ascending order from a start seed until
 * the differential oracle catches the bug or the time budget runs out, and
 * summarise several hunts as medians.
 *
 * The clock is a parameter (the measurement shell passes
 * `performance.now`), so this module stays free of real time itself.
 *
 * @example
 * ```ts
 * const h = hunt(variant, STRATEGY_SETTINGS.pct, 1n, 10_000, () => performance.now());
 * h.caught ? h.seeds : 'missed';
 * ```
 * @module
 */
import { judgeSeed, type RunShape } from './oracle.js';
import type { ZooVariant } from './variant.js';

/** One hunt from one start seed. */
export interface HuntResult {
  readonly start: string;
  readonly caught: boolean;
  /** Seeds run, including the catching one. */
  readonly seeds: number;
  /** The catching seed, or null. */
  readonly seed: string | null;
  readonly ms: number;
}

/** Hunt `v` from `start` with budget `budgetMs` (checked between seeds). */
export function hunt(v: ZooVariant, shape: RunShape, start: bigint, budgetMs: number, now: () => number): HuntResult {
  const t0 = now();
  let seeds = 0;
  for (let seed = start; ; seed++) {
    seeds++;
    const verdict = judgeSeed(v, seed, shape);
    const ms = now() - t0;
    if (verdict.caught) return { start: start.toString(), caught: true, seeds, seed: seed.toString(), ms };
    if (ms >= budgetMs) return { start: start.toString(), caught: false, seeds, seed: null, ms };
  }
}

/**
 * Median of hunt costs where a missed hunt counts as infinitely expensive:
 * the median is finite only when more than half of the hunts caught.
 */
export function medianOf(values: readonly number[], missed: number): number | null {
  const all = [...values, ...Array<number>(missed).fill(Number.POSITIVE_INFINITY)].sort((a, b) => a - b);
  if (all.length === 0) return null;
  const mid = all.length / 2;
  const m = all.length % 2 === 1 ? (all[Math.floor(mid)] as number) : ((all[mid - 1] as number) + (all[mid] as number)) / 2;
  return Number.isFinite(m) ? m : null;
}
