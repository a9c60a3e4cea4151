import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DeterminismViolation } from '../../src/sim/determinism-guard.js';
import type { AnyModel } from '../../src/sim/model.js';
import { encodeTrace } from '../../src/trace/encoder.js';
import { TraceFormatError } from '../../src/trace/errors.js';
import { readTraceRecords } from '../../src/trace/file-reader.js';
import { TraceFileWriter } from '../../src/trace/file-writer.js';
import { replay, traceRecords, type DivergenceField, type ReplayVerdict } from '../../src/trace/replay.js';
import type { Trace, TraceStep } from '../../src/trace/types.js';
import { counter, counterTrace, resolve, tempDir } from './helpers.js';

function tamperStep(trace: Trace, k: number, patch: Partial<TraceStep>): Trace {
  return { ...trace, steps: trace.steps.map((s, i) => (i === k ? { ...s, ...patch } : s)) };
}

function divergence(v: ReplayVerdict): { step: number | null; field: DivergenceField } {
  if (v.ok) throw new Error('expected a divergence, but the trace replayed cleanly');
  return { step: v.divergence.step, field: v.divergence.field };
}

function writeFile(trace: Trace, path: string): void {
  const w = new TraceFileWriter(path, { fsync: false });
  w.header(trace.header);
  trace.steps.forEach((s) => w.step(s));
  w.footer(trace.footer);
}

const flipHex = (h: string): string => (h[0] === '0' ? '1' : '0') + h.slice(1);

const options = fc.record({
  actors: fc.integer({ min: 1, max: 4 }),
  target: fc.integer({ min: 1, max: 8 }),
  failAt: fc.option(fc.integer({ min: 1, max: 60 }), { nil: null }),
  cap: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
});
const runs = fc.record({
  seed: fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }),
  profile: fc.constantFrom('none', 'realistic', 'adversarial', 'swarm' as const),
  strategy: fc.constantFrom('random', 'pct' as const),
  healSteps: fc.integer({ min: 0, max: 100 }),
  stopOnViolation: fc.boolean(),
});

