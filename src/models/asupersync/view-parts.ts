/**
 * Building the asupersync view ({@link AsupersyncView}) part by part,
 * reusing the parts of the previous view that the latest step cannot have
 * changed.
 *
 * Details:
 * - {@link buildView} with no previous memo builds everything from the
 *   state. With the memo of the view built right before the latest step
 *   (the caller checks that exactly one step ran, see `step-touch.ts`), it
 *   keeps:
 *   - the coordinator part when the step did not call the coordinator;
 *   - a generation's worker jobs when the step did not call its worker;
 *   - its jobs in flight when neither of its channels' `version`s moved, it
 *     is still as alive as it was, and the coordinator's outbox (in flight
 *     to the newest generation) cannot have changed;
 *   - its `seqHigh` text while `seqHigh` is unchanged;
 *   - a whole generation, the generation list, the workload and the
 *     in-flight counts when every field is unchanged.
 * - `last` is the state's own per-step record: `apply` replaces it at the
 *   start of every step and never changes an earlier one.
 *
 * Gotcha: a kept part is the very object the previous view holds, so views
 * share objects. That is safe because no one changes a view once built; a
 * part that changes is always a new object.
 *
 * @example
 * ```ts
 * const memo = buildView(s, undefined); // from scratch
 * applyAction(s, { type: 'step', gen: 1, job: 1 });
 * buildView(s, memo).view.coordinator === memo.view.coordinator; // true: the step did not call the coordinator
 * ```
 * @module
 */
import type { WorkerEnvelope } from '../../protocol/index.js';
import type { Channel } from '../../sim/channel.js';
import { Hash64 } from '../../sim/digest.js';
import { decimalText } from './decimal.js';
import { coordinatorInto } from './digest.js';
import type { Generation, SimWorker } from './generation.js';
import { opJob, outcomeSummary } from './ops.js';
import type { AsupersyncState } from './state.js';
import { workerTouched } from './step-touch.js';
import type { AsupersyncView, GenerationView, WorkerJobSummary } from './view.js';

/** One generation's view and what it was built from. */
export interface GenerationMemo {
  readonly view: GenerationView;
  /** `version` of its coordinator→worker channel. */
  readonly down: number;
  /** `version` of its worker→coordinator channel. */
  readonly up: number;
  /** Envelopes queued in the coordinator's outbox for it (newest generation only). */
  readonly queued: number;
  readonly seqHigh: bigint;
}

/** A view and what it was built from. */
export interface ViewMemo {
  /** `touch.applied` when it was built. */
  readonly applied: number;
  /** The coordinator's `lastInboundSeqNo` and `currentTurn`, whose texts the view holds. */
  readonly lastInbound: bigint;
  readonly turn: bigint;
  readonly view: AsupersyncView;
  readonly gens: readonly GenerationMemo[];
}

// One hasher for every view's coordinator digest: views are built one at a time.
const coordinatorHash = new Hash64();

const NO_ENVELOPES: readonly WorkerEnvelope[] = [];

/**
 * The coordinator part. `prev` (the memo before the step, if any) lends the
 * decimal texts of sequence numbers that did not move.
 */
function coordinatorPart(s: AsupersyncState, prev: ViewMemo | undefined): AsupersyncView['coordinator'] {
  const c = s.coordinator;
  const tracked = c.trackedJobs();
  coordinatorInto(coordinatorHash.reset(), s, tracked);
  const lastInbound = c.lastInboundSeqNo;
  const turn = c.currentTurn;
  return {
    active: c.activeWorkerId,
    ready: c.isWorkerReady(),
    shutdown: c.isShutdownRequested(),
    lastInbound: prev !== undefined && prev.lastInbound === lastInbound ? prev.view.coordinator.lastInbound : decimalText(lastInbound),
    turn: prev !== undefined && prev.turn === turn ? prev.view.coordinator.turn : decimalText(turn),
    digest: coordinatorHash.hex(),
    jobs: tracked.map((j) => {
      const id = Number(j.jobId);
      const n = s.notes.get(id);
      return { id, state: j.state, session: n?.session ?? null, cancelled: n?.cancelled ?? false, via: n?.via ?? null, outcome: n?.outcome ?? null };
    }),
  };
}

function inflightJobs(down: Channel<WorkerEnvelope>, up: Channel<WorkerEnvelope>, queued: readonly WorkerEnvelope[]): number[] {
  if (down.length === 0 && up.length === 0 && queued.length === 0) return [];
  // An array de-duplicated in place: a few ids per step, cheaper than a Set.
  const ids: number[] = [];
  for (const env of queued) {
    const job = opJob(env.op);
    if (job !== null) ids.push(job);
  }
  for (const env of down.items()) {
    const job = opJob(env.op);
    if (job !== null) ids.push(job);
  }
  for (const env of up.items()) {
    const job = opJob(env.op);
    if (job !== null) ids.push(job);
  }
  return ascendingUnique(ids);
}

