// The shrinker finds known minimal causes in hand-built runs, works for a model with no shrink
// hooks at all, and refuses what it cannot shrink.
import { describe, expect, it } from 'vitest';
import type { AsupersyncAction } from '../../src/models/asupersync/actions.js';
import { asupersyncModel } from '../../src/models/asupersync/model.js';
import { resolveModel } from '../../src/models/registry.js';
import { CandidateRunner } from '../../src/shrink/candidate-run.js';
import { decisionsOf, faultPhaseOf } from '../../src/shrink/decisions.js';
import { shrinkTrace } from '../../src/shrink/index.js';
import type { AnyModel } from '../../src/sim/model.js';
import { LIVENESS } from '../../src/sim/run-engine.js';
import { simulate } from '../../src/sim/simulate.js';
import { encodeTrace } from '../../src/trace/encoder.js';
import { replay } from '../../src/trace/replay.js';
import type { Trace } from '../../src/trace/types.js';
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

describe('elastic ending', () => {
  const lie: ScriptStep<AsupersyncAction> = fault({ type: 'lie', gen: 1, job: 1, lie: 'finalize-without-drain', state: null }, 'faulty-worker');
  const script = [bootstrap(1), up(1), spawn(1, 3, 16), down(1), { type: 'step', gen: 1, job: 1 } as const, { type: 'cancel', job: 1 } as const, lie, up(1), up(1)];

  it('repeats the violating delivery when a shorter run leaves a message ahead of the culprit', () => {
    const trace = recordScript(asupersyncModel, script);
    expect(trace.steps.length).toBe(9); // the snapshot from the step is delivered first, then FinalizeCompleted
    expect(trace.footer.violations[0]?.invariant).toBe('cancel-completes-via-protocol');
    const runner = new CandidateRunner(asupersyncModel as unknown as AnyModel, trace.header, 'cancel-completes-via-protocol', 10);
    const oneDeliveryShort = decisionsOf(trace, 8).slice(0, 8);
    const kept = runner.test(oneDeliveryShort, 9);
    expect(kept?.map((d) => d.action).slice(-2)).toEqual([up(1), up(1)]);
    expect(runner.test(oneDeliveryShort)).toBeNull(); // longer than the candidate: not kept by default
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

  it('shrinks a liveness failure: the fault-phase prefix goes, the re-run heal phase still fails', () => {
    // Actor a can never pass the cap, so once the others are done nothing is left to do (deadlock).
    const run = simulate({ model: counterModel, seed: 5n, profile: 'realistic', maxSteps: 40, modelOptions: { actors: 3, target: 9, cap: 2 } });
    const trace = run.trace;
    if (trace === null) throw new Error('no trace');
    expect(trace.footer.violations.map((v) => v.invariant)).toEqual([LIVENESS]);
    expect(trace.steps.filter((s) => s.fault !== null).length).toBeGreaterThan(0);
    const r = shrinkTrace(trace, resolve);
    expect(r.invariant).toBe(LIVENESS);
    expect(replay(r.trace, resolve)).toMatchObject({ ok: true });
    expect(r.trace.footer.violations.map((v) => v.invariant)).toEqual([LIVENESS]);
    expect(r.trace.footer.violations[0]?.message).toMatch(/deadlock/);
    expect(r.steps).toBeLessThan(r.originalSteps);
    expect(r.trace.steps.filter((s) => s.fault !== null)).toEqual([]);
    // Whatever fault-phase prefix is kept, the heal phase after it is the one that deadlocks.
    expect(r.trace.steps.some((s) => s.phase === 'heal')).toBe(true);
    expect(Buffer.from(encodeTrace(shrinkTrace(trace, resolve).trace)).equals(Buffer.from(encodeTrace(r.trace)))).toBe(true);
  });

  it('re-running the unshrunk fault phase reproduces the recorded heal phase byte for byte', () => {
    for (const seed of [5n, 6n, 7n]) {
      const run = simulate({ model: counterModel, seed, profile: 'realistic', maxSteps: 6, modelOptions: { actors: 3, target: 9, cap: 2 } });
      const trace = run.trace;
      if (trace === null) throw new Error('no trace');
      expect(trace.steps.some((s) => s.phase === 'heal')).toBe(true);
      const runner = new CandidateRunner(counterModel as unknown as AnyModel, trace.header, LIVENESS, 10);
      expect(Buffer.from(encodeTrace(runner.record(faultPhaseOf(trace)))).equals(Buffer.from(encodeTrace(trace)))).toBe(true);
    }
  });

  it('a liveness candidate is judged by the heal bound recorded in the header', () => {
    const run = simulate({ model: counterModel, seed: 5n, profile: 'realistic', maxSteps: 40, modelOptions: { actors: 3, target: 9, cap: 2 } });
    const trace = run.trace;
    if (trace === null) throw new Error('no trace');
    const noBound: Trace = { ...trace, header: { ...trace.header, options: { ...trace.header.options, healSteps: 'many' } } };
    expect(() => shrinkTrace(noBound, resolve)).toThrow(/healSteps must be a non-negative integer/);
  });
});
