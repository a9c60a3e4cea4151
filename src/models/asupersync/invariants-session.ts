/**
 * Session-level safety invariants of the asupersync model: stale workers,
 * session ends, shutdown traffic, and agreement between the coordinator's
 * and the worker's views of settled jobs.
 *
 * Details (each `check` returns a message naming the job or worker, or null):
 * - (c) `stale-worker-inert`: a message from a *retired* worker (one whose
 *   session the coordinator has ended: it processed the worker's
 *   `ShutdownCompleted`/`BootstrapFailed`, a bootstrap from a newer worker,
 *   or any other worker's bootstrap while it was active) leaves the
 *   coordinator's canonical digest unchanged. A dead worker the coordinator
 *   has not yet heard is replaced is not retired: its in-flight completions
 *   are indistinguishable from a live worker's, and accepting them is correct.
 * - (d) `session-end-fails-jobs`: in the step where the coordinator's active
 *   session ends or changes, every job spawned in that session is terminal.
 * - (e) `no-job-traffic-during-shutdown`: no `SpawnJob`, `PollStatus`,
 *   `CancelJob`, `DrainJob` or `FinalizeJob` leaves the coordinator while its
 *   shutdown flag is set.
 * - (g) `settled-views-agree`. A job is **settled** when it is terminal at
 *   the coordinator and no message about it is in flight on either channel of
 *   its session's worker (the worker the coordinator had active when it was
 *   spawned). If that worker is still alive (the newest generation) and
 *   `ready`, it must agree: a job the coordinator completed via
 *   `JobCompleted` is completed at the worker by natural completion with the
 *   same outcome; one completed via `FinalizeCompleted` is settled at the
 *   worker by cancellation; and the coordinator never holds such a job `Failed`
 *   (it only fails jobs when their session ends, and then the worker is
 *   stopped or replaced). Jobs of a dead or stopped worker are not checked:
 *   nobody is left to disagree.
 *
 * Gotchas: "retired" is the coordinator's knowledge, not the simulator's
 * (see (c)); and (g) is edge-triggered, so a disagreement is reported once,
 * in the step it arises.
 *
 * @example
 * ```ts
 * staleWorkerInert.check(prev, next, action, effects);
 * // 'BootstrapReady from retired worker w1 changed the coordinator: active worker w2 → w1; job 1 Queued → Failed'
 * ```
 * @module
 */
import { isTerminal } from '../../protocol/index.js';
import type { Invariant } from '../../sim/model.js';
import type { AsupersyncAction } from './actions.js';
import { genOfWorkerId } from './ops.js';
import type { AsupersyncView, CoordinatorJobView, WorkerJobSummary } from './view.js';
import type { Sent } from './state.js';

type Inv = Invariant<AsupersyncView, AsupersyncAction>;

const JOB_SCOPED: ReadonlySet<string> = new Set(['SpawnJob', 'PollStatus', 'CancelJob', 'DrainJob', 'FinalizeJob']);

/** What changed in the coordinator between two views, for messages. */
export function describeCoordinatorChange(prev: AsupersyncView, next: AsupersyncView): string {
  const p = prev.coordinator;
  const n = next.coordinator;
  const parts: string[] = [];
  if (p.active !== n.active) parts.push(`active worker ${p.active ?? 'none'} → ${n.active ?? 'none'}`);
  if (p.ready !== n.ready) parts.push(`ready ${p.ready} → ${n.ready}`);
  if (p.shutdown !== n.shutdown) parts.push(`shutdown ${p.shutdown} → ${n.shutdown}`);
  if (p.lastInbound !== n.lastInbound) parts.push(`inbound high-water ${p.lastInbound} → ${n.lastInbound}`);
  const before = new Map(p.jobs.map((j) => [j.id, j.state]));
  const moved = n.jobs.filter((j) => before.get(j.id) !== j.state).map((j) => `job ${j.id} ${before.get(j.id) ?? 'new'} → ${j.state}`);
  if (moved.length > 0) parts.push(moved.join(', '));
  return parts.length > 0 ? parts.join('; ') : 'outbound traffic only';
}

/** (c) Nothing a retired worker sends changes the coordinator. */
export const staleWorkerInert: Inv = {
  name: 'stale-worker-inert',
  description: "a message from a worker whose session the coordinator has ended (replaced, shut down or failed) leaves the coordinator's state unchanged",
  check(prev, next) {
    const d = next.last.delivered;
    if (d === null || d.to !== 'coordinator' || d.sender === null) return null;
    const g = prev.generations[d.sender - 1];
    if (g === undefined || !g.retired || prev.coordinator.digest === next.coordinator.digest) return null;
    const job = d.job === null ? '' : ` about job ${d.job}`;
    return `${d.op}${job} from retired worker ${g.id} changed the coordinator: ${describeCoordinatorChange(prev, next)}`;
  },
};

/** The non-terminal jobs of `session`. (A helper, not a closure in the check: see payload-limit.) */
function openJobsOf(view: AsupersyncView, session: string): CoordinatorJobView[] {
  return view.coordinator.jobs.filter((j) => j.session === session && !isTerminal(j.state));
}

