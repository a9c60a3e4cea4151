import { describe, expect, it } from 'vitest';
import { LIVENESS } from '../../src/sim/run-engine.js';
import { simulate } from '../../src/sim/simulate.js';
import { counterModel } from '../support/counter-model.js';
import { counterTrace } from './helpers.js';

// The toy model must exercise every trace field, or the replay tests prove little.
describe('counter model', () => {
  it('settles, injects resets, and produces envelopes, errors and events', () => {
    const traces = [1, 2, 3, 4, 5].map((seed) => counterTrace(seed));
    const steps = traces.flatMap((t) => t.steps);
    expect(traces.every((t) => t.footer.settled && t.footer.violations.length === 0)).toBe(true);
    expect(steps.some((s) => s.fault === 'reset')).toBe(true);
    expect(steps.some((s) => s.error === 'clamped')).toBe(true);
    expect(steps.some((s) => s.events.includes('reached-target'))).toBe(true);
    expect(steps.every((s) => s.envelopes.length === 1)).toBe(true);
  });

  it('trips the tripwire invariant at failAt', () => {
    const t = counterTrace(9, { failAt: 7 });
    expect(t.footer.violations.map((v) => [v.invariant, v.step])).toEqual([['tripwire', 6]]);
    expect(t.steps).toHaveLength(7);
  });

  it('deadlocks with a cap and runs out of heal steps with a high target', () => {
    const capped = counterTrace(3, { cap: 2 });
    expect(capped.footer.violations.map((v) => v.invariant)).toEqual([LIVENESS]);
    expect(capped.footer.violations[0]?.message).toMatch(/deadlock/);
    const slow = counterTrace(3, { target: 1000 }, { healSteps: 5 });
    expect(slow.footer.violations[0]?.message).toMatch(/not settled within 5 heal steps/);
  });

  it('rejects malformed actions', () => {
    expect(counterModel.parseAction({ type: 'inc', actor: 'a', by: 2 })).toEqual({ type: 'inc', actor: 'a', by: 2 });
    for (const bad of [null, [], { type: 'inc', actor: 'a' }, { type: 'inc', actor: 'a', by: 9 }, { type: 'reset', actor: 'A' }, { type: 'x', actor: 'a' }]) {
      expect(() => counterModel.parseAction(bad)).toThrow(/counter:/);
    }
  });

  it('is deterministic under simulate', () => {
    const a = simulate({ model: counterModel, seed: 77n, profile: 'swarm', strategy: 'pct' });
    const b = simulate({ model: counterModel, seed: 77n, profile: 'swarm', strategy: 'pct' });
    expect(JSON.stringify(a.trace)).toBe(JSON.stringify(b.trace));
  });
});