describe('replay', () => {
  it('any seed, profile, strategy and option set replays identically (property)', () => {
    fc.assert(
      fc.property(runs, options, ({ seed, ...extra }, modelOptions) => {
        const trace = counterTrace(seed, modelOptions, extra);
        expect(replay(trace, resolve)).toEqual({ ok: true, steps: trace.footer.steps });
      }),
      { numRuns: 60 },
    );
  });

  it('replays a streamed file, and a plain record iterable', () => {
    const trace = counterTrace(21, { failAt: 25 }, { stopOnViolation: false });
    const path = join(tempDir(), 't.lstrace');
    writeFile(trace, path);
    expect(replay(readTraceRecords(path, { chunkSize: 100 }), resolve)).toEqual({ ok: true, steps: trace.steps.length });
    expect(replay([...traceRecords(trace)], resolve).ok).toBe(true);
  });

  it('a tampered step is reported at exactly that step with the right field (property)', () => {
    const kinds = ['digest', 'envelopes', 'error', 'events', 'decision', 'actor-in-decision', 'index'] as const;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.nat(), fc.constantFrom(...kinds), (seed, pick, kind) => {
        const trace = counterTrace(seed);
        const k = pick % trace.steps.length;
        const s = trace.steps[k]!;
        const patch: Partial<TraceStep> = {
          digest: { digest: flipHex(s.digest) },
          envelopes: { envelopes: ['12345'] },
          error: { error: s.error === null ? 'clamped' : null },
          events: { events: [...s.events, 'invented'] },
          decision: { decision: { ...s.decision, type: 'bogus' } },
          // Valid but different: replay cannot tell it was tampered except through its effects.
          'actor-in-decision': { decision: { ...s.decision, actor: s.decision.actor === 'a' ? 'b' : 'a' } },
          index: { index: k + 1 },
        }[kind];
        const field = ({ 'actor-in-decision': 'envelopes', index: 'steps' } as const)[kind as string] ?? kind;
        const v = replay(tamperStep(trace, k, patch), resolve);
        expect(divergence(v)).toEqual({ step: k, field });
        if (!v.ok) {
          expect(v.steps).toBe(kind === 'decision' || kind === 'index' ? k : k + 1);
          expect(v.divergence.decision).toEqual(patch.decision ?? s.decision);
          expect(v.divergence.message).toMatch(new RegExp(`^step ${k}: `));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('decision divergences: unparseable, non-canonical, impossible fault', () => {
    const trace = counterTrace(5);
    const s = trace.steps[3]!;
    const bad = replay(tamperStep(trace, 3, { decision: { ...s.decision, extra: 1 } }), resolve);
    expect(divergence(bad)).toEqual({ step: 3, field: 'decision' });
    expect(!bad.ok && bad.divergence.actual).toMatch(/not a counter action/);
    const short = counterTrace(5, {}, { maxSteps: 3 });
    const heal = short.steps.findIndex((x) => x.phase === 'heal');
    expect(heal).toBe(3);
    expect(divergence(replay(tamperStep(short, heal, { fault: 'reset' }), resolve))).toEqual({ step: heal, field: 'decision' });
    expect(divergence(replay(tamperStep(trace, 0, { fault: 'meteor' }), resolve))).toEqual({ step: 0, field: 'decision' });
  });

  it('footer tampering is reported with its field', () => {
    const trace = counterTrace(8, { failAt: 12 });
    const f = trace.footer;
    const cases: [Partial<Trace['footer']>, DivergenceField][] = [
      [{ steps: f.steps + 1 }, 'steps'],
      [{ settled: !f.settled }, 'settled'],
      [{ outcome: { counters: {}, resets: 0 } }, 'outcome'],
      [{ violations: [] }, 'violations'],
      [{ violations: f.violations.map((v) => ({ ...v, step: v.step + 1 })) }, 'violations'],
      [{ verdicts: f.verdicts.map((v) => ({ ...v, held: true })) }, 'violations'],
      [{ rollingHash: flipHex(f.rollingHash) }, 'rollingHash'],
    ];
    for (const [patch, field] of cases) {
      expect(divergence(replay({ ...trace, footer: { ...f, ...patch } }, resolve))).toEqual({ step: null, field });
    }
    // A step's actor is an input to replay, so tampering it only shows in the rolling hash.
    expect(divergence(replay(tamperStep(trace, 2, { actor: 'mallory' }), resolve))).toEqual({ step: null, field: 'rollingHash' });
    // Dropping the last step: the footer no longer matches.
    expect(divergence(replay({ ...trace, steps: trace.steps.slice(0, -1) }, resolve)).field).toBe('steps');
  });

  it('liveness violations are re-derived, not copied', () => {
    for (const trace of [counterTrace(3, { cap: 2 }), counterTrace(3, { target: 1000 }, { healSteps: 5 })]) {
      expect(trace.footer.violations.map((v) => v.invariant)).toEqual(['liveness:all-work-terminates']);
      expect(replay(trace, resolve).ok).toBe(true);
      // An unsettled run with no safety violation must carry a liveness violation.
      expect(divergence(replay({ ...trace, footer: { ...trace.footer, violations: [] } }, resolve))).toEqual({ step: null, field: 'violations' });
    }
    const settled = counterTrace(4);
    const fake = { ...counterTrace(3, { cap: 2 }).footer.violations[0]!, step: settled.footer.steps - 1 };
    expect(divergence(replay({ ...settled, footer: { ...settled.footer, violations: [fake] } }, resolve))).toEqual({ step: null, field: 'violations' });
  });

  it('header problems: unknown model throws, bad options are a model divergence', () => {
    const trace = counterTrace(9);
    expect(() => replay({ ...trace, header: { ...trace.header, model: 'nope' } }, resolve)).toThrow(/unknown model "nope"/);
    const opts = (model: unknown): Trace => ({ ...trace, header: { ...trace.header, options: { ...trace.header.options, model: model as never } } });
    expect(divergence(replay(opts([1]), resolve))).toEqual({ step: null, field: 'model' });
    expect(divergence(replay(opts({ actors: 0 }), resolve))).toEqual({ step: null, field: 'model' });
    expect(divergence(replay(trace, () => ({ ...counter, name: 'other' })))).toEqual({ step: null, field: 'model' });
  });

  it('runs under the determinism guard', () => {
    const trace = counterTrace(10);
    const sneaky: AnyModel = { ...counter, apply: (s, a) => (Date.now(), counter.apply(s, a)) };
    expect(() => replay(trace, () => sneaky)).toThrow(DeterminismViolation);
  });

  it('a damaged file throws even after a divergence was found', () => {
    const trace = tamperStep(counterTrace(12), 1, { digest: '0000000000000000' });
    const path = join(tempDir(), 't.lstrace');
    writeFile(trace, path);
    expect(divergence(replay(readTraceRecords(path), resolve))).toEqual({ step: 1, field: 'digest' });
    const bytes = encodeTrace(trace);
    const damaged = Uint8Array.from(bytes);
    damaged[bytes.length - 50] = damaged[bytes.length - 50]! ^ 0x20;
    const path2 = join(tempDir(), 'd.lstrace');
    writeFileSync(path2, damaged);
    expect(() => replay(readTraceRecords(path2), resolve)).toThrow(TraceFormatError);
  });

  it('rejects sources that are not header, steps, footer', () => {
    const trace = counterTrace(13);
    const records = [...traceRecords(trace)];
    expect(() => replay(records.slice(0, -1), resolve)).toThrow(/without a footer/);
    expect(() => replay(records.slice(1), resolve)).toThrow(/unexpected step record/);
    expect(() => replay([...records, ...records], resolve)).toThrow(/unexpected header record/);
  });

  it('the same seed gives byte-identical files; different seeds differ', () => {
    for (const seed of [0n, 1n, 99n, (1n << 64n) - 1n]) {
      const a = encodeTrace(counterTrace(seed, {}, { strategy: 'pct', profile: 'swarm' }));
      const b = encodeTrace(counterTrace(seed, {}, { strategy: 'pct', profile: 'swarm' }));
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
      const c = encodeTrace(counterTrace(seed + 1n, {}, { strategy: 'pct', profile: 'swarm' }));
      expect(Buffer.from(a).equals(Buffer.from(c))).toBe(false);
    }
  });
});

