import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { StepEffects } from '../../src/sim/model.js';
import { asupersyncModel } from '../../src/models/asupersync/model.js';
import { PROFILES } from '../../src/sim/profile.js';
import { simulate } from '../../src/sim/simulate.js';
import { TraceEncoder } from '../../src/trace/encoder.js';
import { isEngineStep, markEngineStep } from '../../src/trace/engine-step.js';
import { TraceFileWriter } from '../../src/trace/file-writer.js';
import { BlockWriter } from '../../src/trace/step-block-writer.js';
import type { TraceStep } from '../../src/trace/types.js';
import { parseStep, RecordShapeError } from '../../src/trace/validate.js';
import { counterModel } from '../support/counter-model.js';
import { counterTrace, tempDir } from './helpers.js';

/** The error parseStep throws for `s`, or null if it accepts it. */
function shapeError(s: unknown, index: number): string | null {
  try {
    parseStep(s, index);
    return null;
  } catch (e) {
    if (e instanceof RecordShapeError) return e.message;
    throw e;
  }
}

/** Encode `steps` through a fresh encoder, marking each as the engine's own first when `engine`. */
function encodeSteps(steps: readonly TraceStep[], engine: boolean): Uint8Array {
  const trace = counterTrace(1);
  const encoder = new TraceEncoder();
  encoder.header(trace.header);
  const parts = steps.map((s) => {
    if (engine) markEngineStep(s);
    return encoder.step(s);
  });
  parts.push(encoder.footer({ ...trace.footer, steps: steps.length }));
  return Buffer.concat(parts);
}

describe('records the run engine built', () => {
  it('are marked, and a copy is not', () => {
    let seen = 0;
    simulate({
      model: counterModel,
      seed: 3n,
      maxSteps: 30,
      sink: {
        header: () => {},
        step: (s) => {
          expect(isEngineStep(s)).toBe(true);
          expect(isEngineStep({ ...s })).toBe(false);
          seen++;
        },
        footer: () => {},
      },
    });
    expect(seen).toBeGreaterThan(0);
  });

  it('encode to the same bytes as records that take the parseStep path', () => {
    for (const seed of [1, 2, 3, 4]) {
      const trace = counterTrace(seed, {}, { profile: 'swarm' });
      expect(encodeSteps(trace.steps, true)).toEqual(encodeSteps(trace.steps, false));
    }
    // The asupersync model's records: several decision shapes per type (key order), envelopes repeating within a block.
    for (const profile of PROFILES) {
      for (const seed of [1n, 2n, 3n]) {
        const modelOptions = seed === 2n ? { workload: 'sequential' } : {};
        const steps = simulate({ model: asupersyncModel, seed, profile, maxSteps: 1500, modelOptions, keepTrace: true }).trace!.steps;
        expect(encodeSteps(steps, true)).toEqual(encodeSteps(steps, false));
      }
    }
  });

  it('with a field the model got wrong are refused with parseStep\'s error, and the file writer aborts', () => {
    const cases: readonly [StepEffects, RegExp][] = [
      [{ envelopes: ['-1'], error: null, events: [] }, /step\[\d+\]\.envelopes\[0\]: expected a decimal u64/],
      [{ envelopes: ['18446744073709551616'], error: null, events: [] }, /envelopes\[0\]: expected a decimal u64/],
      [{ envelopes: [], error: null, events: [7 as unknown as string] }, /events\[0\]: expected a string/],
      [{ envelopes: [], error: 1 as unknown as string, events: [] }, /\.error: expected a string/],
    ];
    for (const [bad, message] of cases) {
      const dir = tempDir();
      const model = { ...counterModel, apply: (s: Parameters<typeof counterModel.apply>[0], a: Parameters<typeof counterModel.apply>[1]) => (s.applied >= 5 ? bad : counterModel.apply(s, a)) };
      const writer = new TraceFileWriter(join(dir, 'run.lstrace'), { fsync: false });
      expect(() => simulate({ model, seed: 2n, maxSteps: 40, sink: writer })).toThrow(message);
      expect(readdirSync(dir)).toEqual([]);
    }
  });
});

