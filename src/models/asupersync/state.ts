/**
 * The mutable state of one asupersync run: the real `WorkerCoordinator`,
 * worker generations (a real `WorkerEndpoint` each, with its two channels),
 * the workload's progress and the model's own bookkeeping.
 *
 * Details:
 * - **Generations** (see `generation.ts`): one per worker, the newest alive.
 * - **Job plans.** The `spawn` action carries the job's behaviour; it is
 *   stored in {@link AsupersyncState.plans} and the worker's behaviour lookup
 *   reads it, so the endpoint stays a pure function of the actions.
 * - **Annotations** the coordinator cannot tell us but invariants need:
 *   each job's session (the coordinator's active worker when it was spawned),
 *   whether the workload cancelled it, and which message completed it with
 *   which outcome; per generation, whether the coordinator has *retired* it.
 * - {@link LastStep} records what the current step delivered and sent, for
 *   invariants that judge a single step.
 *
 * Gotcha: every worker's outbox is drained into its channel after every call,
 * so it holds nothing between steps; so is the coordinator's with the default
 * `postOn: 'action'`, while with `postOn: 'turn'` it keeps what it queued until
 * the next `turn` (see `apply.ts`).
 *
 * @example
 * ```ts
 * const s = initState(parseOptions(ASUPERSYNC_DEFAULT_OPTIONS), 7n);
 * s.gens[0]?.workerId; // 'w1'
 * ```
 * @module
 */
import { WorkerCoordinator, type JobState, type WorkerOpType } from '../../protocol/index.js';
import type { Direction, OutcomeKind } from './actions.js';
import { addGeneration, SimWorker, type Generation } from './generation.js';
import type { WorkerEndpointOptions } from '../../worker/index.js';
import type { AsupersyncOptions } from './options.js';
import { initialTouch, type StepTouch } from './step-touch.js';
import type { ViewMemo } from './view-parts.js';

/** A job's behaviour and sizes, as chosen by the `spawn` action. */
export interface JobPlan {
  readonly steps: number;
  readonly outcome: OutcomeKind;
  readonly payload: number;
  readonly result: number;
  readonly snapshot: boolean;
}

/** The model's notes on a coordinator job. */
export interface JobNotes {
  /** Coordinator's active worker id when the job was spawned. */
  readonly session: string | null;
  /** Whether the workload's `cancelJob` succeeded for it. */
  cancelled: boolean;
  /** The inbound op that moved it to `Completed`, if any. */
  via: WorkerOpType | null;
  /** Summary of the outcome accepted with that op (see {@link outcomeSummary}). */
  outcome: string | null;
}

/** What a delivery in the current step moved. */
export type Delivered = {
  readonly gen: number;
  readonly to: Direction;
  readonly op: WorkerOpType;
  readonly job: number | null;
  /** Generation named by the envelope's `workerId` (worker→coordinator only). */
  readonly sender: number | null;
  /** Spawn payload or `Ok` result size carried, if any. */
  readonly bytes: number | null;
  /** For `JobCompleted`: sent before the worker processed a `CancelJob` for the job. */
  readonly raced: boolean | null;
};

/** One envelope the coordinator emitted in the current step. */
export type Sent = {
  readonly op: WorkerOpType;
  readonly job: number | null;
  /** The coordinator's shutdown flag when the envelope left it. */
  readonly shutdown: boolean;
};

/** The sequence facts of an envelope delivered to the coordinator in the current step (for `inbound-sequence-fresh`). */
export type Inbound = {
  /** The envelope's `seqNo`, decimal. */
  readonly seq: string;
  /** For `BootstrapReady`/`BootstrapFailed`: the worker id the op announces (a new one resets the session); else null. */
  readonly bootstrapOf: string | null;
};

/** One envelope a worker emitted in the current step (for the worker-conformance invariants). */
export type Emitted = {
  readonly gen: number;
  /** Its `seqNo`, decimal. */
  readonly seq: string;
  readonly op: WorkerOpType;
  /** For `StatusSnapshot`: the state it reports; else null. */
  readonly state: JobState | null;
};

