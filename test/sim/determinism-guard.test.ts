import { describe, expect, it } from 'vitest';
import { DeterminismViolation, withDeterminismGuard } from '../../src/sim/determinism-guard.js';

const escapes: ReadonlyArray<[string, () => unknown]> = [
  ['Math.random', () => Math.random()],
  ['Date.now', () => Date.now()],
  ['new Date()', () => new Date()],
  ['setTimeout', () => setTimeout(() => undefined, 0)],
  ['setInterval', () => setInterval(() => undefined, 1000)],
  ['setImmediate', () => setImmediate(() => undefined)],
  ['queueMicrotask', () => queueMicrotask(() => undefined)],
];

describe('determinism guard', () => {
  it.each(escapes)('%s throws a DeterminismViolation naming the API inside a simulation', (api, call) => {
    let caught: unknown;
    withDeterminismGuard(() => {
      try {
        call();
      } catch (e) {
        caught = e;
      }
    });
    expect(caught).toBeInstanceOf(DeterminismViolation);
    expect((caught as DeterminismViolation).api).toBe(api);
    expect((caught as Error).message).toContain(api);
  });

  it('restores every global afterwards, also when the body throws', () => {
    const before = [Math.random, Date, setTimeout, setInterval, setImmediate, queueMicrotask];
    expect(() =>
      withDeterminismGuard(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect([Math.random, Date, setTimeout, setInterval, setImmediate, queueMicrotask]).toEqual(before);
    expect(typeof Math.random()).toBe('number');
    expect(Date.now()).toBeGreaterThan(0);
  });

  it('still allows dates built from explicit values', () => {
    const iso = withDeterminismGuard(() => new Date(0).toISOString());
    expect(iso).toBe('1970-01-01T00:00:00.000Z');
  });

  it('nested guards restore only at the outermost level', () => {
    const original = Math.random;
    withDeterminismGuard(() => {
      withDeterminismGuard(() => undefined);
      expect(() => Math.random()).toThrow(DeterminismViolation);
    });
    expect(Math.random).toBe(original);
  });
});
