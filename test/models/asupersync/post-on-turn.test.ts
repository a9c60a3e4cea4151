/**
 * The `postOn` model option: with `'turn'` the coordinator's queued envelopes
 * are posted only when the host turn ends (the `turn` action), as a browser
 * main thread posts at the end of its task; `'action'` (the default) posts
 * after every action, as before.
 *
 * Deferred posting is what makes a shutdown request meet queued job traffic:
 * the real coordinator discards it (`requestShutdown` clears the outbox), the
 * zoo's `coord-keeps-outbox-on-shutdown` does not and violates
 * `no-job-traffic-during-shutdown`.
 */
import { describe, expect, it } from 'vitest';
import type { AsupersyncAction } from '../../../src/models/asupersync/actions.js';
import { createAsupersyncModel } from '../../../src/models/asupersync/model.js';
import { parseOptions } from '../../../src/models/asupersync/options.js';
import { observeState } from '../../../src/models/asupersync/view.js';
import { resolveModel } from '../../../src/models/registry.js';
import type { Json } from '../../../src/sim/json.js';
import { RunEngine } from '../../../src/sim/run-engine.js';
import { simulate } from '../../../src/sim/simulate.js';
import { replay } from '../../../src/trace/replay.js';
import { variant as keepsOutbox } from '../../../zoo/variants/coord-keeps-outbox-on-shutdown.js';
import { act, boot, classify, fresh, model, queued, runScript, spawnOf } from './helpers.js';

const TURN = { postOn: 'turn' } as const;
const turn: AsupersyncAction = { type: 'turn' };
const shutdown: AsupersyncAction = { type: 'shutdown' };
const bootstrap: AsupersyncAction = { type: 'bootstrap', gen: 1, fail: false };
const up: AsupersyncAction = { type: 'deliver', gen: 1, to: 'coordinator' };

/** Boot w1, queue spawns of jobs 1 and 2 and a poll of job 1 in one turn, request shutdown, end the turn. */
const SHUTDOWN_AFTER_QUEUED: readonly AsupersyncAction[] = [bootstrap, up, spawnOf(1), spawnOf(2), { type: 'poll', job: 1 }, shutdown, turn];

describe("postOn: 'turn'", () => {
  it('posts what the coordinator queued only when the turn ends, in queue order', () => {
    const s = fresh(TURN);
    boot(s);
    act(s, spawnOf(1));
    act(s, { type: 'poll', job: 1 });
    act(s, { type: 'step', gen: 1, job: 1 }); // not the worker's yet: fails, posts nothing
    expect(queued(s, 'worker')).toEqual([]);
    expect(s.coordinator.pendingOutbox().map((e) => e.op.type)).toEqual(['SpawnJob', 'PollStatus']);
    const fx = act(s, turn);
    expect(queued(s, 'worker')).toEqual(['SpawnJob', 'PollStatus']);
    expect(fx.envelopes).toHaveLength(2);
    expect(s.coordinator.pendingOutbox()).toEqual([]);
  });

  it("keeps the coordinator's replies to a delivery queued until the turn ends", () => {
    const s = fresh(TURN);
    boot(s);
    act(s, spawnOf(1));
    act(s, turn);
    act(s, { type: 'cancel', job: 1 });
    act(s, turn);
    act(s, { type: 'deliver', gen: 1, to: 'worker' }); // SpawnJob
    act(s, { type: 'deliver', gen: 1, to: 'worker' }); // CancelJob: the worker acknowledges
    act(s, up); // CancelAcknowledged: the coordinator queues DrainJob
    expect(s.coordinator.pendingOutbox().map((e) => e.op.type)).toEqual(['DrainJob']);
    expect(queued(s, 'worker')).toEqual([]);
    act(s, turn);
    expect(queued(s, 'worker')).toEqual(['DrainJob']);
  });

  it('counts queued envelopes as in flight to the live worker', () => {
    const s = fresh(TURN);
    boot(s);
    act(s, spawnOf(1));
    expect(observeState(s).generations[0]?.inflightJobs).toEqual([1]);
    act(s, turn);
    expect(observeState(s).generations[0]?.inflightJobs).toEqual([1]);
  });

  it('is not settled while an envelope is queued', () => {
    const m = createAsupersyncModel();
    const s = fresh({ ...TURN, jobs: 1 });
    boot(s);
    act(s, spawnOf(1, { steps: 0 }));
    act(s, turn);
    act(s, { type: 'deliver', gen: 1, to: 'worker' });
    while (s.gens[0]?.worker.jobState(1n) !== 'Completed') act(s, { type: 'step', gen: 1, job: 1 });
    act(s, up); // JobCompleted: job 1 terminal, every job issued
    expect(s.coordinator.jobState(1n)).toBe('Completed');
    expect(m.settled(s)).toBe(true);
    act(s, { type: 'poll', job: 1 }); // the coordinator lets a terminal job be polled
    expect(s.coordinator.pendingOutbox().map((e) => e.op.type)).toEqual(['PollStatus']);
    expect(m.settled(s)).toBe(false);
    act(s, turn);
    expect(m.settled(s)).toBe(true);
  });

  it('offers turn in the heal phase exactly while envelopes are queued, so every run settles', () => {
    let healTurns = 0;
    for (let seed = 1n; seed <= 40n; seed++) {
      const r = simulate({ model, seed, profile: 'none', modelOptions: TURN, maxSteps: 15, keepTrace: true }); // cut the fault phase short: the heal phase must post
      expect(r.violations).toEqual([]);
      expect(r.settled).toBe(true);
      const heal = r.trace?.steps.filter((x) => x.phase === 'heal') ?? [];
      for (let i = 0; i < heal.length; i++) {
        if (heal[i]?.decision.type !== 'turn') continue;
        healTurns++;
        expect(heal[i - 1]?.decision.type).not.toBe('turn');
      }
    }
    expect(healTurns).toBeGreaterThan(0);
  });

  it('shows only the known findings of the real protocol under faults', () => {
    let seen = 0;
    for (const profile of ['realistic', 'adversarial'] as const) {
      for (let seed = 1n; seed <= 150n; seed++) {
        const r = simulate({ model, seed, profile, modelOptions: TURN, keepTrace: true });
        for (const v of r.violations) {
          seen++;
          expect({ seed, invariant: v.invariant, finding: classify(r, v) }).not.toMatchObject({ finding: null });
        }
      }
    }
    expect(seen).toBeGreaterThan(0);
  });

  it('replays a recorded run identically, with the option in the trace header', () => {
    const r = simulate({ model, seed: 11n, profile: 'adversarial', modelOptions: TURN, keepTrace: true });
    expect(r.trace).not.toBeNull();
    if (r.trace === null) return;
    expect((r.trace.header.options.model as { readonly [k: string]: Json }).postOn).toBe('turn');
    expect(r.trace.steps.some((x) => x.decision.type === 'turn')).toBe(true);
    expect(replay(r.trace, resolveModel)).toMatchObject({ ok: true });
  });

  it('rejects an unknown value', () => {
    expect(() => parseOptions({ ...model.defaultOptions, postOn: 'never' })).toThrow(/postOn must be "action" or "turn"/);
  });
});

