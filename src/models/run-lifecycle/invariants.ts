/**
 * Safety invariants of the run-lifecycle model, checked after every step.
 *
 * Details: each compares the previous and next {@link ClusterView} run by run
 * (runs never move or disappear, so index i is the same run on both sides).
 * - `run-transition-table`: every state change is an edge of the table.
 * - `terminal-is-final`: a terminal run never changes again.
 * - `attempt-well-formed`: the seed's snapshot rules (open attempt only while
 *   Running, none when terminal), and a newly opened attempt is counted.
 * - `attempt-fencing`: a finish for anything but the open attempt is
 *   rejected and changes nothing in the run or its lease.
 * - `attempt-count-bounded`: the count never decreases, grows by at most one
 *   per step and never exceeds `maxAttempts`.
 * - `single-owner`: at most one worker believes it owns a run's open attempt,
 *   and that worker holds the lease; a lease exists exactly while Leased/Running.
 *
 * Gotcha: invariants see views, not the state, so they can only judge what
 * {@link observeCluster} exposes; every field they need is in the view.
 *
 * @example
 * ```ts
 * RUN_LIFECYCLE_INVARIANTS.map((i) => i.check(prev, next, action, effects)); // all null
 * ```
 * @module
 */
import { canonicalJson } from '../../sim/json.js';
import type { Invariant } from '../../sim/model.js';
import type { RunAction } from './actions.js';
import { isTerminal, isValidTransition } from './run-state.js';
import { runSnapshotProblem } from './run-snapshot.js';
import type { ClusterView, RunView } from './view.js';

type Inv = Invariant<ClusterView, RunAction>;

// Pairs each run's previous and next view; the first message wins.
function perRun(prev: ClusterView, next: ClusterView, f: (p: RunView, n: RunView) => string | null): string | null {
  for (let i = 0; i < next.runs.length; i++) {
    const p = prev.runs[i];
    const n = next.runs[i];
    if (p === undefined || n === undefined) return `run ${i} appeared or vanished`;
    const m = f(p, n);
    if (m !== null) return `${n.run.id}: ${m}`;
  }
  return null;
}

const transitionTable: Inv = {
  name: 'run-transition-table',
  description: 'every run state change is an edge of the canonical transition table',
  check: (prev, next) =>
    perRun(prev, next, (p, n) =>
      p.run.state === n.run.state || isValidTransition(p.run.state, n.run.state) ? null : `illegal ${p.run.state} -> ${n.run.state}`,
    ),
};

const terminalIsFinal: Inv = {
  name: 'terminal-is-final',
  description: 'a run in Completed, Failed or Canceled never changes again',
  check: (prev, next) =>
    perRun(prev, next, (p, n) =>
      isTerminal(p.run.state) && canonicalJson(p) !== canonicalJson(n)
        ? `terminal run changed from ${canonicalJson(p)} to ${canonicalJson(n)}`
        : null,
    ),
};

const attemptWellFormed: Inv = {
  name: 'attempt-well-formed',
  description: 'an attempt is open only while Running (seed serde rules) and every opened attempt is counted',
  check: (prev, next) =>
    perRun(prev, next, (p, n) => {
      const bad = runSnapshotProblem(n.run, { checkReadyCausality: false });
      if (bad !== null) return bad;
      const opened = n.run.currentAttemptId !== null && n.run.currentAttemptId !== p.run.currentAttemptId;
      return opened && n.run.attemptCount !== p.run.attemptCount + 1 ? `attempt ${n.run.currentAttemptId} opened without being counted` : null;
    }),
};

const fencing: Inv = {
  name: 'attempt-fencing',
  description: 'a finish report for anything but the open attempt is rejected and changes nothing',
  check: (prev, next, action, effects) => {
    if (action.type !== 'finish' && action.type !== 'duplicate-finish') return null;
    const i = prev.runs.findIndex((r) => r.run.id === action.run);
    const p = prev.runs[i];
    const n = next.runs[i];
    if (p === undefined || n === undefined || p.run.currentAttemptId === action.attempt) return null;
    if (canonicalJson(p) !== canonicalJson(n)) {
      return `stale finish of ${action.attempt} (open: ${p.run.currentAttemptId}) changed ${action.run}: ${p.run.state} -> ${n.run.state}`;
    }
    return effects.error === null ? `stale finish of ${action.attempt} on ${action.run} was not rejected` : null;
  },
};

const countBounded: Inv = {
  name: 'attempt-count-bounded',
  description: 'attempt_count never decreases, grows by at most one per step, and never exceeds maxAttempts',
  check: (prev, next) =>
    perRun(prev, next, (p, n) => {
      const a = p.run.attemptCount;
      const b = n.run.attemptCount;
      if (b < a || b > a + 1) return `attempt_count ${a} -> ${b}`;
      return b > next.maxAttempts ? `attempt_count ${b} exceeds maxAttempts ${next.maxAttempts}` : null;
    }),
};

const singleOwner: Inv = {
  name: 'single-owner',
  description: "at most one worker believes it owns a run's open attempt, it holds the lease, and leases exist only while Leased/Running",
  check: (_prev, next) => {
    for (const r of next.runs) {
      const leased = r.run.state === 'Leased' || r.run.state === 'Running';
      if (leased !== (r.lease !== null)) return `${r.run.id}: ${r.run.state} with lease ${canonicalJson(r.lease)}`;
      const open = r.run.currentAttemptId;
      if (open === null) continue;
      const owners = next.workers.filter((w) => w.run === r.run.id && w.attempt === open).map((w) => w.id);
      if (owners.length > 1) return `${r.run.id}: workers ${owners.join(', ')} all believe they own ${open}`;
      const owner = owners[0];
      if (owner !== undefined && owner !== r.lease?.worker) return `${r.run.id}: ${owner} owns ${open} but the lease is ${r.lease?.worker ?? 'none'}'s`;
    }
    return null;
  },
};

/** Every safety invariant of the model. */
export const RUN_LIFECYCLE_INVARIANTS: readonly Inv[] = [
  transitionTable,
  terminalIsFinal,
  attemptWellFormed,
  fencing,
  countBounded,
  singleOwner,
];
