/**
 * The JSON view of an asupersync run (what invariants compare and violation
 * reports show), its liveness goal and its outcome.
 *
 * Details:
 * - Every bigint (sequence numbers, turns) is a decimal string; job ids and
 *   generations are small numbers.
 * - `coordinator.digest` is a hash of everything the coordinator holds
 *   (what {@link coordinatorText} covers, hashed field by field): comparing it before and after a step tells
 *   whether the step changed anything the coordinator holds.
 * - Per generation: the worker's lifecycle, its jobs as it sees them,
 *   whether it is alive (the newest generation) and retired (its session
 *   was ended by the coordinator), its channels' lengths, and the ids of jobs
 *   that messages in flight on its channels are about (for the newest
 *   generation also those still queued in the coordinator's outbox, which
 *   are posted to it: only with `postOn: 'turn'` is anything queued between steps).
 * - `last` is what this step delivered and what the coordinator sent.
 *
 * Gotcha: views are built fresh on every call and hold no state objects, so
 * the previous view never changes under the invariants.
 *
 * @example
 * ```ts
 * observeState(s).coordinator.jobs[0]?.state; // 'Queued'
 * ```
 * @module
 */
import { isTerminal, type JobState, type TrackedJob, type WorkerEnvelope } from '../../protocol/index.js';
import type { Channel } from '../../sim/channel.js';
import { Hash64 } from '../../sim/digest.js';
import { coordinatorInto } from './digest.js';
import type { Json } from '../../sim/json.js';
import type { SettledJob, SettledVia, WorkerEndpointState, WorkerJobState, WorkerJobView } from '../../worker/index.js';
import { opJob, outcomeSummary } from './ops.js';
import type { AsupersyncState, Delivered, Emitted, Inbound, Sent } from './state.js';

/** A coordinator job with the model's notes. */
export type CoordinatorJobView = {
  readonly id: number;
  readonly state: JobState;
  /** Coordinator's active worker when it was spawned. */
  readonly session: string | null;
  readonly cancelled: boolean;
  /** Inbound op that completed it. */
  readonly via: string | null;
  /** Outcome accepted with that op. */
  readonly outcome: string | null;
};

/** A job as one worker sees it. */
export type WorkerJobSummary = {
  readonly id: number;
  readonly state: WorkerJobState;
  readonly outcome: string | null;
  readonly via: SettledVia | null;
};

/** One worker generation. */
export type GenerationView = {
  readonly gen: number;
  readonly id: string;
  readonly state: WorkerEndpointState;
  readonly alive: boolean;
  readonly retired: boolean;
  readonly toWorker: number;
  readonly toCoordinator: number;
  readonly inflightJobs: readonly number[];
  readonly jobs: readonly WorkerJobSummary[];
  /** Highest `seqNo` this worker has emitted, decimal (always set by {@link observeState}; optional so older hand-built views stay valid). */
  readonly seqHigh?: string;
};

/** The model's `V`. */
export type AsupersyncView = {
  readonly coordinator: {
    readonly active: string | null;
    readonly ready: boolean;
    readonly shutdown: boolean;
    readonly lastInbound: string;
    readonly turn: string;
    readonly digest: string;
    readonly jobs: readonly CoordinatorJobView[];
  };
  readonly current: number;
  readonly generations: readonly GenerationView[];
  readonly workload: { readonly next: number; readonly total: number; readonly rejected: readonly number[] };
  readonly inFlight: { readonly live: number; readonly dead: number };
  readonly last: {
    readonly delivered: Delivered | null;
    readonly sent: readonly Sent[];
    /** Sequence facts of the envelope delivered to the coordinator, if any (always set by {@link observeState}). */
    readonly inbound?: Inbound | null;
    /** Envelopes workers emitted this step, in order (always set by {@link observeState}). */
    readonly emitted?: readonly Emitted[];
  };
};

/**
 * Canonical text of everything the coordinator holds (jobs, session, flags,
 * high-water mark, turn, outbox). `tracked` is `trackedJobs()`, when the
 * caller already has it (each call sorts a fresh copy).
 */
export function coordinatorText(s: AsupersyncState, tracked: readonly Readonly<TrackedJob>[] = s.coordinator.trackedJobs()): string {
  const c = s.coordinator;
  let out = `c|${c.activeWorkerId ?? '-'}|${c.isWorkerReady() ? 1 : 0}|${c.isShutdownRequested() ? 1 : 0}|${c.lastInboundSeqNo}|${c.currentTurn}|${s.coordinatorSent}|`;
  for (const j of tracked) out += `${j.jobId}:${j.state}:${j.lastSeqNo},`;
  out += '|';
  for (const env of c.pendingOutbox()) out += `${env.replayHash.toString(36)},`;
  return out;
}

// One hasher for every view's coordinator digest: views are built one at a time.
const coordinatorHash = new Hash64();

