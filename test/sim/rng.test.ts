import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RngStreams } from '../../src/sim/rng.js';

const draw = (rng: RngStreams, name: string, n: number): number[] =>
  Array.from({ length: n }, () => rng.stream(name).next());

describe('named RNG streams', () => {
  it('the same seed and name give the same sequence', () => {
    expect(draw(new RngStreams(7n), 'schedule', 20)).toEqual(draw(new RngStreams(7n), 'schedule', 20));
  });

  it('different seeds or names give different sequences', () => {
    const base = draw(new RngStreams(7n), 'schedule', 8);
    expect(draw(new RngStreams(8n), 'schedule', 8)).not.toEqual(base);
    expect(draw(new RngStreams(7n), 'faults', 8)).not.toEqual(base);
  });

  it('drawing from one stream, or adding a stream, never shifts another', () => {
    fc.assert(
      fc.property(
        fc.bigInt(0n, 2n ** 64n - 1n),
        fc.array(fc.constantFrom('faults', 'workload', 'job:w1', 'job:w2', 'extra'), { maxLength: 40 }),
        (seed, noise) => {
          const quiet = new RngStreams(seed);
          const expected = draw(quiet, 'schedule', 10);
          const noisy = new RngStreams(seed);
          const got: number[] = [];
          for (let i = 0; i < 10; i++) {
            const other = noise[i];
            if (other !== undefined) noisy.stream(other).next();
            got.push(noisy.stream('schedule').next());
          }
          for (const name of noise) noisy.stream(name).int(5);
          expect(got).toEqual(expected);
        },
      ),
      { numRuns: 50 },
    );
  });

  it('int, range, chance and pick stay in bounds', () => {
    const s = new RngStreams(1n).stream('x');
    for (let i = 0; i < 1000; i++) {
      const n = s.int(7);
      expect(n >= 0 && n < 7 && Number.isInteger(n)).toBe(true);
      const r = s.range(-2, 2);
      expect(r >= -2 && r <= 2).toBe(true);
      expect(['a', 'b']).toContain(s.pick(['a', 'b']));
    }
    expect(() => s.int(0)).toThrow(RangeError);
    expect(() => s.pick([])).toThrow(RangeError);
    const u = s.u64();
    expect(u >= 0n && u < 2n ** 64n).toBe(true);
  });
});
