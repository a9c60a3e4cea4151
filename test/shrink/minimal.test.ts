// The shrinker finds known minimal causes in hand-built runs, works for a model with no shrink
// hooks at all, and refuses what it cannot shrink.
import { describe, expect, it } from 'vitest';
import type { AsupersyncAction } from '../../src/models/asupersync/actions.js';
import { asupersyncModel } from '../../src/models/asupersync/model.js';
import { resolveModel } from '../../src/models/registry.js';
import { ShrinkError, shrinkTrace } from '../../src/shrink/index.js';
import type { AnyModel } from '../../src/sim/model.js';
import { LIVENESS } from '../../src/sim/run-engine.js';
import { simulate } from '../../src/sim/simulate.js';
import { replay } from '../../src/trace/replay.js';
import { counterModel } from '../support/counter-model.js';
import { recordScript, type ScriptStep } from './helpers.js';

const up = (gen: number): AsupersyncAction => ({ type: 'deliver', gen, to: 'coordinator' });
const down = (gen: number): AsupersyncAction => ({ type: 'deliver', gen, to: 'worker' });
const bootstrap = (gen: number): AsupersyncAction => ({ type: 'bootstrap', gen, fail: false });
const spawn = (job: number, steps: number, payload: number): AsupersyncAction => ({ type: 'spawn', job, steps, outcome: 'err', payload, result: 16, snapshot: true });
const fault = (action: AsupersyncAction, name: string): ScriptStep<AsupersyncAction> => ({ action, fault: name });

describe('known minimal causes', () => {
  it('a noisy stale-bootstrap hijack across three workers shrinks to its five essential steps', () => {
    const trace = recordScript(asupersyncModel, [
      bootstrap(1), // BootstrapReady(w1) stays in flight: it is the stale message
      { type: 'turn' },
      fault({ type: 'replace', gen: 2 }, 'worker-replaced'),
      bootstrap(2),
      up(2),
      spawn(1, 2, 1024),
      { type: 'poll', job: 1 },
      down(2),
      down(2),
      { type: 'step', gen: 2, job: 1 },
      { type: 'turn' },
      up(2),
      spawn(2, 1, 16),
      fault({ type: 'replace', gen: 3 }, 'worker-replaced'),
      bootstrap(3),
      up(3),
      { type: 'cancel', job: 2 },
      fault(up(2), 'late-message'),
      fault(up(1), 'late-message'), // the hijack: w1's BootstrapReady resets the session of w3
    ]);
    expect(trace.footer.violations[0]?.invariant).toBe('stale-worker-inert');
    expect(trace.steps.length).toBe(19);
    const r = shrinkTrace(trace, resolveModel);
    expect(r.trace.steps.map((s) => s.decision)).toEqual([bootstrap(1), { type: 'replace', gen: 2 }, bootstrap(2), up(2), up(1)]);
    expect(r.trace.steps.map((s) => s.fault)).toEqual([null, 'worker-replaced', null, null, 'late-message']);
    expect(replay(r.trace, resolveModel)).toMatchObject({ ok: true });
  });

  it('an unchecked FinalizeCompleted needs no payload, steps or snapshot: values are simplified', () => {
    const trace = recordScript(asupersyncModel, [
      bootstrap(1),
      up(1),
      spawn(1, 3, 1024),
      down(1),
      { type: 'step', gen: 1, job: 1 },
      { type: 'cancel', job: 1 },
      { type: 'turn' },
      fault({ type: 'lie', gen: 1, job: 1, lie: 'finalize-without-drain', state: null }, 'faulty-worker'),
      up(1),
      up(1),
      up(1),
    ]);
    expect(trace.footer.violations[0]?.invariant).toBe('cancel-completes-via-protocol');
    const r = shrinkTrace(trace, resolveModel);
    const spawned = r.trace.steps.map((s) => s.decision).filter((d) => d.type === 'spawn');
    expect(spawned).toEqual([{ type: 'spawn', job: 1, steps: 0, outcome: 'ok', payload: 0, result: 0, snapshot: false }]);
    expect(r.steps).toBeLessThanOrEqual(6);
    expect(r.trace.footer.violations[0]?.invariant).toBe('cancel-completes-via-protocol');
  });
});

describe('a model without shrink hooks (counter)', () => {
  const resolve = (name: string): AnyModel => {
    if (name !== counterModel.name) throw new Error(`unknown model "${name}"`);
    return counterModel as unknown as AnyModel;
  };

  it('shrinks a tripwire violation to exactly the steps it needs, and drops the faults', () => {
    const run = simulate({ model: counterModel, seed: 3n, profile: 'adversarial', modelOptions: { actors: 4, target: 20, failAt: 9 } });
    const trace = run.trace;
    if (trace === null) throw new Error('no trace');
    expect(trace.footer.violations[0]?.invariant).toBe('tripwire');
    const r = shrinkTrace(trace, resolve);
    expect(r.steps).toBe(9); // the tripwire counts applied actions: any 9 will do, fewer never
    expect(replay(r.trace, resolve)).toMatchObject({ ok: true });
    expect(r.trace.footer.violations[0]?.invariant).toBe('tripwire');
  });

  it('refuses a liveness failure with a clear message', () => {
    const run = simulate({ model: counterModel, seed: 1n, profile: 'none', modelOptions: { cap: 2 } });
    const trace = run.trace;
    if (trace === null) throw new Error('no trace');
    expect(trace.footer.violations[0]?.invariant).toBe(LIVENESS);
    expect(() => shrinkTrace(trace, resolve)).toThrow(ShrinkError);
    expect(() => shrinkTrace(trace, resolve)).toThrow(/liveness:all-work-terminates; shrinking supports safety invariants only/);
  });
});