/** Hash of everything the coordinator holds (what {@link coordinatorText} covers), built without text. */
function coordinatorDigest(s: AsupersyncState, tracked: readonly Readonly<TrackedJob>[]): string {
  coordinatorInto(coordinatorHash.reset(), s, tracked);
  return coordinatorHash.hex();
}

const NO_ENVELOPES: readonly WorkerEnvelope[] = [];

function inflightJobs(down: Channel<WorkerEnvelope>, up: Channel<WorkerEnvelope>, queued: readonly WorkerEnvelope[]): number[] {
  // An array sorted and de-duplicated in place: a few ids per step, cheaper than a Set.
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
  if (ids.length < 2) return ids;
  ids.sort((a, b) => a - b);
  let n = 1;
  for (let i = 1; i < ids.length; i++) if (ids[i] !== ids[n - 1]) ids[n++] = ids[i] as number;
  ids.length = n;
  return ids;
}

/**
 * Each worker job's summary. `settled` is a subset of `jobs`, both sorted by
 * job id, so one merge walk finds each job's `via` (no Map per step).
 */
function workerJobs(jobs: readonly WorkerJobView[], settled: readonly SettledJob[]): WorkerJobSummary[] {
  const out: WorkerJobSummary[] = new Array<WorkerJobSummary>(jobs.length);
  let k = 0;
  for (let i = 0; i < jobs.length; i++) {
    const j = jobs[i] as WorkerJobView;
    while (k < settled.length && (settled[k] as SettledJob).jobId < j.jobId) k++;
    const x = settled[k];
    out[i] = {
      id: Number(j.jobId),
      state: j.state,
      outcome: j.outcome === null ? null : outcomeSummary(j.outcome),
      via: x !== undefined && x.jobId === j.jobId ? x.via : null,
    };
  }
  return out;
}

/** An immutable JSON view of the whole run. */
export function observeState(s: AsupersyncState): AsupersyncView {
  const c = s.coordinator;
  const tracked = c.trackedJobs();
  let live = 0;
  let dead = 0;
  const current = s.gens.length;
  const outbox = c.pendingOutbox();
  const generations = s.gens.map((g): GenerationView => {
    const n = g.up.length + g.down.length;
    const queued = g.gen === current ? outbox : NO_ENVELOPES;
    if (g.gen === current) live += n;
    else dead += n;
    const jobs = g.worker.jobs();
    return {
      gen: g.gen,
      id: g.workerId,
      state: g.worker.state,
      alive: g.gen === current,
      retired: g.retired,
      toWorker: g.down.length,
      toCoordinator: g.up.length,
      inflightJobs: n === 0 && queued.length === 0 ? [] : inflightJobs(g.down, g.up, queued),
      jobs: jobs.length === 0 ? [] : workerJobs(jobs, g.worker.settledJobs()),
      seqHigh: g.seqHigh.toString(),
    };
  });
  return {
    coordinator: {
      active: c.activeWorkerId,
      ready: c.isWorkerReady(),
      shutdown: c.isShutdownRequested(),
      lastInbound: c.lastInboundSeqNo.toString(),
      turn: c.currentTurn.toString(),
      digest: coordinatorDigest(s, tracked),
      jobs: tracked.map((j) => {
        const id = Number(j.jobId);
        const n = s.notes.get(id);
        return { id, state: j.state, session: n?.session ?? null, cancelled: n?.cancelled ?? false, via: n?.via ?? null, outcome: n?.outcome ?? null };
      }),
    },
    current,
    generations,
    workload: { next: s.nextJob, total: s.options.jobs, rejected: [...s.rejected] },
    inFlight: { live, dead },
    last: { delivered: s.last.delivered, sent: [...s.last.sent], inbound: s.last.inbound, emitted: [...s.last.emitted] },
  };
}

/**
 * Liveness goal: the workload has issued every job and every coordinator job
 * is terminal; with `postOn: 'turn'` also nothing is left unposted in the
 * coordinator's outbox.
 */
export function isSettled(s: AsupersyncState): boolean {
  if (s.nextJob <= s.options.jobs) return false;
  if (s.options.postOn === 'turn' && s.coordinator.pendingOutbox().length > 0) return false;
  for (const j of s.coordinator.trackedJobs()) if (!isTerminal(j.state)) return false;
  return true;
}

/** Trace footer outcome: each job's final state and outcome, rejected spawns, generations used. */
export function stateOutcome(s: AsupersyncState): Json {
  return {
    jobs: s.coordinator.trackedJobs().map((j) => {
      const n = s.notes.get(Number(j.jobId));
      return { id: Number(j.jobId), state: j.state, via: n?.via ?? null, outcome: n?.outcome ?? null };
    }),
    rejected: [...s.rejected],
    generations: s.gens.length,
    active: s.coordinator.activeWorkerId,
  };
}
