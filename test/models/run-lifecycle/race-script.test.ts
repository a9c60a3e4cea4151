import { describe, expect, it } from 'vitest';
import type { RunAction } from '../../../src/models/run-lifecycle/actions.js';
import { runLifecycleModel as model } from '../../../src/models/run-lifecycle/model.js';
import type { ClusterView } from '../../../src/models/run-lifecycle/view.js';
import type { StepEffects } from '../../../src/sim/model.js';

// Drives the model by hand through the lease-expires-while-running race, checking every invariant per step.
function script(options: Record<string, boolean | number>, actions: readonly RunAction[]): { view: ClusterView; fx: StepEffects[]; broken: string[] } {
  const state = model.init({ ...model.defaultOptions, runs: 1, workers: 2, leaseTicks: 2, ...options }, 1n);
  let view = model.observe(state);
  const fx: StepEffects[] = [];
  const broken: string[] = [];
  for (const a of actions) {
    const effects = model.apply(state, model.parseAction(a));
    const next = model.observe(state);
    for (const inv of model.invariants) if (inv.check(view, next, a, effects) !== null) broken.push(inv.name);
    fx.push(effects);
    view = next;
  }
  return { view, fx, broken };
}

const RACE: readonly RunAction[] = [
  { type: 'promote', run: 'r0' },
  { type: 'lease', worker: 'w0', run: 'r0' },
  { type: 'start', worker: 'w0', run: 'r0', work: 9 },
  { type: 'stall', worker: 'w0', ticks: 3 }, // asleep until t=3; its lease ends at t=2
  { type: 'tick' },
  { type: 'tick' },
  { type: 'reap', run: 'r0' },
  { type: 'tick' },
  { type: 'promote', run: 'r0' },
  { type: 'lease', worker: 'w1', run: 'r0' },
  { type: 'start', worker: 'w1', run: 'r0', work: 0 },
];
const STALE: RunAction = { type: 'finish', worker: 'w0', run: 'r0', attempt: 'r0/a1', outcome: 'success' };

describe('scripted lease-expiry race', () => {
  it('reaps a run whose worker still runs, then fences the old attempt', () => {
    const { view, fx, broken } = script({}, [...RACE, STALE]);
    expect(fx[6]?.events).toEqual(['lease-expired-while-running']);
    expect(fx.at(-1)).toEqual({ envelopes: [], error: 'AttemptOwnershipMismatch', events: ['stale-finish-rejected'] });
    expect(view.runs[0]?.run).toMatchObject({ state: 'Running', currentAttemptId: 'r0/a2', attemptCount: 2 });
    expect(view.workers.map((w) => [w.id, w.attempt])).toEqual([['w0', null], ['w1', 'r0/a2']]);
    expect(broken).toEqual([]);
  });

  it('a stale finish after the reap but before the re-lease is AttemptFinishRequiresRunning', () => {
    const { view, fx, broken } = script({}, [...RACE.slice(0, 8), STALE]); // up to the tick that wakes w0
    expect(fx.at(-1)?.error).toBe('AttemptFinishRequiresRunning');
    expect(view.runs[0]?.run).toMatchObject({ state: 'RetryWait', currentAttemptId: null, attemptCount: 1 });
    expect(broken).toEqual([]);
  });

  it('with bugNoFencing the stale success is accepted and the fencing invariant fires', () => {
    const { view, broken } = script({ bugNoFencing: true }, [...RACE, STALE]);
    expect(view.runs[0]?.run.state).toBe('Completed');
    expect(broken).toContain('attempt-fencing');
  });

  it('cancel racing a finish: the late finish is rejected and the run stays Canceled', () => {
    const { view, fx, broken } = script({}, [...RACE.slice(0, 3), { type: 'cancel', run: 'r0' }, { ...STALE, outcome: 'failure' }]);
    expect(fx[3]?.events).toEqual(['cancel-vs-finish']);
    expect(fx[4]).toEqual({ envelopes: [], error: 'AttemptFinishRequiresRunning', events: ['finish-after-cancel'] });
    expect(view.runs[0]?.run).toMatchObject({ state: 'Canceled', currentAttemptId: null, attemptCount: 1 });
    expect(broken).toEqual([]);
  });

  it('rejects malformed actions from a trace', () => {
    expect(() => model.parseAction({ type: 'finish', worker: 'w0', run: 'r0', attempt: 'a', outcome: 'maybe' })).toThrow(/outcome/);
    expect(() => model.parseAction({ type: 'stall', worker: 'w0', ticks: 0 })).toThrow(/ticks/);
    expect(() => model.parseAction({ type: 'warp' })).toThrow(/unknown run-lifecycle action/);
    expect(() => model.init({ ...model.defaultOptions, runs: 0 }, 1n)).toThrow(/option runs/);
  });
});