/**
 * `ids` sorted ascending without duplicates: the same array, de-duplicated
 * in one pass, when they already ascend (usual: often all one job); else a
 * sorted copy.
 */
export function ascendingUnique(ids: number[]): number[] {
  let n = 1;
  for (let i = 1; i < ids.length; i++) {
    const x = ids[i] as number;
    const last = ids[n - 1] as number;
    if (x === last) continue;
    if (x < last) return sortUnique(ids.slice(0, n).concat(ids.slice(i)));
    ids[n++] = x;
  }
  if (n < ids.length) ids.length = n;
  return ids;
}

function sortUnique(ids: number[]): number[] {
  ids.sort((a, b) => a - b);
  let n = 1;
  for (let i = 1; i < ids.length; i++) if (ids[i] !== ids[n - 1]) ids[n++] = ids[i] as number;
  ids.length = n;
  return ids;
}

/**
 * Each worker job's summary, read from the worker's own records (what
 * `jobs()` and `settledJobs()` show together, without their copies).
 */
function workerJobs(worker: SimWorker): WorkerJobSummary[] {
  const jobs = worker.jobRecords();
  const out: WorkerJobSummary[] = [];
  for (const j of jobs) out.push({ id: Number(j.jobId), state: j.state, outcome: j.outcome === null ? null : outcomeSummary(j.outcome), via: j.via });
  return out;
}

/** Generation `g`'s part, keeping what `old` (its part before the step) still shows. */
function generationPart(s: AsupersyncState, g: Generation, outbox: readonly WorkerEnvelope[], old: GenerationMemo | undefined): GenerationMemo {
  const alive = g.gen === s.gens.length;
  const queued = alive ? outbox : NO_ENVELOPES;
  const down = g.down.version;
  const up = g.up.version;
  const o = old?.view;
  const jobs = o !== undefined && !workerTouched(s.touch, g.gen) ? o.jobs : workerJobs(g.worker);
  const sameInflight =
    old !== undefined &&
    old.down === down &&
    old.up === up &&
    old.view.alive === alive &&
    (!s.touch.coordinator || (old.queued === 0 && queued.length === 0));
  const inflight = sameInflight ? old.view.inflightJobs : inflightJobs(g.down, g.up, queued);
  const seqHigh = o?.seqHigh !== undefined && old?.seqHigh === g.seqHigh ? o.seqHigh : decimalText(g.seqHigh);
  const state = g.worker.state;
  if (
    old !== undefined &&
    sameInflight &&
    jobs === old.view.jobs &&
    seqHigh === old.view.seqHigh &&
    state === old.view.state &&
    g.retired === old.view.retired
  ) {
    return old;
  }
  return {
    view: {
      gen: g.gen,
      id: g.workerId,
      state,
      alive,
      retired: g.retired,
      toWorker: g.down.length,
      toCoordinator: g.up.length,
      inflightJobs: inflight,
      jobs,
      seqHigh,
    },
    down,
    up,
    queued: queued.length,
    seqHigh: g.seqHigh,
  };
}

/** The view of `s`, keeping what `prev` (the view before the latest step, or none) still shows. */
export function buildView(s: AsupersyncState, prev: ViewMemo | undefined): ViewMemo {
  const c = s.coordinator;
  const p = prev?.view;
  const coordinator = p !== undefined && !s.touch.coordinator ? p.coordinator : coordinatorPart(s, prev);
  const current = s.gens.length;
  // Empty between steps unless posting waits for the turn: skip the copy pendingOutbox() makes.
  const outbox = c.pendingCount === 0 ? NO_ENVELOPES : c.pendingOutbox();
  const gens: GenerationMemo[] = [];
  const views: GenerationView[] = [];
  let same = prev !== undefined && prev.gens.length === current;
  let live = 0;
  let dead = 0;
  for (let i = 0; i < current; i++) {
    const old = prev?.gens[i];
    const m = generationPart(s, s.gens[i] as Generation, outbox, old);
    if (m !== old) same = false;
    gens.push(m);
    const v = m.view;
    views.push(v);
    if (v.alive) live += v.toWorker + v.toCoordinator;
    else dead += v.toWorker + v.toCoordinator;
  }
  const generations = same && p !== undefined ? p.generations : views;
  // `rejected` only grows, so an equal length means equal contents.
  const w = p?.workload;
  const workload =
    w !== undefined && w.next === s.nextJob && w.rejected.length === s.rejected.length
      ? w
      : { next: s.nextJob, total: s.options.jobs, rejected: [...s.rejected] };
  const f = p?.inFlight;
  const inFlight = f !== undefined && f.live === live && f.dead === dead ? f : { live, dead };
  return {
    applied: s.touch.applied,
    lastInbound: c.lastInboundSeqNo,
    turn: c.currentTurn,
    view: { coordinator, current, generations, workload, inFlight, last: s.last },
    gens,
  };
}
