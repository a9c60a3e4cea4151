/**
 * The view reuses parts of the previous view that the latest step cannot have
 * changed (`view-parts.ts`, `step-touch.ts`): at every step of many random
 * runs, in every profile and workload and with `postOn: 'turn'`, it must be
 * exactly the view built from scratch, and no earlier view may change.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AsupersyncAction } from '../../../src/models/asupersync/actions.js';
import { asupersyncModel, createAsupersyncModel } from '../../../src/models/asupersync/model.js';
import { REAL_PARTS } from '../../../src/models/asupersync/state.js';
import { WorkerCoordinator, type Result } from '../../../src/protocol/index.js';
import type { AsupersyncState } from '../../../src/models/asupersync/state.js';
import { observeFresh, observeState, type AsupersyncView } from '../../../src/models/asupersync/view.js';
import { ascendingUnique } from '../../../src/models/asupersync/view-parts.js';
import { outcomeSummary } from '../../../src/models/asupersync/ops.js';
import type { Model } from '../../../src/sim/model.js';
import { PROFILES } from '../../../src/sim/profile.js';
import { simulate } from '../../../src/sim/simulate.js';

type M = Model<AsupersyncState, AsupersyncView, AsupersyncAction>;

const SETUPS = [
  { workload: 'random' },
  { workload: 'sequential' },
  { workload: 'random', postOn: 'turn' },
  { workload: 'sequential', postOn: 'turn' },
] as const;

interface Tally {
  steps: number;
  mismatches: number;
  first: string | null;
  /** Steps whose view kept the previous coordinator part / a generation's worker jobs. */
  keptCoordinator: number;
  keptJobs: number;
  /** Earlier views whose JSON changed after they were handed out. */
  changed: number;
  /** Steps whose worker jobs differ from the summary built through the public `jobs()` and `settledJobs()`. */
  jobsMismatches: number;
  /** Settled worker jobs seen (the reference covers `via` and outcomes). */
  settledSeen: number;
}

/** Each generation's worker jobs as `jobs()` and `settledJobs()` show them (what the view summarises from the records). */
function publicJobs(s: AsupersyncState): string {
  return JSON.stringify(
    s.gens.map((g) => {
      const settled = new Map(g.worker.settledJobs().map((x) => [x.jobId, x.via]));
      return g.worker.jobs().map((j) => ({ id: Number(j.jobId), state: j.state, outcome: j.outcome === null ? null : outcomeSummary(j.outcome), via: settled.get(j.jobId) ?? null }));
    }),
  );
}

/** Run `model` (whose `observe` is wrapped here) over seeds, profiles and setups, comparing every view with a fresh one. */
function compare(model: M, seeds: number): Tally {
  const t: Tally = { steps: 0, mismatches: 0, first: null, keptCoordinator: 0, keptJobs: 0, changed: 0, jobsMismatches: 0, settledSeen: 0 };
  for (const profile of PROFILES) {
    for (const setup of SETUPS) {
      for (let seed = 1; seed <= seeds; seed++) {
        const seen: { view: AsupersyncView; json: string }[] = [];
        const observe = (s: AsupersyncState): AsupersyncView => {
          const view = model.observe(s);
          const json = JSON.stringify(view);
          const fresh = JSON.stringify(observeFresh(s));
          t.steps++;
          if (json !== fresh) {
            t.mismatches++;
            t.first ??= `${profile} ${JSON.stringify(setup)} seed ${seed} step ${seen.length}:\n  kept  ${json}\n  fresh ${fresh}`;
          }
          if (JSON.stringify(view.generations.map((g) => g.jobs)) !== publicJobs(s)) t.jobsMismatches++;
          for (const g of view.generations) for (const j of g.jobs) if (j.via !== null) t.settledSeen++;
          const prev = seen[seen.length - 1]?.view;
          if (prev !== undefined && prev.coordinator === view.coordinator) t.keptCoordinator++;
          if (prev !== undefined && view.generations.some((g, i) => g.jobs.length > 0 && g.jobs === prev.generations[i]?.jobs)) t.keptJobs++;
          seen.push({ view, json });
          return view;
        };
        simulate({ model: { ...model, observe }, seed, profile, maxSteps: 200, healSteps: 400, modelOptions: { jobs: 10, ...setup }, keepTrace: false, stopOnViolation: false });
        for (const x of seen) if (JSON.stringify(x.view) !== x.json) t.changed++;
      }
    }
  }
  return t;
}

