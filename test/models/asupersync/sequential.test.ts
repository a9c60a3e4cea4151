import { describe, expect, it } from 'vitest';
import { parseAsupersyncAction } from '../../../src/models/asupersync/actions.js';
import { sequentialCandidates } from '../../../src/models/asupersync/candidates-sequential.js';
import { RunEngine } from '../../../src/sim/run-engine.js';
import { RngStreams } from '../../../src/sim/rng.js';
import { simulate } from '../../../src/sim/simulate.js';
import { randomScheduler } from '../../../src/sim/strategy.js';
import { act, boot, coordState, deliver, fresh, model, runScript, workerState } from './helpers.js';

const SEQUENTIAL = { workload: 'sequential' } as const;
const EVEN = ['SpawnJob', 'StatusSnapshot', 'JobCompleted'];
const ODD = ['SpawnJob', 'StatusSnapshot', 'CancelJob', 'CancelAcknowledged', 'DrainJob', 'DrainCompleted', 'FinalizeJob', 'FinalizeCompleted'];

/**
 * Run the sequential workload under a seeded random scheduler through the real
 * run engine, collecting each job's delivered messages in delivery order.
 */
function drive(jobs: number, seed: bigint) {
  const engine = new RunEngine(model, { ...model.defaultOptions, ...SEQUENTIAL, jobs }, seed);
  const rng = new RngStreams(seed);
  const scheduler = randomScheduler(rng.stream('schedule'));
  const ctx = { phase: 'fault' as const, step: 0, rng: (n: string) => rng.stream(n), faultEnabled: () => false };
  const delivered = new Map<number, string[]>();
  let maxTracked = 0;
  let maxKept = 0;
  for (let i = 0; i < 100 * jobs + 10; i++) {
    const candidates = model.candidates(engine.state, ctx);
    if (candidates.length === 0) break;
    const chosen = candidates[scheduler.choose(candidates, i)]!;
    engine.step('fault', chosen);
    const d = engine.state.last.delivered;
    if (d !== null && d.job !== null) delivered.set(d.job, [...(delivered.get(d.job) ?? []), d.op]);
    maxTracked = Math.max(maxTracked, engine.state.coordinator.trackedJobs().length);
    maxKept = Math.max(maxKept, engine.state.plans.size, engine.state.notes.size);
  }
  return { engine, delivered, maxTracked, maxKept };
}

describe('sequential workload (the protocol issue lockstep workload under the scheduler)', () => {
  it('moves exactly the protocol workload messages for every job, one job at a time, and settles clean', () => {
    for (const seed of [1n, 2n, 3n]) {
      const { engine, delivered, maxTracked, maxKept } = drive(40, seed);
      expect(engine.violations).toEqual([]);
      expect(model.settled(engine.state)).toBe(true);
      for (let job = 1; job <= 40; job++) expect(delivered.get(job), `job ${job}`).toEqual(job % 2 === 0 ? EVEN : ODD);
      expect(maxTracked).toBe(1);
      expect(maxKept).toBe(1);
      // Every job was removed, and its worker forgot it: nothing grows with the run.
      expect(engine.state.coordinator.trackedJobs()).toEqual([]);
      expect(engine.state.gens[0]?.worker.jobs()).toEqual([]);
      expect(engine.state.gens[0]?.cancelsSeen.size).toBe(0);
    }
  });

  it('costs the same per step however long the run: the state digest does not grow', () => {
    const short = drive(4, 5n);
    const long = drive(400, 5n);
    expect(long.engine.violations).toEqual([]);
    // Same shape (every number and word collapsed): no list in the state grew with the jobs run.
    const shape = (text: string): string => text.replace(/[0-9a-zA-Z]+/g, 'x');
    expect(shape(model.digest(long.engine.state))).toBe(shape(model.digest(short.engine.state)));
  });

  it('offers a turn between jobs, then the next spawn, and draws nothing', () => {
    const s = fresh(SEQUENTIAL);
    const noDraw = {
      phase: 'fault' as const,
      step: 0,
      rng: () => {
        throw new Error('the sequential workload must not draw');
      },
      faultEnabled: () => false,
    };
    boot(s);
    expect(sequentialCandidates(s, noDraw).map((c) => c.action)).toEqual([
      { type: 'spawn', job: 1, steps: 1, outcome: 'ok', payload: 8, result: 4, snapshot: true },
    ]);
    act(s, sequentialCandidates(s, noDraw)[0]!.action);
    deliver(s, 'worker');
    act(s, { type: 'step', gen: 1, job: 1 });
    // Job 1 is odd: once running at the worker it waits for its cancel, which the workload sends only after the coordinator sees Running.
    expect(sequentialCandidates(s, noDraw).map((c) => c.action.type)).toEqual(['deliver']);
    deliver(s, 'coordinator');
    expect(sequentialCandidates(s, noDraw).map((c) => c.action)).toEqual([{ type: 'cancel', job: 1 }]);
  });

  it('passes 300 realistic seeds with only the known stale-bootstrap finding', () => {
    const seen = new Set<string>();
    for (let seed = 1; seed <= 300; seed++) {
      const r = simulate({ model, seed, profile: 'realistic', modelOptions: SEQUENTIAL, keepTrace: false });
      for (const v of r.violations) seen.add(v.invariant);
    }
    for (const name of seen) expect(['stale-worker-inert', 'settled-views-agree']).toContain(name);
  });
});

describe('remove action', () => {
  it('parses, and removes a terminal job from the coordinator and the worker', () => {
    expect(parseAsupersyncAction({ type: 'remove', job: 3 })).toEqual({ type: 'remove', job: 3 });
    expect(() => parseAsupersyncAction({ type: 'remove', job: 0 })).toThrow(/field "job"/);
    const s = fresh();
    boot(s);
    act(s, { type: 'spawn', job: 1, steps: 0, outcome: 'ok', payload: 0, result: 0, snapshot: false });
    deliver(s, 'worker');
    act(s, { type: 'step', gen: 1, job: 1 });
    deliver(s, 'coordinator');
    expect(coordState(s, 1)).toBe('Completed');
    act(s, { type: 'remove', job: 1 });
    expect(coordState(s, 1)).toBeUndefined();
    expect(workerState(s, 1)).toBeUndefined();
    expect(s.plans.has(1)).toBe(false);
  });

  it('is a job-transition-table violation when the job was not terminal', () => {
    const bootstrap = { type: 'bootstrap', gen: 1, fail: false } as const;
    const up = { type: 'deliver', gen: 1, to: 'coordinator' } as const;
    const spawn = { type: 'spawn', job: 1, steps: 1, outcome: 'ok', payload: 0, result: 0, snapshot: false } as const;
    const clean = runScript([bootstrap, up, spawn]);
    expect(clean.violations).toEqual([]);
    const r = runScript([bootstrap, up, spawn, { type: 'remove', job: 1 }]);
    expect(r.violations.map((v) => [v.invariant, v.message])).toEqual([
      ['job-transition-table', 'job 1 was removed while Queued; the workload removes only terminal jobs'],
    ]);
  });
});

describe('workload option', () => {
  it('defaults to random and rejects anything else with a clear error', () => {
    expect(fresh().options.workload).toBe('random');
    expect(fresh({ workload: 'sequential' }).options.workload).toBe('sequential');
    expect(() => fresh({ workload: 'burst' })).toThrow('asupersync: option workload must be "random" or "sequential", got "burst"');
  });

  it('reads traces recorded before the option existed as random', () => {
    const { workload: _, ...old } = model.defaultOptions;
    expect(model.init(old, 1n).options.workload).toBe('random');
  });
});
