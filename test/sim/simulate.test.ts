import { describe, expect, it } from 'vitest';
import { DeterminismViolation } from '../../src/sim/determinism-guard.js';
import type { Json } from '../../src/sim/json.js';
import type { Action, Model } from '../../src/sim/model.js';
import { simulate } from '../../src/sim/simulate.js';

// A deliberately tiny model: actors increment counters towards a target; a fault resets one.
interface S {
  counts: number[];
  target: number;
  overshoot: boolean;
  stuck: boolean;
  escape: boolean;
}
type V = { readonly counts: readonly number[] };

const model: Model<S, V, Action> = {
  name: 'toy-counters',
  description: 'counters racing to a target',
  defaultOptions: { actors: 3, target: 4, overshoot: false, stuck: false, escape: false },
  faults: [{ name: 'reset', description: 'reset a counter', profile: 'realistic', rate: 0.2 }],
  invariants: [
    {
      name: 'never-exceeds-target',
      description: 'no counter passes the target',
      check: (_p, next) => (next.counts.some((c) => c > 4) ? `counts ${next.counts.join(',')}` : null),
    },
  ],
  init: (o) => ({
    counts: Array.from({ length: Number(o.actors) }, () => 0),
    target: Number(o.target),
    overshoot: o.overshoot === true,
    stuck: o.stuck === true,
    escape: o.escape === true,
  }),
  candidates(s, ctx) {
    const out: { action: Action; actor: string; fault?: string }[] = [];
    s.counts.forEach((c, i) => {
      if ((c < s.target || s.overshoot) && !(s.stuck && i === 0 && c === 2)) {
        out.push({ action: { type: 'inc', i }, actor: `a${i}` });
      }
    });
    if (ctx.faultEnabled('reset')) {
      const i = ctx.rng('fault-params').int(s.counts.length);
      out.push({ action: { type: 'reset', i }, actor: 'chaos', fault: 'reset' });
    }
    return out;
  },
  apply(s, a) {
    if (s.escape) Math.random();
    const i = Number(a.i);
    if (a.type === 'inc') s.counts[i] = (s.counts[i] ?? 0) + 1;
    else s.counts[i] = 0;
    return { envelopes: [], error: null, events: a.type === 'reset' ? ['reset'] : [] };
  },
  observe: (s) => ({ counts: [...s.counts] }),
  digest: (s) => s.counts.join(','),
  settled: (s) => s.counts.every((c) => c >= s.target),
  outcome: (s): Json => ({ counts: [...s.counts] }),
  parseAction: (v) => v as Action,
};

describe('simulate', () => {
  it('runs both phases, settles and records every step', () => {
    const r = simulate({ model, seed: 5n, profile: 'realistic', maxSteps: 10 });
    expect(r.violations).toEqual([]);
    expect(r.settled).toBe(true);
    const trace = r.trace;
    expect(trace).not.toBeNull();
    expect(trace?.steps.length).toBe(r.steps);
    expect(trace?.steps.slice(0, 10).every((s) => s.phase === 'fault')).toBe(true);
    expect(trace?.steps.slice(10).every((s) => s.phase === 'heal' && s.fault === null)).toBe(true);
    expect(trace?.header).toMatchObject({ model: 'toy-counters', seed: '5', profile: 'realistic', strategy: 'random' });
  });

  it('the same seed gives an identical trace; another seed a different one', () => {
    const a = simulate({ model, seed: 11n, profile: 'realistic', strategy: 'pct', maxSteps: 30 });
    const b = simulate({ model, seed: 11n, profile: 'realistic', strategy: 'pct', maxSteps: 30 });
    const c = simulate({ model, seed: 12n, profile: 'realistic', strategy: 'pct', maxSteps: 30 });
    expect(JSON.stringify(a.trace)).toBe(JSON.stringify(b.trace));
    expect(a.rollingHash).not.toBe(c.rollingHash);
  });

  it('injects faults only when the profile enables them', () => {
    const faults = (profile: 'none' | 'realistic'): number =>
      simulate({ model, seed: 3n, profile, maxSteps: 60 }).trace?.steps.filter((s) => s.fault === 'reset').length ?? 0;
    expect(faults('none')).toBe(0);
    expect(faults('realistic')).toBeGreaterThan(0);
  });

  it('reports a safety violation with invariant, step, decision and state, and stops', () => {
    const r = simulate({ model, seed: 1n, profile: 'none', modelOptions: { overshoot: true }, maxSteps: 100 });
    expect(r.violations).toHaveLength(1);
    const v = r.violations[0];
    expect(v?.invariant).toBe('never-exceeds-target');
    expect(v?.step).toBe(r.steps - 1);
    expect(v?.decision).toMatchObject({ type: 'inc' });
    expect(v?.state).toMatchObject({ counts: expect.any(Array) });
  });

  it('reports a liveness violation when the heal phase deadlocks', () => {
    const r = simulate({ model, seed: 1n, profile: 'none', modelOptions: { stuck: true }, maxSteps: 5 });
    expect(r.settled).toBe(false);
    expect(r.violations.map((v) => v.invariant)).toEqual(['liveness:all-work-terminates']);
    expect(r.violations[0]?.message).toContain('deadlock');
  });

  it('a model that reaches for Math.random fails loudly', () => {
    expect(() => simulate({ model, seed: 1n, modelOptions: { escape: true } })).toThrow(DeterminismViolation);
    expect(typeof Math.random()).toBe('number');
  });
});