describe('asupersync view reuse', () => {
  it('equals the view built from scratch at every step, and never changes an earlier view', () => {
    const t = compare(asupersyncModel, 20);
    expect(t.first).toBeNull();
    expect(t.mismatches).toBe(0);
    expect(t.changed).toBe(0);
    expect(t.jobsMismatches).toBe(0);
    expect(t.settledSeen).toBeGreaterThan(1000);
    expect(t.steps).toBeGreaterThan(20_000);
    // The comparison covers reuse: many steps kept parts of the previous view.
    expect(t.keptCoordinator).toBeGreaterThan(t.steps / 10);
    expect(t.keptJobs).toBeGreaterThan(t.steps / 10);
  });

  it('is caught by the comparison when a step under-reports what it called (sabotage)', () => {
    // A step that claims to have called nobody: the view keeps stale coordinator and worker parts.
    const blind: M = {
      ...asupersyncModel,
      apply: (s, a) => {
        const fx = asupersyncModel.apply(s, a);
        s.touch.coordinator = false;
        s.touch.worker = 0;
        return fx;
      },
    };
    const t = compare(blind, 2);
    expect(t.mismatches).toBeGreaterThan(0);
  });

  it('rebuilds everything when no step ran since the last view (a change behind apply\'s back is seen)', () => {
    const s = asupersyncModel.init(asupersyncModel.defaultOptions, 3n);
    const steps: AsupersyncAction[] = [
      { type: 'bootstrap', gen: 1, fail: false },
      { type: 'deliver', gen: 1, to: 'coordinator' },
      { type: 'spawn', job: 1, steps: 1, outcome: 'ok', payload: 8, result: 4, snapshot: false },
      { type: 'deliver', gen: 1, to: 'worker' }, // the last step does not call the coordinator
    ];
    for (const a of steps) {
      asupersyncModel.apply(s, a);
      observeState(s);
    }
    const before = observeState(s);
    (s.coordinator.trackedJobs()[0] as { state: string }).state = 'Finalizing';
    const after = observeState(s);
    expect(before.coordinator.jobs[0]?.state).toBe('Queued');
    expect(after.coordinator.jobs[0]?.state).toBe('Finalizing');
    expect(JSON.stringify(after)).toBe(JSON.stringify(observeFresh(s)));
  });

  it('sees what a step that threw left in the coordinator\'s outbox leave with a later step', () => {
    // A coordinator that queues the poll and then throws: the poll is posted by the next step, which calls only the worker.
    class ThrowsAfterPoll extends WorkerCoordinator {
      override pollStatus(jobId: bigint): Result {
        super.pollStatus(jobId);
        throw new Error('planted');
      }
    }
    const m = createAsupersyncModel({
      name: 'throws-after-poll',
      description: 'test variant',
      parts: { coordinator: (seed) => new ThrowsAfterPoll(seed), worker: REAL_PARTS.worker },
    });
    const s = m.init(m.defaultOptions, 5n);
    const steps: AsupersyncAction[] = [
      { type: 'bootstrap', gen: 1, fail: false },
      { type: 'deliver', gen: 1, to: 'coordinator' },
      { type: 'spawn', job: 1, steps: 3, outcome: 'ok', payload: 8, result: 4, snapshot: false },
      { type: 'deliver', gen: 1, to: 'worker' },
      { type: 'poll', job: 1 },
      { type: 'step', gen: 1, job: 1 },
    ];
    for (const a of steps) {
      try {
        m.apply(s, a);
      } catch (e) {
        expect(a.type).toBe('poll');
      }
      expect(JSON.stringify(m.observe(s))).toBe(JSON.stringify(observeFresh(s)));
    }
    expect(m.observe(s).generations[0]?.toWorker).toBe(1);
  });
});

describe('ascendingUnique (the jobs in flight)', () => {
  it('sorts and de-duplicates any list of job ids', () => {
    const ids = fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 12 });
    fc.assert(
      fc.property(ids, (xs) => {
        expect(ascendingUnique([...xs])).toEqual([...new Set(xs)].sort((a, b) => a - b));
      }),
      { numRuns: 2000 },
    );
    // Already ascending lists (the usual case) are covered too.
    fc.assert(
      fc.property(ids, (xs) => {
        const up = [...xs].sort((a, b) => a - b);
        expect(ascendingUnique([...up])).toEqual([...new Set(up)]);
      }),
    );
  });
});