describe('shutdown with job traffic queued', () => {
  it('the real coordinator discards it and posts only ShutdownWorker', () => {
    const { violations, state } = runScript(SHUTDOWN_AFTER_QUEUED, TURN);
    expect(violations).toEqual([]);
    expect(queued(state, 'worker')).toEqual(['ShutdownWorker']);
  });

  it('coord-keeps-outbox-on-shutdown posts it after the request and violates no-job-traffic-during-shutdown', () => {
    const buggy = createAsupersyncModel({ name: 'keeps-outbox', description: keepsOutbox.description, parts: keepsOutbox.parts });
    const engine = new RunEngine(buggy, { ...buggy.defaultOptions, ...TURN }, 42n);
    for (const action of SHUTDOWN_AFTER_QUEUED) engine.step('fault', { action, actor: 'script' });
    expect(queued(engine.state, 'worker')).toEqual(['SpawnJob', 'SpawnJob', 'PollStatus', 'ShutdownWorker']);
    expect(engine.violations.map((v) => [v.invariant, v.step])).toEqual([['no-job-traffic-during-shutdown', SHUTDOWN_AFTER_QUEUED.length - 1]]);
  });

  it("is never queued in 'action' mode: the variant runs step for step like the real coordinator", () => {
    const buggy = createAsupersyncModel({ name: 'keeps-outbox', description: keepsOutbox.description, parts: keepsOutbox.parts });
    for (const profile of ['none', 'adversarial'] as const) {
      for (let seed = 1n; seed <= 10n; seed++) {
        const a = simulate({ model: buggy, seed, profile, keepTrace: false });
        const b = simulate({ model, seed, profile, keepTrace: false });
        expect(a.rollingHash).toBe(b.rollingHash);
      }
    }
  });
});

describe("postOn: 'action' (the default)", () => {
  it('is the default and posts every envelope right after the action that queued it', () => {
    expect(model.defaultOptions.postOn).toBe('action');
    const s = fresh();
    boot(s);
    act(s, spawnOf(1));
    expect(queued(s, 'worker')).toEqual(['SpawnJob']);
    expect(s.coordinator.pendingOutbox()).toEqual([]);
  });

  it("runs exactly as without the option, and differently from 'turn'", () => {
    let differs = 0;
    for (let seed = 1n; seed <= 10n; seed++) {
      const plain = simulate({ model, seed, profile: 'adversarial', keepTrace: false });
      const explicit = simulate({ model, seed, profile: 'adversarial', modelOptions: { postOn: 'action' }, keepTrace: false });
      const turned = simulate({ model, seed, profile: 'adversarial', modelOptions: TURN, keepTrace: false });
      expect(explicit.rollingHash).toBe(plain.rollingHash);
      if (turned.rollingHash !== plain.rollingHash) differs++;
    }
    expect(differs).toBeGreaterThan(0);
  });

  it('never offers turn in the heal phase', () => {
    for (let seed = 1n; seed <= 20n; seed++) {
      const r = simulate({ model, seed, profile: 'realistic', keepTrace: true });
      expect(r.trace?.steps.filter((x) => x.phase === 'heal' && x.decision.type === 'turn')).toEqual([]);
    }
  });
});
