import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { globalIndex, maxSeedsFrom, seedAt, seedPlan, seedsOf, shardSize } from '../../src/fuzz/seed-plan.js';

describe('seed plan and shards', () => {
  it('the N shards are disjoint, balanced, in ascending order, and together are exactly the unsharded range', () => {
    fc.assert(
      fc.property(fc.bigInt(0n, 2n ** 64n - 1000n), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 12 }), (start, total, n) => {
        const whole = seedsOf(seedPlan(start, total));
        const shards = Array.from({ length: n }, (_, k) => seedsOf(seedPlan(start, total, { index: k + 1, count: n })));
        const union = shards.flat().sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        expect(union).toEqual(whole);
        expect(new Set(union).size).toBe(union.length);
        for (const s of shards) {
          expect([...s].sort((a, b) => (a < b ? -1 : 1))).toEqual(s);
          expect(Math.abs(s.length - total / n)).toBeLessThan(1);
        }
      }),
    );
  });

  it('interleaves: shard K of N runs the seeds whose index in the range is K-1 mod N', () => {
    const plan = seedPlan(100n, 10, { index: 2, count: 3 });
    expect(seedsOf(plan)).toEqual([101n, 104n, 107n]);
    expect(globalIndex(plan, 2)).toBe(7);
    expect(shardSize(seedPlan(1n, 2, { index: 3, count: 3 }))).toBe(0);
  });

  it('a prefix of every shard together covers the low seeds of the range (what a time budget keeps)', () => {
    const n = 4;
    const prefixes = Array.from({ length: n }, (_, k) => seedsOf(seedPlan(1n, 1000, { index: k + 1, count: n })).slice(0, 25));
    expect(prefixes.flat().sort((a, b) => (a < b ? -1 : 1))).toEqual(seedsOf(seedPlan(1n, 100)));
  });

  it('reaches the top of the u64 space and refuses to run past it', () => {
    const top = 2n ** 64n - 3n;
    expect(seedsOf(seedPlan(top, 3))).toEqual([top, top + 1n, top + 2n]);
    expect(maxSeedsFrom(top)).toBe(3);
    expect(maxSeedsFrom(0n)).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => seedPlan(top, 4)).toThrow(/past 2\^64/);
    expect(() => seedPlan(1n, 5, { index: 0, count: 2 })).toThrow(RangeError);
    expect(() => seedPlan(1n, 5, { index: 3, count: 2 })).toThrow(RangeError);
    expect(() => seedAt(seedPlan(1n, 5), 5)).toThrow(RangeError);
  });
});