// Valid steps, then one field replaced by something that may or may not be valid.
const hexDigits = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map((n) => n.toString(16).padStart(16, '0'));
const decimal = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map(String);
const valid = fc.record({
  index: fc.constant(0),
  phase: fc.constantFrom('fault', 'heal'),
  actor: fc.string({ maxLength: 4 }),
  // fc.jsonValue can make an own "__proto__" key, which a trace refuses (not portable): keep it out of valid steps.
  decision: fc
    .dictionary(fc.string({ maxLength: 3 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 })
    .map((d) => ({ ...d, type: 't' }))
    .filter((d) => !JSON.stringify(d).includes('"__proto__"')),
  fault: fc.option(fc.string({ maxLength: 3 }), { nil: null }),
  envelopes: fc.array(decimal, { maxLength: 4 }),
  error: fc.option(fc.string({ maxLength: 3 }), { nil: null }),
  events: fc.array(fc.string({ maxLength: 3 }), { maxLength: 4 }),
  digest: hexDigits,
});
const odd = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, '', '0', '00', '01', '-0', '+1', '1e3', ' 1', '18446744073709551615', '18446744073709551616', '99999999999999999999'),
  fc.constantFrom<unknown>('0123456789ABCDEF', '0123456789abcdeg', '0123456789abcde', '0123456789abcdef0', 'fault', 'heal', 'Heal'),
  fc.constantFrom<unknown>(Number.NaN, Infinity, -0, 0.5, 2 ** 53, new Date(0), [1, undefined], { __proto__: null, a: 1 }, { type: 1 }, Object.assign(Object.create({}), { type: 't' })),
  fc.constantFrom<unknown>({ type: 't', x: Number.NaN }, { type: 't', x: [Infinity] }, { type: 't', x: { y: undefined } }, JSON.parse('{"type":"t","__proto__":1}')),
  fc.array(fc.oneof(decimal, fc.constantFrom<unknown>('-1', '01', 'x', 5, null)), { maxLength: 3 }),
  fc.array(fc.oneof(fc.string({ maxLength: 2 }), fc.constantFrom<unknown>(1, null)), { maxLength: 3 }),
);
const FIELDS = ['phase', 'actor', 'decision', 'fault', 'envelopes', 'error', 'events', 'digest'] as const;

describe('BlockWriter.tryAdd', () => {
  it('accepts a step exactly when parseStep does, encodes it as add does, and otherwise leaves the block unchanged (property)', () => {
    fc.assert(
      fc.property(fc.array(valid, { minLength: 1, maxLength: 4 }), fc.constantFrom(...FIELDS), odd, (prefix, field, value) => {
        const steps = prefix.map((s, i) => ({ ...s, index: i }) as TraceStep);
        const last = steps[steps.length - 1]!;
        const candidate = { ...last, [field]: value } as TraceStep;
        const error = shapeError(candidate, last.index);
        const fast = new BlockWriter(0);
        const slow = new BlockWriter(0);
        for (const s of steps.slice(0, -1)) {
          expect(fast.tryAdd(s)).toBe(true);
          slow.add(parseStep(s, s.index));
        }
        expect(fast.tryAdd(candidate)).toBe(error === null);
        if (error === null) slow.add(parseStep(candidate, candidate.index));
        // The refused step left no bytes and no interned strings behind: the next step encodes alike.
        const next = { ...steps[0]!, index: last.index + (error === null ? 1 : 0) };
        expect(fast.tryAdd(next)).toBe(true);
        slow.add(next);
        expect(fast.steps).toBe(slow.steps);
        expect(fast.finish()).toEqual(slow.finish());
      }),
      { numRuns: 2000 },
    );
  });

  it('forgets an envelope hash a refused step added, so the next step writes it in full (format 4 back-references)', () => {
    const base = { ...counterTrace(1).steps[0]!, index: 0 } as TraceStep;
    const fast = new BlockWriter(0);
    const slow = new BlockWriter(0);
    expect(fast.tryAdd({ ...base, envelopes: ['123', '-1'] })).toBe(false);
    const next = { ...base, envelopes: ['123', '123'] };
    expect(fast.tryAdd(next)).toBe(true);
    slow.add(parseStep(next, 0));
    expect(fast.finish()).toEqual(slow.finish());
  });

  it('refuses decisions nested 200 levels deep, as parseStep does', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200; i++) deep = [deep];
    const s = { ...counterTrace(1).steps[0]!, index: 0, decision: { type: 't', deep } } as TraceStep;
    expect(shapeError(s, 0)).toMatch(/nested deeper than 200/);
    expect(new BlockWriter(0).tryAdd(s)).toBe(false);
  });
});
