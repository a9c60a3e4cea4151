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
 * Gotcha: a view shares with the previous one every part the latest step
 * could not change (see `view-parts.ts`), and `last` with the state, whose
 * step record `apply` replaces rather than changes; nothing changes a view
 * once built, so the previous view never changes under the invariants.
 *
 * @example
 * ```ts
 * observeState(s).coordinator.jobs[0]?.state; // 'Queued'
 * ```
 * @module
 */
import { isTerminal, type JobState, type TrackedJob } from '../../protocol/index.js';
import type { Json } from '../../sim/json.js';
import type { SettledVia, WorkerEndpointState, WorkerJobState } from '../../worker/index.js';
import type { AsupersyncState, Delivered, Emitted, Inbound, Sent } from './state.js';
import { buildView } from './view-parts.js';

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

/**
 * An immutable JSON view of the whole run. Parts the latest step cannot have
 * changed are the previous view's own objects, when exactly one step ran
 * since `s` was last observed; otherwise everything is built afresh.
 */
export function observeState(s: AsupersyncState): AsupersyncView {
  const prev = s.observed;
  const memo = buildView(s, prev !== null && prev.applied + 1 === s.touch.applied ? prev : undefined);
  s.observed = memo;
  return memo.view;
}

/** {@link observeState} built from scratch, reusing nothing (what tests compare the reusing view with). */
export function observeFresh(s: AsupersyncState): AsupersyncView {
  return buildView(s, undefined).view;
}

/**
 * Liveness goal: the workload has issued every job and every coordinator job
 * is terminal; with `postOn: 'turn'` also nothing is left unposted in the
 * coordinator's outbox.
 */
export function isSettled(s: AsupersyncState): boolean {
  if (s.nextJob <= s.options.jobs) return false;
  if (s.options.postOn === 'turn' && s.coordinator.pendingCount > 0) return false;
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
