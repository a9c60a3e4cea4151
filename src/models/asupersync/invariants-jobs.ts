/**
 * Job-level safety invariants of the asupersync model: the transition table,
 * terminal finality, how a cancelled job may complete, and the payload limit.
 *
 * Details (each `check` returns a message naming the job, or null):
 * - (a) `job-transition-table`: every coordinator job state change is an
 *   edge of `canTransitionTo`; a new job starts `Created`/`Queued`; no job vanishes
 *   except a terminal one the workload removes.
 * - (b) `terminal-is-final`: a `Completed`/`Failed` job never changes again.
 * - (f) `cancel-completes-via-protocol`: a job the workload cancelled reaches
 *   `Completed` only from `Finalizing` (after `Draining`), or from
 *   `CancelRequested` through a `JobCompleted` that *raced* the cancel (sent
 *   before the worker acknowledged it).
 * - (h) `payload-limit`: a payload of exactly `MAX_PAYLOAD_BYTES` is accepted,
 *   one byte more is `PayloadTooLarge` and changes nothing.
 *
 * Gotcha: (a), (b) hold by construction as long as the coordinator only
 * moves jobs through `TrackedJob.transitionTo`; they guard against a port
 * that stops doing so. Their unit tests feed hand-built bad views.
 *
 * @example
 * ```ts
 * jobTransitionTable.check(prev, next, action, effects); // 'job 1: Queued → Draining is not in the transition table'
 * ```
 * @module
 */
import { canTransitionTo, isTerminal, MAX_PAYLOAD_BYTES } from '../../protocol/index.js';
import type { Invariant } from '../../sim/model.js';
import type { AsupersyncAction } from './actions.js';
import type { AsupersyncView, CoordinatorJobView } from './view.js';

type Inv = Invariant<AsupersyncView, AsupersyncAction>;

// Each view is checked as `next` once and as `prev` once; build its index once (only needed
// when the fast path below does not apply).
const indexes = new WeakMap<AsupersyncView, Map<number, CoordinatorJobView>>();

function byId(view: AsupersyncView): Map<number, CoordinatorJobView> {
  let index = indexes.get(view);
  if (index === undefined) {
    index = new Map(view.coordinator.jobs.map((j) => [j.id, j]));
    indexes.set(view, index);
  }
  return index;
}

/**
 * Whether `next`'s jobs are `prev`'s jobs, same ids at the same positions,
 * possibly followed by new ones, with ids strictly increasing: then the job
 * before `next.coordinator.jobs[i]` is `prev.coordinator.jobs[i]` (or none
 * past its end) and nothing vanished. Coordinator jobs are listed by id and
 * only ever added, so this is almost every step, and it needs no index.
 */
function aligned(prev: AsupersyncView, next: AsupersyncView): boolean {
  const p = prev.coordinator.jobs;
  const n = next.coordinator.jobs;
  if (p.length > n.length) return false;
  let last = -Infinity;
  for (let i = 0; i < n.length; i++) {
    const id = (n[i] as CoordinatorJobView).id;
    if (!(id > last) || (i < p.length && (p[i] as CoordinatorJobView).id !== id)) return false;
    last = id;
  }
  return true;
}

/** The job with `next.coordinator.jobs[i]`'s id in `prev`, given whether the views are {@link aligned}. */
function before(prev: AsupersyncView, next: AsupersyncView, i: number, fast: boolean): CoordinatorJobView | undefined {
  if (fast) return prev.coordinator.jobs[i];
  return byId(prev).get((next.coordinator.jobs[i] as CoordinatorJobView).id);
}

/** (a) Every coordinator job state change follows the transition table. */
export const jobTransitionTable: Inv = {
  name: 'job-transition-table',
  description: 'every coordinator job state change is an edge of canTransitionTo; jobs start Created/Queued and never vanish unless removed once terminal',
  check(prev, next, action) {
    const fast = aligned(prev, next);
    const jobs = next.coordinator.jobs;
    for (let i = 0; i < jobs.length; i++) {
      const j = jobs[i] as CoordinatorJobView;
      const p = before(prev, next, i, fast);
      if (p === undefined) {
        if (j.state !== 'Created' && j.state !== 'Queued') return `job ${j.id} appeared in state ${j.state}; a new job starts Created or Queued`;
      } else if (p.state !== j.state && !canTransitionTo(p.state, j.state)) {
        return `job ${j.id}: ${p.state} → ${j.state} is not in the transition table`;
      }
    }
    if (fast) return null;
    const after = byId(next);
    for (const p of prev.coordinator.jobs) {
      if (after.has(p.id)) continue;
      if (action.type === 'remove' && action.job === p.id && isTerminal(p.state)) continue;
      return action.type === 'remove' && action.job === p.id
        ? `job ${p.id} was removed while ${p.state}; the workload removes only terminal jobs`
        : `job ${p.id} (${p.state}) vanished from the coordinator`;
    }
    return null;
  },
};

