/**
 * Which seeds a campaign runs: a contiguous range of u64 seeds, optionally
 * split into N interleaved shards.
 *
 * An unsharded campaign runs the seeds `start, start+1, …, start+total-1`
 * (global indices `0 … total-1`). Shard K of N (1-based) runs the global
 * indices `g` with `g mod N = K-1`, in ascending order; its `j`-th seed has
 * global index `K-1 + j·N`. The N shards are therefore disjoint and together
 * cover exactly the unsharded range.
 *
 * Why interleaved rather than contiguous blocks: a CI matrix usually gives
 * every shard the same `--time` budget, and each shard then runs a prefix of
 * its own sequence. With interleaving those prefixes together are close to
 * one prefix of the global range (every shard has explored the low seeds),
 * and shards stay balanced even if the cost of a seed drifts across the
 * range. With contiguous blocks, a time budget would leave the tail of every
 * block unexplored and the union would be N disjoint fragments.
 *
 * Gotcha: `total` is a JavaScript number, so a plan holds at most 2^53 - 1
 * seeds; `start + total` must not exceed 2^64 (checked by {@link seedPlan}).
 *
 * @example
 * ```ts
 * const plan = seedPlan(1n, 10, { index: 2, count: 3 });
 * shardSize(plan);              // 3: global indices 1, 4, 7
 * seedsOf(plan);                // [2n, 5n, 8n]
 * ```
 * @module
 */

/** Shard K of N, 1-based. `{ index: 1, count: 1 }` is the whole range. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** The whole range, as one shard. */
export const WHOLE: Shard = { index: 1, count: 1 };

/** The seeds of one campaign (or of one shard of it). */
export interface SeedPlan {
  /** First seed of the unsharded range. */
  readonly start: bigint;
  /** Seeds in the unsharded range. */
  readonly total: number;
  readonly shard: Shard;
}

const U64_END = 2n ** 64n;

/** Build a plan; throws a RangeError when the range leaves the u64 space or the shard is malformed. */
export function seedPlan(start: bigint, total: number, shard: Shard = WHOLE): SeedPlan {
  if (start < 0n || start >= U64_END) throw new RangeError(`seed ${start} is not a u64`);
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`seed count ${total} is not a safe non-negative integer`);
  if (start + BigInt(total) > U64_END) throw new RangeError(`seeds ${start}.. (${total} of them) run past 2^64 - 1`);
  if (!Number.isSafeInteger(shard.count) || shard.count < 1) throw new RangeError(`shard count ${shard.count} must be >= 1`);
  if (!Number.isSafeInteger(shard.index) || shard.index < 1 || shard.index > shard.count) {
    throw new RangeError(`shard index ${shard.index} must be between 1 and ${shard.count}`);
  }
  return { start, total, shard };
}

/** The largest seed count a plan from `start` can hold. */
export function maxSeedsFrom(start: bigint): number {
  const room = U64_END - start;
  return room > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(room);
}

/** How many seeds this plan's shard runs. */
export function shardSize(plan: SeedPlan): number {
  const offset = plan.shard.index - 1;
  if (plan.total <= offset) return 0;
  return Math.floor((plan.total - offset - 1) / plan.shard.count) + 1;
}

/** Global index (position in the unsharded range) of the shard's `j`-th seed. */
export function globalIndex(plan: SeedPlan, j: number): number {
  return plan.shard.index - 1 + j * plan.shard.count;
}

/** The shard's `j`-th seed, `0 <= j < shardSize(plan)`. */
export function seedAt(plan: SeedPlan, j: number): bigint {
  if (!Number.isInteger(j) || j < 0 || j >= shardSize(plan)) throw new RangeError(`seed position ${j} is outside the shard`);
  return plan.start + BigInt(globalIndex(plan, j));
}

/** Every seed of the shard, in order (for tests and small plans). */
export function seedsOf(plan: SeedPlan): bigint[] {
  return Array.from({ length: shardSize(plan) }, (_, j) => seedAt(plan, j));
}
