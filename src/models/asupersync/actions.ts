/**
 * The decisions of the asupersync model, as plain JSON actions, and
 * {@link parseAsupersyncAction}, which validates one read back from a trace.
 *
 * Details:
 * - Workload (main thread): `spawn`, `cancel`, `poll`, `shutdown`; clock: `turn`.
 * - Transport: `deliver` moves the head of one channel of generation `gen`
 *   (`to: 'worker'` is coordinator→worker, `to: 'coordinator'` the reverse).
 * - Worker `gen`: `bootstrap` (`fail: true` is the `bootstrap-failure`
 *   fault), `step` (a job makes one unit of progress), `lie` (the
 *   `faulty-worker` fault: a message the worker's state does not justify).
 * - Supervisor: `restart` (the worker stopped or failed; start generation
 *   `gen`), `recover` (heal phase, the system is stuck: replace the worker),
 *   `replace` (the `worker-replaced` fault: replace a live worker mid-job).
 * - Network faults on a channel of generation `gen`: `drop`, `duplicate`,
 *   `reorder`, `delay` at queue `index`; `replay` re-sends entry `entry` of
 *   that channel's delivered log into the current generation's channel of the
 *   same direction.
 * - Everything random (a job's steps, outcome, sizes; a fault's target) is
 *   drawn in `candidates` and carried here, so `apply` never draws.
 *
 * Gotcha: parsing checks shape only. Whether the generation, job or index
 * exists is checked by `apply` against the state (and throws if not, which
 * the engine reports as a crash).
 *
 * @example
 * ```ts
 * parseAsupersyncAction({ type: 'spawn', job: 3, steps: 2, outcome: 'ok', payload: 16, result: 0, snapshot: true });
 * parseAsupersyncAction({ type: 'deliver', gen: 1, to: 'nowhere' }); // throws: field "to" must be ...
 * ```
 * @module
 */
import { isJobState, type JobState } from '../../protocol/index.js';
import type { Json } from '../../sim/json.js';

/** Direction of a channel: the receiving side. */
export type Direction = 'worker' | 'coordinator';
/** A job's scripted outcome. */
export type OutcomeKind = 'ok' | 'err' | 'panic';
/** What a faulty worker sends. */
export type Lie = 'finalize-without-drain' | 'completed-while-finalizing' | 'owned-state-snapshot' | 'terminal-snapshot';

/** The workload spawns job `job`; its behaviour and sizes are baked in. */
export type SpawnAction = {
  readonly type: 'spawn';
  readonly job: number;
  readonly steps: number;
  readonly outcome: OutcomeKind;
  readonly payload: number;
  readonly result: number;
  readonly snapshot: boolean;
};
/** The workload cancels, polls or removes (`removeJob`, and the worker forgets it) a job. */
export type JobAction = { readonly type: 'cancel' | 'poll' | 'remove'; readonly job: number };
/** The workload requests shutdown; the clock advances the host turn. */
export type PlainAction = { readonly type: 'shutdown' | 'turn' };
/** Deliver the head of generation `gen`'s channel towards `to`. */
export type DeliverAction = { readonly type: 'deliver'; readonly gen: number; readonly to: Direction };
/** Worker `gen` reports bootstrap (ready, or failed when `fail`). */
export type BootstrapAction = { readonly type: 'bootstrap'; readonly gen: number; readonly fail: boolean };
/** Worker `gen` lets job `job` make one unit of progress. */
export type StepAction = { readonly type: 'step'; readonly gen: number; readonly job: number };
/** Start generation `gen` (the previous one dies). */
export type NewWorkerAction = { readonly type: 'restart' | 'recover' | 'replace'; readonly gen: number };
/** A network fault on one queued message. */
export type ChannelFaultAction = {
  readonly type: 'drop' | 'duplicate' | 'reorder' | 'delay';
  readonly gen: number;
  readonly to: Direction;
  readonly index: number;
};
/** Re-send delivered-log entry `entry` of generation `gen`'s channel towards `to`. */
export type ReplayAction = { readonly type: 'replay'; readonly gen: number; readonly to: Direction; readonly entry: number };
/** Worker `gen` sends a message about `job` that skips a protocol step; `state` is the snapshot state, if any. */
export type LieAction = {
  readonly type: 'lie';
  readonly gen: number;
  readonly job: number;
  readonly lie: Lie;
  readonly state: JobState | null;
};

/** Every action of the model. */
export type AsupersyncAction =
  | SpawnAction
  | JobAction
  | PlainAction
  | DeliverAction
  | BootstrapAction
  | StepAction
  | NewWorkerAction
  | ChannelFaultAction
  | ReplayAction
  | LieAction;

const LIES: readonly Lie[] = ['finalize-without-drain', 'completed-while-finalizing', 'owned-state-snapshot', 'terminal-snapshot'];
const OUTCOMES: readonly OutcomeKind[] = ['ok', 'err', 'panic'];

type Fields = { readonly [key: string]: Json };
const DIRECTIONS: readonly Direction[] = ['worker', 'coordinator'];

// Field readers at module level: replay parses every recorded decision, and closures per call showed in its profile.
function bad(o: Fields, field: string, want: string): never {
  throw new Error(`asupersync ${String(o.type)} action: field "${field}" must be ${want}, got ${JSON.stringify(o[field] ?? null)}`);
}

function intField(o: Fields, field: string, min: number): number {
  const v = o[field];
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= min ? v : bad(o, field, `an integer >= ${min}`);
}

function boolField(o: Fields, field: string): boolean {
  const v = o[field];
  return typeof v === 'boolean' ? v : bad(o, field, 'a boolean');
}

