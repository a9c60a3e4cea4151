/**
 * Named, independent, seeded random streams.
 *
 * Each concern (scheduling, faults, workload, one stream per worker's job
 * behaviour, ...) draws from its own stream, seeded from `"<seed>/<name>"`
 * with seedrandom's Alea generator. Streams never share state, so adding a
 * stream, or drawing more from one, never changes the draws of another: a
 * change to the fault injector does not reshuffle the schedule.
 *
 * @example
 * ```ts
 * const rng = new RngStreams(7n);
 * rng.stream('schedule').int(3); // 0, 1 or 2, the same every run for seed 7
 * ```
 * @module
 */
import seedrandom from 'seedrandom';

/** One deterministic random stream. */
export class RngStream {
  private readonly prng: seedrandom.PRNG;
  private drawn = 0;

  /** A stream seeded from the run seed and the stream's name. */
  constructor(
    readonly name: string,
    seed: bigint,
  ) {
    this.prng = seedrandom.alea(`${seed}/${name}`);
  }

  /** How many values this stream has produced (for diagnostics). */
  get draws(): number {
    return this.drawn;
  }

  /** A float in [0, 1) with 53 bits of randomness. */
  next(): number {
    this.drawn++;
    return this.prng.double();
  }

  /** An integer in [0, n). `n` must be a positive integer. */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0) throw new RangeError(`RngStream.int: n must be a positive integer, got ${n}`);
    return Math.floor(this.next() * n);
  }

  /** An integer in [lo, hi], both inclusive. */
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }

  /** True with probability `p`. Draws one value even when p is 0 or 1, so rates never shift later draws. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** A uniformly chosen element; throws on an empty array. */
  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new RangeError(`RngStream.pick on an empty array (${this.name})`);
    return item;
  }

  /** A 64-bit unsigned value built from two 32-bit draws. */
  u64(): bigint {
    const hi = Math.floor(this.next() * 4294967296);
    const lo = Math.floor(this.next() * 4294967296);
    return (BigInt(hi) << 32n) | BigInt(lo);
  }
}

/** The set of named streams of one run. */
export class RngStreams {
  private readonly streams = new Map<string, RngStream>();

  /** Streams for the run seed `seed` (a u64). */
  constructor(readonly seed: bigint) {}

  /** The stream called `name`, created on first use. */
  stream(name: string): RngStream {
    let s = this.streams.get(name);
    if (s === undefined) {
      s = new RngStream(name, this.seed);
      this.streams.set(name, s);
    }
    return s;
  }
}
