import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Json } from '../../src/sim/json.js';
import { BlockReader } from '../../src/trace/step-block-reader.js';
import { BlockWriter } from '../../src/trace/step-block-writer.js';
import type { TraceStep } from '../../src/trace/types.js';
import { parseStep } from '../../src/trace/validate.js';

const u64 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((n) => n.toString());
const hex16 = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((n) => n.toString(16).padStart(16, '0'));
const text = fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('deliver', 'w1', 'coordinator', 'é€😀'), fc.string({ unit: 'grapheme', maxLength: 4 }));
const decision = fc
  .record({ type: text, rest: fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue({ maxDepth: 3 }), { maxKeys: 5 }) })
  .map(({ type, rest }) => ({ ...rest, type }) as TraceStep['decision'])
  .filter((d) => !JSON.stringify(d).includes('__proto__'));

const step = (index: number): fc.Arbitrary<TraceStep> =>
  fc.record({
    phase: fc.constantFrom('fault', 'heal'),
    actor: text,
    decision,
    fault: fc.option(text, { nil: null }),
    envelopes: fc.array(u64, { maxLength: 5 }),
    error: fc.option(text, { nil: null }),
    events: fc.array(text, { maxLength: 5 }),
    digest: hex16,
  }).map((s) => parseStep({ index, ...s }, index));

describe('compact step blocks', () => {
  it('round-trip any valid steps exactly, including many distinct strings and long lists (property)', () => {
    const block = fc
      .tuple(fc.nat({ max: 1_000_000 }), fc.integer({ min: 1, max: 30 }))
      .chain(([first, n]) => fc.tuple(fc.constant(first), fc.tuple(...Array.from({ length: n }, (_, i) => step(first + i)))));
    fc.assert(
      fc.property(block, ([first, steps]) => {
        const w = new BlockWriter(first);
        for (const s of steps) w.add(s);
        expect(new BlockReader(w.finish()).steps(first)).toEqual(steps);
      }),
      { numRuns: 200 },
    );
  });

  it('interns strings past the 96 one-byte references', () => {
    const steps = Array.from({ length: 300 }, (_, i) => parseStep({
      index: i, phase: 'fault', actor: `actor-${i % 150}`, decision: { type: 'x', n: -i, f: i / 7, s: `v${i}` },
      fault: null, envelopes: [], error: null, events: [`e${i % 120}`], digest: '0123456789abcdef',
    }, i));
    const w = new BlockWriter(0);
    for (const s of steps) w.add(s);
    expect(new BlockReader(w.finish()).steps(0)).toEqual(steps);
  });

  it('keeps the decision key order and numbers exactly (negative, fractional, large, -0)', () => {
    const d: { [k: string]: Json } = { type: 't', z: -0, a: 2 ** 53 - 1, m: -(2 ** 40), f: 0.1, l: [1, [2, { q: null }], true, false] };
    const s = parseStep({ index: 0, phase: 'heal', actor: 'a', decision: d as TraceStep['decision'], fault: 'f', envelopes: ['0', '18446744073709551615', '1', '2'], error: 'E', events: ['a', 'b', 'c'], digest: 'ffffffffffffffff' }, 0);
    const w = new BlockWriter(0);
    w.add(s);
    const [back] = new BlockReader(w.finish()).steps(0);
    expect(back).toEqual(s);
    expect(Object.keys(back!.decision)).toEqual(Object.keys(d));
    expect(Object.is(back!.decision.z, -0)).toBe(true);
  });
});

describe('u64 envelope hashes', () => {
  it('decode to the same decimal text as BigInt, at the edges and at random (property)', () => {
    const edges = [0n, 1n, 9n, 10n, (1n << 32n) - 1n, 1n << 32n, 10n ** 10n - 1n, 10n ** 10n, 10n ** 10n << 16n, (1n << 53n) - 1n, 1n << 53n, (1n << 53n) + 1n, 999_999n << 32n, (1n << 64n) - 1n, 10n ** 19n, 10n ** 19n - 1n];
    const check = (values: readonly bigint[]): void => {
      const s = parseStep({ index: 0, phase: 'fault', actor: 'a', decision: { type: 't' }, fault: null, envelopes: values.map(String), error: null, events: [], digest: '0000000000000000' }, 0);
      const w = new BlockWriter(0);
      w.add(s);
      expect(new BlockReader(w.finish()).steps(0)[0]!.envelopes).toEqual(values.map(String));
    };
    check(edges);
    fc.assert(fc.property(fc.array(fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }), { minLength: 1, maxLength: 6 }), check), { numRuns: 300 });
  });
});
