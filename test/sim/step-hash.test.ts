import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Hash64 } from '../../src/sim/digest.js';
import { canonicalJson, type Json } from '../../src/sim/json.js';
import { hashStepInto } from '../../src/sim/run-engine.js';
import { canonicalStep } from '../../src/trace/canonical.js';
import type { TraceStep } from '../../src/trace/types.js';

// Small alphabets, so that generated pairs are often equal or differ in one place only.
const text = fc.string({ unit: fc.constantFrom('a', 'b', ',', '"'), maxLength: 3 });
const value: fc.Arbitrary<Json> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.constantFrom(0, -0, 1, 2, 0.5, 1e21, -3, 2 ** 53, 2 ** 32),
  text,
  fc.array(fc.constantFrom<Json>(0, 'a', null), { maxLength: 2 }),
);
const step: fc.Arbitrary<TraceStep> = fc.record({
  index: fc.constantFrom(0, 1, 2 ** 32),
  phase: fc.constantFrom('fault', 'heal'),
  actor: text,
  decision: fc.dictionary(fc.constantFrom('a', 'b', 'type'), value, { maxKeys: 3 }).map((d) => ({ ...d, type: 'x' }) as TraceStep['decision']),
  fault: fc.option(text, { nil: null }),
  envelopes: fc.array(text, { maxLength: 2 }),
  error: fc.option(text, { nil: null }),
  events: fc.array(text, { maxLength: 2 }),
  digest: text,
});

const FIELDS = ['index', 'phase', 'actor', 'decision', 'fault', 'envelopes', 'error', 'events', 'digest'] as const;

const hex = (s: TraceStep): string => {
  const h = new Hash64();
  hashStepInto(h, s);
  return h.hex();
};

describe('hashStepInto (the rolling hash of a step record)', () => {
  it('gives two records the same hash exactly when their canonical texts are equal (property)', () => {
    let equal = 0;
    fc.assert(
      fc.property(step, step, fc.constantFrom(...FIELDS), (a, other, field) => {
        // b is a with one field taken from another record: often equal, often one field apart.
        const b = { ...a, [field]: other[field] } as TraceStep;
        expect(hex(a) === hex(b)).toBe(canonicalStep(a) === canonicalStep(b));
        expect(hex(a) === hex(other)).toBe(canonicalStep(a) === canonicalStep(other));
        if (canonicalStep(a) === canonicalStep(b)) equal++;
      }),
      { numRuns: 5000 },
    );
    expect(equal).toBeGreaterThan(500);
  });

  it('ignores key order and -0 as canonical JSON does, and separates what it separates', () => {
    const base: TraceStep = { index: 3, phase: 'fault', actor: 'w1', decision: { type: 'x', a: 1, b: [0, 'a'] }, fault: null, envelopes: ['12'], error: null, events: [], digest: 'ab' };
    expect(hex({ ...base, decision: { b: [0, 'a'], a: 1, type: 'x' } })).toBe(hex(base));
    expect(hex({ ...base, decision: { type: 'x', a: 1, b: [-0, 'a'] } })).toBe(hex(base));
    for (const other of [
      { ...base, decision: { type: 'x', a: '1', b: [0, 'a'] } },
      { ...base, envelopes: ['1', '2'] },
      { ...base, envelopes: [], events: ['12'] },
      { ...base, fault: 'drop' },
      { ...base, error: '' },
      { ...base, index: 4 },
    ] as TraceStep[]) {
      expect(canonicalStep(other)).not.toBe(canonicalStep(base));
      expect(hex(other)).not.toBe(hex(base));
    }
    expect(canonicalJson(base as unknown as Json)).toBe(canonicalStep(base));
  });
});