function oneOfField<T extends string>(o: Fields, field: string, options: readonly T[]): T {
  const v = o[field];
  return typeof v === 'string' && (options as readonly string[]).includes(v) ? (v as T) : bad(o, field, `one of ${options.join(', ')}`);
}

/** Every action type's keys, in the order its canonical object lists them (the object literals below). */
const KEYS = {
  spawn: ['type', 'job', 'steps', 'outcome', 'payload', 'result', 'snapshot'],
  job: ['type', 'job'],
  plain: ['type'],
  deliver: ['type', 'gen', 'to'],
  bootstrap: ['type', 'gen', 'fail'],
  step: ['type', 'gen', 'job'],
  newWorker: ['type', 'gen'],
  channelFault: ['type', 'gen', 'to', 'index'],
  replay: ['type', 'gen', 'to', 'entry'],
  lie: ['type', 'gen', 'job', 'lie', 'state'],
} as const satisfies {
  readonly spawn: readonly (keyof SpawnAction)[];
  readonly job: readonly (keyof JobAction)[];
  readonly plain: readonly (keyof PlainAction)[];
  readonly deliver: readonly (keyof DeliverAction)[];
  readonly bootstrap: readonly (keyof BootstrapAction)[];
  readonly step: readonly (keyof StepAction)[];
  readonly newWorker: readonly (keyof NewWorkerAction)[];
  readonly channelFault: readonly (keyof ChannelFaultAction)[];
  readonly replay: readonly (keyof ReplayAction)[];
  readonly lie: readonly (keyof LieAction)[];
};

/**
 * Whether `o`'s own enumerable keys are exactly `keys`, in that order.
 * `for...in` walks them without allocating a list; an enumerable key
 * inherited from a polluted prototype only makes this answer false.
 */
function hasExactKeys(o: Fields, keys: readonly string[]): boolean {
  let i = 0;
  for (const k in o) if (k !== keys[i++]) return false;
  return i === keys.length;
}

/**
 * Validate an action read back from a trace; throws an error naming the bad field.
 *
 * A value that is already canonical (exactly the action's keys, in order) is
 * returned itself, without a copy: every field was just validated and would
 * be copied unchanged. Replay, which compares the parsed action with the
 * recorded one every step, then finds them identical without comparing
 * fields. Any other valid value gets a canonical copy.
 */
export function parseAsupersyncAction(value: Json): AsupersyncAction {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`asupersync action must be an object, got ${JSON.stringify(value)}`);
  }
  const o = value as Fields;
  const type = o.type;
  switch (type) {
    case 'spawn': {
      const job = intField(o, 'job', 1);
      const steps = intField(o, 'steps', 0);
      const outcome = oneOfField(o, 'outcome', OUTCOMES);
      const payload = intField(o, 'payload', 0);
      const result = intField(o, 'result', 0);
      const snapshot = boolField(o, 'snapshot');
      return hasExactKeys(o, KEYS.spawn) ? (o as SpawnAction) : { type, job, steps, outcome, payload, result, snapshot };
    }
    case 'cancel':
    case 'poll':
    case 'remove': {
      const job = intField(o, 'job', 1);
      return hasExactKeys(o, KEYS.job) ? (o as JobAction) : { type, job };
    }
    case 'shutdown':
    case 'turn':
      return hasExactKeys(o, KEYS.plain) ? (o as PlainAction) : { type };
    case 'deliver': {
      const gen = intField(o, 'gen', 1);
      const to = oneOfField(o, 'to', DIRECTIONS);
      return hasExactKeys(o, KEYS.deliver) ? (o as DeliverAction) : { type, gen, to };
    }
    case 'bootstrap': {
      const gen = intField(o, 'gen', 1);
      const fail = boolField(o, 'fail');
      return hasExactKeys(o, KEYS.bootstrap) ? (o as BootstrapAction) : { type, gen, fail };
    }
    case 'step': {
      const gen = intField(o, 'gen', 1);
      const job = intField(o, 'job', 1);
      return hasExactKeys(o, KEYS.step) ? (o as StepAction) : { type, gen, job };
    }
    case 'restart':
    case 'recover':
    case 'replace': {
      const gen = intField(o, 'gen', 2);
      return hasExactKeys(o, KEYS.newWorker) ? (o as NewWorkerAction) : { type, gen };
    }
    case 'drop':
    case 'duplicate':
    case 'reorder':
    case 'delay': {
      const gen = intField(o, 'gen', 1);
      const to = oneOfField(o, 'to', DIRECTIONS);
      const index = intField(o, 'index', 0);
      return hasExactKeys(o, KEYS.channelFault) ? (o as ChannelFaultAction) : { type, gen, to, index };
    }
    case 'replay': {
      const gen = intField(o, 'gen', 1);
      const to = oneOfField(o, 'to', DIRECTIONS);
      const entry = intField(o, 'entry', 0);
      return hasExactKeys(o, KEYS.replay) ? (o as ReplayAction) : { type, gen, to, entry };
    }
    case 'lie': {
      const lie = oneOfField(o, 'lie', LIES);
      const raw = o.state;
      const snapshot = lie === 'owned-state-snapshot' || lie === 'terminal-snapshot';
      if (snapshot ? !isJobState(raw) : raw !== null) bad(o, 'state', snapshot ? 'a JobState' : 'null for this lie');
      const gen = intField(o, 'gen', 1);
      const job = intField(o, 'job', 1);
      return hasExactKeys(o, KEYS.lie) ? (o as LieAction) : { type, gen, job, lie, state: snapshot ? (raw as JobState) : null };
    }
    default:
      throw new Error(`unknown asupersync action type ${JSON.stringify(type ?? null)}`);
  }
}
