import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AsupersyncAction } from '../../../src/models/asupersync/actions.js';
import { cancelCompletesViaProtocol, jobTransitionTable, terminalIsFinal } from '../../../src/models/asupersync/invariants-jobs.js';
import type { Delivered } from '../../../src/models/asupersync/state.js';
import type { AsupersyncView, CoordinatorJobView } from '../../../src/models/asupersync/view.js';
import { canTransitionTo, isTerminal, type JobState } from '../../../src/protocol/index.js';
import type { StepEffects } from '../../../src/sim/model.js';

// The job invariants pair jobs by a merge walk when both views list them by increasing id (every
// view the model builds) and through an index by id otherwise. Both must judge exactly as the by-id
// definition below, which is the invariants' specification written the slow way.

const STATES: readonly JobState[] = ['Created', 'Queued', 'Running', 'CancelRequested', 'Draining', 'Finalizing', 'Completed', 'Failed'];

function view(jobs: readonly CoordinatorJobView[], delivered: Delivered | null): AsupersyncView {
  return {
    coordinator: { active: 'w1', ready: true, shutdown: false, lastInbound: '1', turn: '0', digest: 'd', jobs },
    current: 1,
    generations: [],
    workload: { next: 1, total: 1, rejected: [] },
    inFlight: { live: 0, dead: 0 },
    last: { delivered, sent: [] },
  };
}

const index = (v: AsupersyncView): Map<number, CoordinatorJobView> => new Map(v.coordinator.jobs.map((j) => [j.id, j]));

function refTransition(prev: AsupersyncView, next: AsupersyncView): string | null {
  const before = index(prev);
  for (const j of next.coordinator.jobs) {
    const p = before.get(j.id);
    if (p === undefined) {
      if (j.state !== 'Created' && j.state !== 'Queued') return `job ${j.id} appeared in state ${j.state}; a new job starts Created or Queued`;
    } else if (p.state !== j.state && !canTransitionTo(p.state, j.state)) return `job ${j.id}: ${p.state} → ${j.state} is not in the transition table`;
  }
  const after = index(next);
  for (const p of prev.coordinator.jobs) if (!after.has(p.id)) return `job ${p.id} (${p.state}) vanished from the coordinator`;
  return null;
}

function refTerminal(prev: AsupersyncView, next: AsupersyncView): string | null {
  const after = index(next);
  for (const p of prev.coordinator.jobs) {
    if (!isTerminal(p.state)) continue;
    const j = after.get(p.id);
    if (j === undefined) continue;
    if (j.state !== p.state) return `job ${p.id} was ${p.state} (terminal) and became ${j.state}`;
    if (j.via !== p.via || j.outcome !== p.outcome) return `re-completed ${p.id}`;
  }
  return null;
}

function refCancel(prev: AsupersyncView, next: AsupersyncView): number | null {
  const before = index(prev);
  const d = next.last.delivered;
  for (const j of next.coordinator.jobs) {
    const p = before.get(j.id);
    if (p === undefined || p.state === 'Completed' || j.state !== 'Completed' || !(p.cancelled || j.cancelled)) continue;
    if (p.state === 'Finalizing') continue;
    const racing = d !== null && d.to === 'coordinator' && d.op === 'JobCompleted' && d.job === j.id && d.raced === true;
    if (p.state === 'CancelRequested' && racing) continue;
    return j.id;
  }
  return null;
}

const jobArb = fc.record({
  id: fc.integer({ min: 1, max: 6 }),
  state: fc.constantFrom(...STATES),
  session: fc.constant('w1'),
  cancelled: fc.boolean(),
  via: fc.constantFrom(null, 'JobCompleted', 'FinalizeCompleted'),
  outcome: fc.constantFrom(null, 'Ok(1)'),
});
const sortedJobs = fc.uniqueArray(jobArb, { selector: (j) => j.id, maxLength: 5 }).map((js) => [...js].sort((a, b) => a.id - b.id));
// "The same jobs, some changed, maybe some appended", two sorted lists, or anything.
const pair = fc.oneof(
  sortedJobs.chain((prev) =>
    fc.tuple(fc.constant(prev), fc.array(fc.constantFrom(...STATES), { minLength: prev.length, maxLength: prev.length }), sortedJobs).map(([p, states, extra]) => {
      const next = p.map((j, i) => ({ ...j, state: states[i] as JobState }));
      const top = p.length === 0 ? 0 : (p[p.length - 1] as CoordinatorJobView).id;
      return [p, [...next, ...extra.map((j) => ({ ...j, id: j.id + top }))]] as const;
    }),
  ),
  // Both sorted, overlapping anyhow: jobs removed, added and changed in one step (the merge walk).
  fc.tuple(sortedJobs, sortedJobs),
  fc.tuple(fc.array(jobArb, { maxLength: 5 }), fc.array(jobArb, { maxLength: 5 })),
);

const NOOP: AsupersyncAction = { type: 'turn' };
const QUIET: StepEffects = { envelopes: [], error: null, events: [] };

describe('job invariants: positional and by-id pairing agree with the by-id definition', () => {
  it('(a), (b) and (f) give the by-id verdict on aligned, appended, reordered, duplicated and vanished jobs (property)', () => {
    fc.assert(
      fc.property(pair, fc.boolean(), ([p, n], raced) => {
        const d: Delivered = { gen: 1, to: 'coordinator', op: 'JobCompleted', job: n[0]?.id ?? 1, sender: 1, bytes: null, raced };
        const prev = view(p, null);
        const next = view(n, d);
        expect(jobTransitionTable.check(prev, next, NOOP, QUIET)).toBe(refTransition(prev, next));
        const t = terminalIsFinal.check(prev, next, NOOP, QUIET);
        const rt = refTerminal(prev, next);
        expect(t === null ? null : t.startsWith('job') && t.includes('re-completed') ? `re-completed ${t.split(' ')[1]}` : t).toBe(rt);
        const c = cancelCompletesViaProtocol.check(prev, next, NOOP, QUIET);
        const rc = refCancel(prev, next);
        expect(c === null ? null : Number(c.split(' ')[1])).toBe(rc);
      }),
      { numRuns: 3000 },
    );
  });
});
