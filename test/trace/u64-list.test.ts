import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { U64List } from '../../src/trace/u64-list.js';

// Few distinct halves, so that values often repeat, or share one half and differ in the other.
const half = fc.oneof(fc.constantFrom(0, 1, 0xffffffff, 0x80000000), fc.nat({ max: 0xffffffff }));
const op = fc.oneof(
  { weight: 8, arbitrary: fc.tuple(half, half).map(([lo, hi]) => ({ kind: 'add' as const, lo, hi })) },
  { weight: 1, arbitrary: fc.nat({ max: 300 }).map((n) => ({ kind: 'truncate' as const, n })) },
);

describe('U64List', () => {
  it('finds a value exactly when it was added and not truncated away, at its position (property, against a Map)', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 600 }), (ops) => {
        const list = new U64List();
        const model: bigint[] = [];
        for (const o of ops) {
          if (o.kind === 'truncate') {
            list.truncate(o.n);
            model.length = Math.min(model.length, o.n);
          } else {
            const key = (BigInt(o.hi) << 32n) | BigInt(o.lo);
            const want = model.indexOf(key);
            expect(list.indexOrAdd(o.lo, o.hi)).toBe(want);
            if (want < 0) model.push(key);
          }
          expect(list.size).toBe(model.length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('forgets truncated values: adding one again appends it', () => {
    const list = new U64List();
    for (let k = 0; k < 10; k++) list.indexOrAdd(k, 0);
    list.truncate(4);
    expect(list.size).toBe(4);
    expect(list.indexOrAdd(7, 0)).toBe(-1);
    expect(list.indexOrAdd(7, 0)).toBe(4);
    expect(list.indexOrAdd(3, 0)).toBe(3);
    expect(list.indexOrAdd(5, 0)).toBe(-1);
  });

  it('keeps thousands of values (growing its arrays and index) and finds each again', () => {
    const list = new U64List();
    for (let k = 0; k < 5000; k++) expect(list.indexOrAdd(k * 7919, k % 3)).toBe(-1);
    for (let k = 0; k < 5000; k++) expect(list.indexOrAdd(k * 7919, k % 3)).toBe(k);
    expect(list.indexOrAdd(7919, 0)).toBe(-1);
    expect(list.size).toBe(5001);
  });
});
