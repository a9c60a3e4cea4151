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
import type { Delivered } from './state.js';

type Inv = Invariant<AsupersyncView, AsupersyncAction>;

/**
 * Whether the ids of `jobs` strictly increase. Coordinator jobs are listed by
 * id, so this holds for every view the model builds; then two views' jobs
 * pair up by id in one merge walk, with no index (see {@link Pairing}).
 */
function increasing(jobs: readonly CoordinatorJobView[]): boolean {
  for (let i = 1; i < jobs.length; i++) if (!((jobs[i] as CoordinatorJobView).id > (jobs[i - 1] as CoordinatorJobView).id)) return false;
  return true;
}

/**
 * Finds, for ids asked in increasing order, the job with that id in `jobs`.
 * With both lists increasing this is a merge walk; otherwise (hand-built
 * views) it falls back to an index by id, where a repeated id means its last
 * job, as a `Map` built from the list would.
 */
class Pairing {
  private at = 0;
  private readonly index: Map<number, CoordinatorJobView> | null;

  constructor(
    private readonly jobs: readonly CoordinatorJobView[],
    merge: boolean,
  ) {
    this.index = merge ? null : new Map(jobs.map((j) => [j.id, j]));
  }

  /** The job with id `id`; ids must be asked in increasing order unless the pairing is by index. */
  find(id: number): CoordinatorJobView | undefined {
    if (this.index !== null) return this.index.get(id);
    const jobs = this.jobs;
    let at = this.at;
    while (at < jobs.length && (jobs[at] as CoordinatorJobView).id < id) at++;
    this.at = at;
    const j = jobs[at];
    return j !== undefined && j.id === id ? j : undefined;
  }
}

/** Pairs `from`'s jobs with `to`'s by id (asked in `from`'s order). */
function pairing(from: AsupersyncView, to: AsupersyncView): Pairing {
  const a = from.coordinator.jobs;
  const b = to.coordinator.jobs;
  return new Pairing(b, increasing(a) && increasing(b));
}

/** (a) Every coordinator job state change follows the transition table. */
export const jobTransitionTable: Inv = {
  name: 'job-transition-table',
  description: 'every coordinator job state change is an edge of canTransitionTo; jobs start Created/Queued and never vanish unless removed once terminal',
  check(prev, next, action) {
    const before = pairing(next, prev);
    for (const j of next.coordinator.jobs) {
      const p = before.find(j.id);
      if (p === undefined) {
        if (j.state !== 'Created' && j.state !== 'Queued') return `job ${j.id} appeared in state ${j.state}; a new job starts Created or Queued`;
      } else if (p.state !== j.state && !canTransitionTo(p.state, j.state)) {
        return `job ${j.id}: ${p.state} → ${j.state} is not in the transition table`;
      }
    }
    const after = pairing(prev, next);
    for (const p of prev.coordinator.jobs) {
      if (after.find(p.id) !== undefined) continue;
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
    const after = pairing(prev, next);
    for (const p of prev.coordinator.jobs) {
      if (!isTerminal(p.state)) continue;
      const j = after.find(p.id);
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
    const before = pairing(next, prev);
    const d = next.last.delivered;
    for (const j of next.coordinator.jobs) {
      const p = before.find(j.id);
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

// No closures in payload-limit's check: a variable a closure captures makes every call allocate a
// context (V8 does it on entry, before any early return), and the check runs every step.
function tracksJob(view: AsupersyncView, job: number): boolean {
  for (const j of view.coordinator.jobs) if (j.id === job) return true;
  return false;
}

function deliveryText(d: Delivered): string {
  return `${d.op} for job ${d.job ?? '-'} carrying ${String(d.bytes)} bytes`;
}

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
        if (tracksJob(next, action.job)) return `job ${action.job} with an oversized payload is tracked by the coordinator`;
      }
    }
    const d = next.last.delivered;
    if (d === null || d.bytes === null || d.bytes < MAX_PAYLOAD_BYTES) return null;
    if (d.bytes === MAX_PAYLOAD_BYTES && effects.error === 'PayloadTooLarge') return `${deliveryText(d)} (exactly the limit) was rejected by the ${d.to}`;
    if (d.bytes > MAX_PAYLOAD_BYTES) {
      if (effects.error !== 'PayloadTooLarge') return `${deliveryText(d)} was not rejected as PayloadTooLarge by the ${d.to} (error: ${effects.error ?? 'none'})`;
      if (d.to === 'coordinator' && prev.coordinator.digest !== next.coordinator.digest) return `${deliveryText(d)} was rejected but changed the coordinator`;
    }
    return null;
  },
};