/** Per-step record for single-step invariants. */
export interface LastStep {
  delivered: Delivered | null;
  /** Frozen and shared while empty (most steps send nothing); never pushed to: each note replaces the list with a longer copy (a step notes one or two). */
  sent: readonly Sent[];
  inbound: Inbound | null;
  /** As `sent`. */
  emitted: readonly Emitted[];
}

/** The empty `sent` and `emitted` of a {@link LastStep}, shared by every step that has none. */
export const NO_NOTES: readonly never[] = Object.freeze([]);

/** Copies a fault created of one envelope, to name its re-deliveries. */
export interface CopyCount {
  dup: number;
  replay: number;
  delivered: boolean;
}

/** The whole state of a run. */
export interface AsupersyncState {
  readonly options: AsupersyncOptions;
  readonly seed: bigint;
  /** How the coordinator and workers are built (the real ones unless a variant overrides). */
  readonly parts: AsupersyncParts;
  readonly coordinator: WorkerCoordinator;
  /** Envelopes the coordinator has emitted. */
  coordinatorSent: number;
  /** Generations, index `gen - 1`; the last is alive. */
  readonly gens: Generation[];
  readonly plans: Map<number, JobPlan>;
  readonly notes: Map<number, JobNotes>;
  /** Next job id the workload spawns. */
  nextJob: number;
  /** Job ids whose spawn the coordinator rejected (payload too large). */
  readonly rejected: number[];
  /** Spawns so far with a payload or result at or over the limit (the fault is offered once per run: each costs ~10 ms of hashing). */
  limitSpawns: number;
  /** The previous action was `turn` (turns are not offered twice in a row). */
  lastWasTurn: boolean;
  /** Hashes of `JobCompleted` envelopes sent after the worker acknowledged the job's cancel. */
  readonly nonRacing: Set<string>;
  /** Outstanding duplicate/replay copies by envelope hash. */
  readonly copies: Map<string, CopyCount>;
  /**
   * Replaced (never changed in place) at the start of every step: views
   * share it instead of copying it.
   */
  last: LastStep;
  /** What the latest step called, for the view's reuse of unchanged parts (see `step-touch.ts`). */
  readonly touch: StepTouch;
  /** The view last built of this state, with what it was built from (the view's own business, see `view-parts.ts`). */
  observed: ViewMemo | null;
}

/**
 * Builds the actors of a run. The shipped model uses the real
 * `WorkerCoordinator` and `SimWorker`; a test variant (a planted bug) passes
 * subclasses that change one behaviour.
 */
export interface AsupersyncParts {
  coordinator(seed: bigint): WorkerCoordinator;
  worker(config: WorkerEndpointOptions): SimWorker;
}

/** The real actors. */
export const REAL_PARTS: AsupersyncParts = {
  coordinator: (seed) => new WorkerCoordinator(seed),
  worker: (config) => new SimWorker(config),
};

/** Region, task and obligation ids are derived from the job id. */
export const REGION_ID = 100n;

/** The initial state: a fresh coordinator seeded with the run seed and a booting worker `w1`. */
export function initState(options: AsupersyncOptions, seed: bigint, parts: AsupersyncParts = REAL_PARTS): AsupersyncState {
  const s: AsupersyncState = {
    options,
    seed,
    parts,
    coordinator: parts.coordinator(seed),
    coordinatorSent: 0,
    gens: [],
    plans: new Map(),
    notes: new Map(),
    nextJob: 1,
    rejected: [],
    limitSpawns: 0,
    lastWasTurn: false,
    nonRacing: new Set(),
    copies: new Map(),
    last: { delivered: null, sent: [], inbound: null, emitted: [] },
    touch: initialTouch(),
    observed: null,
  };
  addGeneration(s, 1);
  return s;
}
