/**
 * Interleavings of an exhaustive block: every merge of its lanes that keeps
 * each lane's own order. Events written as `events:` are one-event lanes,
 * whose merges are exactly their permutations.
 *
 * Details:
 * - The count of merges of lanes of lengths n1..nk is the multinomial
 *   (n1+…+nk)! / (n1!·…·nk!): two lanes of two events give 6, three single
 *   events give 3! = 6.
 * - Merges are generated lazily and in a fixed order (at each point the
 *   lowest-numbered lane that still has events goes first), so interleaving
 *   number k means the same ordering on every run.
 *
 * @example
 * ```ts
 * countInterleavings([2, 2]); // 6
 * [...merges([['a', 'b'], ['c']])]; // [['a','b','c'], ['a','c','b'], ['c','a','b']]
 * ```
 * @module
 */

/** How many merges lanes of these lengths have (Infinity when astronomically many). */
export function countInterleavings(lengths: readonly number[]): number {
  let total = 1;
  let placed = 0;
  for (const n of lengths) {
    // Multiply by C(placed + n, n) incrementally; stays exact while below 2^53.
    for (let i = 1; i <= n; i++) {
      total = (total * (placed + i)) / i;
    }
    placed += n;
  }
  return Math.round(total);
}

/** Every merge of `lanes` that keeps each lane's order, lowest lane first. */
export function* merges<T>(lanes: readonly (readonly T[])[]): Generator<T[], void, undefined> {
  const next = lanes.map(() => 0);
  const out: T[] = [];
  const total = lanes.reduce((n, l) => n + l.length, 0);
  function* go(): Generator<T[], void, undefined> {
    if (out.length === total) {
      yield [...out];
      return;
    }
    for (let i = 0; i < lanes.length; i++) {
      const lane = lanes[i] ?? [];
      const k = next[i] ?? 0;
      if (k >= lane.length) continue;
      out.push(lane[k] as T);
      next[i] = k + 1;
      yield* go();
      next[i] = k;
      out.pop();
    }
  }
  yield* go();
}

/** The cartesian product of several blocks' merges, first block varying slowest. */
export function* product<T>(blocks: readonly (readonly (readonly T[])[])[]): Generator<T[][], void, undefined> {
  function* go(i: number, acc: T[][]): Generator<T[][], void, undefined> {
    if (i === blocks.length) {
      yield acc;
      return;
    }
    for (const m of merges(blocks[i] ?? [])) yield* go(i + 1, [...acc, m]);
  }
  yield* go(0, []);
}