/** (d) When a session ends, none of its jobs stays non-terminal. */
export const sessionEndFailsJobs: Inv = {
  name: 'session-end-fails-jobs',
  description: 'when the coordinator processes ShutdownCompleted, BootstrapFailed or a new worker\'s bootstrap, every job of the old session is terminal',
  check(prev, next) {
    const old = prev.coordinator.active;
    if (old === null || next.coordinator.active === old) return null;
    const open = openJobsOf(next, old);
    if (open.length === 0) return null;
    const list = open.map((j) => `job ${j.id} (${j.state})`).join(', ');
    return `session of ${old} ended (active now ${next.coordinator.active ?? 'none'}) but ${list} of that session stayed non-terminal`;
  },
};

/** (e) No job-scoped message leaves while shutdown is requested. */
export const noJobTrafficDuringShutdown: Inv = {
  name: 'no-job-traffic-during-shutdown',
  description: 'no SpawnJob, PollStatus, CancelJob, DrainJob or FinalizeJob leaves the coordinator while shutdown is requested',
  check(_prev, next) {
    const sent = next.last.sent;
    // Indexed, not for...of: `sent` is often the shared frozen NO_NOTES (see workerSnapshotConformance).
    for (let i = 0; i < sent.length; i++) {
      const bad = sent[i] as Sent;
      if (bad.shutdown && JOB_SCOPED.has(bad.op)) return `${bad.op} for job ${bad.job ?? '-'} left the coordinator while shutdown was requested`;
    }
    return null;
  },
};

// A run has a handful of worker ids, and the regex behind genOfWorkerId ran for every terminal job
// of every view: remember each id's generation.
const sessionGens = new Map<string, number | null>();

function sessionGen(id: string): number | null {
  let gen = sessionGens.get(id);
  if (gen === undefined) {
    gen = genOfWorkerId(id);
    if (sessionGens.size < 4096) sessionGens.set(id, gen);
  }
  return gen;
}

const NONE: ReadonlyMap<number, string> = new Map();

// A view is checked as `next`, then as `prev` in the following step, which asks for `prev`'s
// disagreements only when `next` has some: remembering the last two views' answers (by identity;
// views are immutable) computes each once, without a WeakMap lookup per step.
let memoView0: AsupersyncView | null = null;
let memo0: ReadonlyMap<number, string> = NONE;
let memoView1: AsupersyncView | null = null;
let memo1: ReadonlyMap<number, string> = NONE;

function hasTerminal(view: AsupersyncView): boolean {
  for (const j of view.coordinator.jobs) if (isTerminal(j.state)) return true;
  return false;
}

/**
 * The settled jobs whose live worker disagrees with the coordinator, with a
 * message each (see the module doc for "settled" and "agree").
 */
export function settledDisagreements(view: AsupersyncView): ReadonlyMap<number, string> {
  // Most views hold no terminal job at all: answer at once.
  if (!hasTerminal(view)) return NONE;
  if (view === memoView0) return memo0;
  if (view === memoView1) return memo1;
  const out = computeDisagreements(view);
  memoView1 = memoView0;
  memo1 = memo0;
  memoView0 = view;
  memo0 = out;
  return out;
}

/** {@link settledDisagreements} computed afresh, without the memo (tests hold the memo to it). */
export function computeDisagreements(view: AsupersyncView): ReadonlyMap<number, string> {
  let out: Map<number, string> | null = null;
  for (const j of view.coordinator.jobs) {
    if (!isTerminal(j.state)) continue;
    const gen = j.session === null ? null : sessionGen(j.session);
    const g = gen === null ? undefined : view.generations[gen - 1];
    if (g === undefined || !g.alive || g.state !== 'ready' || g.inflightJobs.includes(j.id)) continue;
    let w: WorkerJobSummary | undefined;
    for (const x of g.jobs) {
      if (x.id === j.id) {
        w = x;
        break;
      }
    }
    const agrees =
      j.state === 'Completed' &&
      w !== undefined &&
      w.state === 'Completed' &&
      ((j.via === 'FinalizeCompleted' && w.via === 'cancellation') || (j.via === 'JobCompleted' && w.via === 'completion' && w.outcome === j.outcome));
    if (agrees) continue;
    const seen = w === undefined ? 'has no record of it' : `has it ${w.state}${w.outcome === null ? '' : ` with ${w.outcome}`}${w.via === null ? '' : ` by ${w.via}`}`;
    const how = `${j.state}${j.via === null ? '' : ` via ${j.via}`}${j.outcome === null ? '' : ` with ${j.outcome}`}`;
    out ??= new Map<number, string>();
    out.set(j.id, `job ${j.id} is settled as ${how} at the coordinator, but its live worker ${g.id} ${seen}`);
  }
  return out ?? NONE;
}

/**
 * (g) Coordinator and worker agree on every settled job whose worker is
 * alive. Edge-triggered: a disagreement is reported in the step it arises,
 * not again in every later step while it lasts.
 */
export const settledViewsAgree: Inv = {
  name: 'settled-views-agree',
  description:
    "for every settled job (terminal at the coordinator, nothing about it in flight) whose session's worker is alive and ready, the worker settled it the same way: same outcome after JobCompleted, cancellation after FinalizeCompleted, never Failed",
  check(prev, next) {
    const now = settledDisagreements(next);
    if (now.size === 0) return null;
    const before = settledDisagreements(prev);
    for (const [id, message] of now) if (!before.has(id)) return message;
    return null;
  },
};
