// The applicability hooks the shrinker relies on. For states reached by simulate:
// - every candidate a model offers is applicable;
// - `applicable` is exact: for arbitrary (well-formed) actions, apply throws iff applicable is false.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AsupersyncAction, Direction, Lie } from '../../src/models/asupersync/actions.js';
import { asupersyncModel } from '../../src/models/asupersync/model.js';
import type { RunAction } from '../../src/models/run-lifecycle/actions.js';
import { runLifecycleModel } from '../../src/models/run-lifecycle/model.js';
import type { Json } from '../../src/sim/json.js';
import type { Action, Model } from '../../src/sim/model.js';
import type { ProfileName } from '../../src/sim/profile.js';
import { simulate } from '../../src/sim/simulate.js';

const PROFILES: readonly ProfileName[] = ['none', 'realistic', 'adversarial', 'swarm'];

/** Simulate with a model whose `candidates` reports any candidate its `applicable` rejects. */
function inapplicableCandidates<S, V extends Json, A extends Action>(model: Model<S, V, A>, seed: number, profile: ProfileName): string[] {
  const applicable = model.applicable?.bind(model);
  if (applicable === undefined) throw new Error(`${model.name} has no applicable hook`);
  const bad: string[] = [];
  const checking: Model<S, V, A> = {
    ...model,
    candidates(s, ctx) {
      const cs = model.candidates(s, ctx);
      for (const c of cs) if (!applicable(s, c.action)) bad.push(`seed ${seed} step ${ctx.step}: ${JSON.stringify(c.action)}`);
      return cs;
    },
  };
  simulate({ model: checking, seed, profile, stopOnViolation: false, healSteps: 300 });
  return bad;
}

/** The state after the first `prefix` decisions of a simulated run, rebuilt by applying them. */
function stateAfter<S, V extends Json, A extends Action>(model: Model<S, V, A>, seed: number, profile: ProfileName, prefix: number): S {
  const run = simulate({ model, seed, profile, maxSteps: prefix, healSteps: 0, stopOnViolation: false });
  const state = model.init(model.defaultOptions, BigInt(seed));
  for (const step of run.trace?.steps ?? []) model.apply(state, model.parseAction(step.decision));
  return state;
}

function throws(fn: () => unknown): boolean {
  try {
    fn();
    return false;
  } catch {
    return true;
  }
}

const dir = fc.constantFrom<Direction>('worker', 'coordinator');
const gen = fc.integer({ min: 0, max: 5 });
const job = fc.integer({ min: 1, max: 8 });
const small = fc.integer({ min: 0, max: 4 });
const asupersyncAction: fc.Arbitrary<AsupersyncAction> = fc.oneof(
  fc.record({
    type: fc.constant('spawn' as const),
    job,
    steps: fc.integer({ min: 0, max: 3 }),
    outcome: fc.constantFrom('ok' as const, 'err' as const, 'panic' as const),
    payload: fc.constantFrom(0, 16, 1024),
    result: fc.constantFrom(0, 16),
    snapshot: fc.boolean(),
  }),
  fc.record({ type: fc.constantFrom('cancel' as const, 'poll' as const), job }),
  fc.record({ type: fc.constantFrom('shutdown' as const, 'turn' as const) }),
  fc.record({ type: fc.constant('deliver' as const), gen, to: dir }),
  fc.record({ type: fc.constant('bootstrap' as const), gen, fail: fc.boolean() }),
  fc.record({ type: fc.constant('step' as const), gen, job }),
  fc.record({ type: fc.constantFrom('restart' as const, 'recover' as const, 'replace' as const), gen: fc.integer({ min: 0, max: 7 }) }),
  fc.record({ type: fc.constantFrom('drop' as const, 'duplicate' as const, 'reorder' as const, 'delay' as const), gen, to: dir, index: small }),
  fc.record({ type: fc.constant('replay' as const), gen, to: dir, entry: small }),
  fc.record({
    type: fc.constant('lie' as const),
    gen,
    job,
    lie: fc.constantFrom<Lie>('finalize-without-drain', 'completed-while-finalizing'),
    state: fc.constant(null),
  }),
);

