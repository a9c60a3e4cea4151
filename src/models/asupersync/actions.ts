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

/** Each action type's keys in canonical order, learnt from the first action of that type parsed. */
const canonicalKeys = new Map<string, readonly string[]>();

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
 * returned itself: every field was just validated and would be copied
 * unchanged, and replay, which compares the parsed action with the recorded
 * one every step, then finds them identical without comparing fields.
 */
export function parseAsupersyncAction(value: Json): AsupersyncAction {
  const parsed = parseFields(value);
  let keys = canonicalKeys.get(parsed.type);
  if (keys === undefined) canonicalKeys.set(parsed.type, (keys = Object.keys(parsed)));
  return hasExactKeys(value as Fields, keys) ? (value as AsupersyncAction) : parsed;
}

/** The canonical action `value` validates as. */
function parseFields(value: Json): AsupersyncAction {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error(`asupersync action must be an object, got ${JSON.stringify(value)}`);
  }
  const o = value as Fields;
  const type = o.type;
  switch (type) {
    case 'spawn':
      return {
        type,
        job: intField(o, 'job', 1),
        steps: intField(o, 'steps', 0),
        outcome: oneOfField(o, 'outcome', OUTCOMES),
        payload: intField(o, 'payload', 0),
        result: intField(o, 'result', 0),
        snapshot: boolField(o, 'snapshot'),
      };
    case 'cancel':
    case 'poll':
    case 'remove':
      return { type, job: intField(o, 'job', 1) };
    case 'shutdown':
    case 'turn':
      return { type };
    case 'deliver':
      return { type, gen: intField(o, 'gen', 1), to: oneOfField(o, 'to', DIRECTIONS) };
    case 'bootstrap':
      return { type, gen: intField(o, 'gen', 1), fail: boolField(o, 'fail') };
    case 'step':
      return { type, gen: intField(o, 'gen', 1), job: intField(o, 'job', 1) };
    case 'restart':
    case 'recover':
    case 'replace':
      return { type, gen: intField(o, 'gen', 2) };
    case 'drop':
    case 'duplicate':
    case 'reorder':
    case 'delay':
      return { type, gen: intField(o, 'gen', 1), to: oneOfField(o, 'to', DIRECTIONS), index: intField(o, 'index', 0) };
    case 'replay':
      return { type, gen: intField(o, 'gen', 1), to: oneOfField(o, 'to', DIRECTIONS), entry: intField(o, 'entry', 0) };
    case 'lie': {
      const lie = oneOfField(o, 'lie', LIES);
      const raw = o.state;
      const snapshot = lie === 'owned-state-snapshot' || lie === 'terminal-snapshot';
      if (snapshot ? !isJobState(raw) : raw !== null) bad(o, 'state', snapshot ? 'a JobState' : 'null for this lie');
      return { type, gen: intField(o, 'gen', 1), job: intField(o, 'job', 1), lie, state: snapshot ? (raw as JobState) : null };
    }
    default:
      throw new Error(`unknown asupersync action type ${JSON.stringify(type ?? null)}`);
  }
}
