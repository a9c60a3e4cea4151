/**
 * The contract between the simulator core and a system under test.
 *
 * A model owns its actors, their messages and its invariants; the core owns
 * scheduling, randomness, fault selection, invariant running and recording,
 * and knows nothing about any particular protocol.
 *
 * Details:
 * - **Decisions are data.** Every step applies one {@link Candidate.action}, a
 *   plain JSON object with a `type`. All randomness a step needs (a job's
 *   length, which message to duplicate, a new worker's id) is drawn while
 *   building candidates and baked into the action, so `apply` is a pure,
 *   deterministic function of (state, action). That is what lets a replay
 *   re-execute recorded decisions without any random draws.
 * - **Faults are candidates too**, tagged with a fault name from the model's
 *   {@link FaultSpec} catalog; the core decides per step whether to inject one.
 * - **Invariants compare views.** After every step the core takes
 *   `observe(state)` and runs each safety invariant on (previous view, next
 *   view, action, effects).
 *
 * Gotcha: `candidates` may draw from the streams in `ctx`, but `init` and
 * `apply` must not draw at all, or replays of old traces would drift.
 * @module
 */
import type { Hash64 } from './digest.js';
import type { Json } from './json.js';
import type { RngStream } from './rng.js';

/** A decision: a plain JSON object naming what happens next. */
export interface Action {
  readonly type: string;
  readonly [param: string]: Json;
}

/** Run phase: faults may be injected only in `fault`; `heal` is fault-free with fair scheduling. */
export type Phase = 'fault' | 'heal';

/** What the scheduler may choose at a step. */
export interface Candidate<A extends Action = Action> {
  readonly action: A;
  /** The actor that moves (PCT schedules by actor). */
  readonly actor: string;
  /** Set when this candidate is an injected fault; must name a {@link FaultSpec}. */
  readonly fault?: string;
}

/** Context handed to {@link Model.candidates}. */
export interface CandidateContext {
  readonly phase: Phase;
  readonly step: number;
  /** A named random stream of this run (e.g. `workload`, `faults`, `job:w1`). */
  rng(name: string): RngStream;
  /** Whether a fault is enabled in this run's fault configuration. */
  faultEnabled(name: string): boolean;
  /**
   * Optional: `false` when `faultEnabled` is false for every name (the heal
   * phase, or a run whose profile enables no fault), so a model may skip its
   * fault candidates without asking about each; absent or `true`: ask.
   */
  readonly anyFaultEnabled?: boolean;
}

/** What a step did, as recorded in the trace. */
export interface StepEffects {
  /** `replay_hash` (decimal u64) of every envelope that moved in this step, in order. */
  readonly envelopes: readonly string[];
  /** The error kind the system returned, if any. Errors are data, not failures. */
  readonly error: string | null;
  /** Named race or fault events this step produced (e.g. `cancel-vs-completion`). */
  readonly events: readonly string[];
}

/** A safety property checked after every step. */
export interface Invariant<V extends Json, A extends Action = Action> {
  readonly name: string;
  readonly description: string;
  /** Returns a message describing the violation, or `null` when the property holds. */
  check(prev: V, next: V, action: A, effects: StepEffects): string | null;
}

/** A fault the model can inject, and the profiles it belongs to. */
export interface FaultSpec {
  readonly name: string;
  readonly description: string;
  /** Lowest built-in profile that enables it: `realistic` faults are also in `adversarial`. */
  readonly profile: 'realistic' | 'adversarial';
  /** Per-step injection probability in the built-in profiles. */
  readonly rate: number;
}

/** A system under test, pluggable into the simulator. */
export interface Model<S, V extends Json, A extends Action = Action> {
  /** Registry name, recorded in trace headers. */
  readonly name: string;
  readonly description: string;
  /** Default options; a run's options are these overlaid with the caller's. */
  readonly defaultOptions: { readonly [key: string]: Json };
  readonly faults: readonly FaultSpec[];
  readonly invariants: readonly Invariant<V, A>[];
  /** Build the initial state. Must not draw randomness. */
  init(options: { readonly [key: string]: Json }, seed: bigint): S;
  /** The decisions enabled now; may draw from `ctx` streams. */
  candidates(state: S, ctx: CandidateContext): readonly Candidate<A>[];
  /** Apply one decision. Deterministic; mutates `state`. */
  apply(state: S, action: A): StepEffects;
  /** An immutable, JSON-compatible view for invariants and violation reports. */
  observe(state: S): V;
  /** Canonical text of the whole state; hashed into each step's digest. */
  digest(state: S): string;
  /**
   * The same digest without building text: feed every field that
   * {@link Model.digest}'s text covers straight into `hash` (fields in a fixed
   * order, lists with their lengths). When present, the run engine uses it
   * instead of `digest` for step records, so the two must cover exactly the
   * same state (their values differ: a trace records one of them, so adding
   * or changing this hook needs a new trace format version). Omitted: the
   * engine hashes `digest`'s text.
   */
  digestInto?(state: S, hash: Hash64): void;
  /** Liveness goal: every piece of work has reached a terminal state. */
  settled(state: S): boolean;
  /** Final outcome for the trace footer (e.g. job states and outcomes). */
  outcome(state: S): Json;
  /** Validate an action read back from a trace; throw a clear error if malformed. */
  parseAction(value: Json): A;
  /**
   * Whether `action` fits `state` (its generation, channel, job or index
   * exists), so that `apply` would not throw. Shrinking and scenarios use it
   * to skip decisions a shorter run no longer enables. Omitted: always true.
   */
  applicable?(state: S, action: A): boolean;
  /**
   * One line describing `action` in the protocol's own words, computed
   * before it is applied: a delivery names the message it moves, e.g.
   * `deliver CancelJob(1) to worker w1`. Used by timelines and by scenario
   * ordering pins, which match on these texts. Omitted: the action's JSON.
   */
  describe?(state: S, action: A): string;
  /**
   * Simpler variants of one action, simplest first (e.g. a spawn with 0
   * steps, payload 0, outcome ok). The shrinker tries each in place of the
   * original and keeps the first that still violates the same invariant. A
   * variant is recorded with the original's fault tag, so it must still be
   * that fault (or no fault when the original was none). Omitted: none.
   */
  simplify?(action: A): readonly A[];
  /**
   * `action` as it must read once an earlier decision `removed` is dropped
   * from a run, e.g. generation numbers shift down when a worker restart is
   * removed. The shrinker applies it to every later decision, the latest
   * removal first. Omitted: decisions are kept as they are.
   */
  rebase?(action: A, removed: A): A;
  /**
   * The actor a (rebased) action belongs to, when the action alone decides
   * it (e.g. `w2` for worker 2's bootstrap); `null` keeps the recorded
   * actor. Lets a shrunk trace name the renumbered worker. Omitted: recorded
   * actors are kept.
   */
  actorOf?(action: A): string | null;
}

/** A model with its type parameters erased, for registries. */
export type AnyModel = Model<unknown, Json, Action>;