const runId = fc.integer({ min: 0, max: 7 }).map((i) => `r${i}`);
const workerId = fc.integer({ min: 0, max: 4 }).map((i) => `w${i}`);
const attempt = fc.tuple(runId, fc.integer({ min: 1, max: 3 })).map(([r, n]) => `${r}/a${n}`);
const outcome = fc.constantFrom('success' as const, 'failure' as const);
const runAction: fc.Arbitrary<RunAction> = fc.oneof(
  fc.constant({ type: 'tick' as const }),
  fc.record({ type: fc.constantFrom('promote' as const, 'reap' as const, 'cancel' as const), run: runId }),
  fc.record({ type: fc.constant('lease' as const), worker: workerId, run: runId }),
  fc.record({ type: fc.constant('start' as const), worker: workerId, run: runId, work: small }),
  fc.record({ type: fc.constant('heartbeat' as const), worker: workerId, run: runId, attempt }),
  fc.record({ type: fc.constantFrom('finish' as const, 'duplicate-finish' as const), worker: workerId, run: runId, attempt, outcome }),
  fc.record({ type: fc.constant('stall' as const), worker: workerId, ticks: fc.integer({ min: 1, max: 9 }) }),
  fc.record({ type: fc.constant('crash' as const), worker: workerId }),
);

describe.each([
  ['asupersync', asupersyncModel as unknown as Model<unknown, Json, Action>, asupersyncAction as fc.Arbitrary<Action>],
  ['run-lifecycle', runLifecycleModel as unknown as Model<unknown, Json, Action>, runAction as fc.Arbitrary<Action>],
] as const)('%s applicable', (_name, model, action) => {
  it('accepts every candidate the model offers, in every profile', () => {
    const bad: string[] = [];
    for (const profile of PROFILES) for (let seed = 1; seed <= 25; seed++) bad.push(...inapplicableCandidates(model, seed, profile));
    expect(bad.slice(0, 5)).toEqual([]);
  });

  it('is exact: apply throws if and only if the action is not applicable', () => {
    const applicable = model.applicable?.bind(model);
    expect(applicable).toBeDefined();
    const seen = { applicable: 0, not: 0 };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.constantFrom(...PROFILES), fc.integer({ min: 0, max: 80 }), action, (seed, profile, prefix, a) => {
        const state = stateAfter(model, seed, profile, prefix);
        const ok = applicable?.(state, a) === true;
        seen[ok ? 'applicable' : 'not']++;
        expect(throws(() => model.apply(state, a))).toBe(!ok);
      }),
      { numRuns: 300, seed: 4 },
    );
    // Both sides of the equivalence were exercised.
    expect(seen.applicable).toBeGreaterThan(30);
    expect(seen.not).toBeGreaterThan(30);
  });
});

describe('asupersync simplify and rebase', () => {
  it('every simplified variant is a well-formed action that differs from the original', () => {
    fc.assert(
      fc.property(asupersyncAction, (a) => {
        fc.pre(!throws(() => asupersyncModel.parseAction(a)));
        for (const v of asupersyncModel.simplify?.(a) ?? []) {
          expect(asupersyncModel.parseAction(v)).toEqual(v);
          expect(v).not.toEqual(a);
          expect(v.type).toBe(a.type);
        }
      }),
      { seed: 5 },
    );
  });

  it('keeps a payload-limit spawn at the limit and simplifies everything else', () => {
    const limit: AsupersyncAction = { type: 'spawn', job: 1, steps: 2, outcome: 'err', payload: 262_144, result: 16, snapshot: true };
    const variants = asupersyncModel.simplify?.(limit) ?? [];
    expect(variants[0]).toEqual({ ...limit, steps: 0, outcome: 'ok', result: 0, snapshot: false });
    expect(variants.every((v) => v.type === 'spawn' && v.payload === 262_144)).toBe(true);
    expect(asupersyncModel.simplify?.({ type: 'bootstrap', gen: 1, fail: true })).toEqual([]);
  });

  it('moves generations down after a removed new worker, and leaves older ones alone', () => {
    const rebase = (a: AsupersyncAction, removed: AsupersyncAction): AsupersyncAction => asupersyncModel.rebase?.(a, removed) ?? a;
    const restart2: AsupersyncAction = { type: 'restart', gen: 2 };
    expect(rebase({ type: 'deliver', gen: 3, to: 'worker' }, restart2)).toEqual({ type: 'deliver', gen: 2, to: 'worker' });
    expect(rebase({ type: 'bootstrap', gen: 2, fail: false }, restart2)).toEqual({ type: 'bootstrap', gen: 1, fail: false });
    expect(rebase({ type: 'replace', gen: 4 }, { type: 'replace', gen: 3 })).toEqual({ type: 'replace', gen: 3 });
    expect(rebase({ type: 'deliver', gen: 1, to: 'coordinator' }, restart2)).toEqual({ type: 'deliver', gen: 1, to: 'coordinator' });
    expect(rebase({ type: 'deliver', gen: 3, to: 'worker' }, { type: 'turn' })).toEqual({ type: 'deliver', gen: 3, to: 'worker' });
    expect(rebase({ type: 'cancel', job: 3 }, restart2)).toEqual({ type: 'cancel', job: 3 });
  });
});