/** (b) A terminal job never changes again. */
export const terminalIsFinal: Inv = {
  name: 'terminal-is-final',
  description: 'a Completed or Failed coordinator job never changes state, completing message or outcome again',
  check(prev, next) {
    const fast = aligned(prev, next);
    const after = fast ? null : byId(next);
    const jobs = prev.coordinator.jobs;
    for (let i = 0; i < jobs.length; i++) {
      const p = jobs[i] as CoordinatorJobView;
      if (!isTerminal(p.state)) continue;
      const j = after === null ? next.coordinator.jobs[i] : after.get(p.id);
      if (j === undefined) continue; // reported by job-transition-table
      if (j.state !== p.state) return `job ${p.id} was ${p.state} (terminal) and became ${j.state}`;
      if (j.via !== p.via || j.outcome !== p.outcome) {
        return `job ${p.id} was ${p.state} via ${p.via ?? '-'} with ${p.outcome ?? '-'} and was re-completed via ${j.via ?? '-'} with ${j.outcome ?? '-'}`;
      }
    }
    return null;
  },
};

/** (f) A cancelled job completes only through the cancel protocol or a racing completion. */
export const cancelCompletesViaProtocol: Inv = {
  name: 'cancel-completes-via-protocol',
  description:
    'a cancelled job reaches Completed only via Draining→Finalizing→Completed, or from CancelRequested via a JobCompleted the worker sent before it acknowledged the cancel',
  check(prev, next, action) {
    const fast = aligned(prev, next);
    const d = next.last.delivered;
    const jobs = next.coordinator.jobs;
    for (let i = 0; i < jobs.length; i++) {
      const j = jobs[i] as CoordinatorJobView;
      const p = before(prev, next, i, fast);
      if (p === undefined || p.state === 'Completed' || j.state !== 'Completed' || !(p.cancelled || j.cancelled)) continue;
      if (p.state === 'Finalizing') continue;
      const racing = d !== null && d.to === 'coordinator' && d.op === 'JobCompleted' && d.job === j.id && d.raced === true;
      if (p.state === 'CancelRequested' && racing) continue;
      const how = d !== null && d.job === j.id ? `${d.op}${d.op === 'JobCompleted' ? (d.raced === true ? ' (racing)' : ' (sent after the cancel was acknowledged)') : ''}` : action.type;
      return `job ${j.id} was cancelled but reached Completed from ${p.state} via ${how}; only Draining→Finalizing→Completed or a JobCompleted that raced the cancel may complete it`;
    }
    return null;
  },
};

/** (h) Payloads at the limit are accepted, over it are rejected and change nothing. */
export const payloadLimit: Inv = {
  name: 'payload-limit',
  description: `a spawn payload or Ok result of exactly ${MAX_PAYLOAD_BYTES} bytes is accepted; one byte more is PayloadTooLarge and changes nothing`,
  check(prev, next, action, effects) {
    if (action.type === 'spawn') {
      if (action.payload === MAX_PAYLOAD_BYTES && effects.error === 'PayloadTooLarge') {
        return `spawn of job ${action.job} with a payload of exactly ${MAX_PAYLOAD_BYTES} bytes was rejected as PayloadTooLarge`;
      }
      if (action.payload > MAX_PAYLOAD_BYTES) {
        if (effects.error !== 'PayloadTooLarge') return `spawn of job ${action.job} with ${action.payload} bytes returned ${effects.error ?? 'ok'}, not PayloadTooLarge`;
        if (next.coordinator.jobs.some((j) => j.id === action.job)) return `job ${action.job} with an oversized payload is tracked by the coordinator`;
      }
    }
    const d = next.last.delivered;
    if (d === null || d.bytes === null) return null;
    const what = `${d.op} for job ${d.job ?? '-'} carrying ${d.bytes} bytes`;
    if (d.bytes === MAX_PAYLOAD_BYTES && effects.error === 'PayloadTooLarge') return `${what} (exactly the limit) was rejected by the ${d.to}`;
    if (d.bytes > MAX_PAYLOAD_BYTES) {
      if (effects.error !== 'PayloadTooLarge') return `${what} was not rejected as PayloadTooLarge by the ${d.to} (error: ${effects.error ?? 'none'})`;
      if (d.to === 'coordinator' && prev.coordinator.digest !== next.coordinator.digest) return `${what} was rejected but changed the coordinator`;
    }
    return null;
  },
};
