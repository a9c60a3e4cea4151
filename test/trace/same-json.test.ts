import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, type Json } from '../../src/sim/json.js';
import { sameJson } from '../../src/trace/replay-check.js';

/** A deep copy whose objects list their keys in another order (same canonical text). */
function reordered(v: Json, flip: boolean): Json {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x: Json) => reordered(x, !flip));
  const o = v as { readonly [key: string]: Json };
  const keys = Object.keys(o);
  if (flip) keys.reverse();
  const out: { [key: string]: Json } = {};
  // defineProperty, not assignment: fc.jsonValue can make an own "__proto__" key, which `out[k] =` would turn into a prototype.
  for (const k of keys) Object.defineProperty(out, k, { value: reordered(o[k] as Json, !flip), enumerable: true, writable: true, configurable: true });
  return out;
}

const json = fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>;
// Decision-like objects: few keys, so that near misses (one value or key changed) are common.
const small = fc.dictionary(fc.constantFrom('type', 'gen', 'job', 'to', 'x'), fc.oneof(fc.integer({ min: -2, max: 2 }), fc.constantFrom('a', 'b', null, true), fc.constant([1, { to: 'a' }])), {
  maxKeys: 4,
}) as fc.Arbitrary<Json>;

describe('sameJson (replay canonical-form check)', () => {
  it('true only when the canonical texts are equal, and true for every same value with keys reordered', () => {
    fc.assert(
      fc.property(fc.oneof(json, small), fc.oneof(json, small), fc.boolean(), (a, b, flip) => {
        if (sameJson(a, b)) expect(canonicalJson(a)).toBe(canonicalJson(b));
        expect(sameJson(a, reordered(a, flip))).toBe(true);
        expect(sameJson(reordered(b, flip), b)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('compares an own "__proto__" key like any other', () => {
    const own = (value: Json): Json => Object.defineProperty({ type: 'a' }, '__proto__', { value, enumerable: true, writable: true, configurable: true }) as Json;
    expect(sameJson(own(0), own(0))).toBe(true);
    expect(sameJson(own(0), own(1))).toBe(false);
    expect(sameJson(own(0), { type: 'a' })).toBe(false);
  });

  it('sees a key one side has and the other lacks, even with equal key counts', () => {
    expect(sameJson({ type: 'a', gen: 1 }, { type: 'a', job: 1 })).toBe(false);
    expect(sameJson({ gen: 1, type: 'a' }, { type: 'a', gen: 1 })).toBe(true);
    expect(sameJson({ type: 'a', gen: undefined } as unknown as Json, { type: 'a', job: undefined } as unknown as Json)).toBe(false);
    expect(sameJson({ type: 'a', gen: 1 }, { type: 'a', gen: 1, job: 2 })).toBe(false);
    expect(sameJson({ type: 'a', gen: Number.NaN }, { type: 'a', gen: Number.NaN })).toBe(false);
    // Own but not enumerable is not a key of the canonical text.
    const hidden = Object.defineProperty({ b: 2, c: 3 }, 'a', { value: 1, enumerable: false }) as Json;
    expect(canonicalJson(hidden)).toBe('{"b":2,"c":3}');
    expect(sameJson({ a: 1, b: 2 }, hidden)).toBe(false);
  });
});
