/**
 * Options of the asupersync model: the workload's size and shape, and the
 * probabilities the workload draws with.
 *
 * Details:
 * - Every probability is used in `candidates` only, drawn from a named stream
 *   (`workload` for the driver's choices, `job:<worker>` for a job's behaviour),
 *   so `init` and `apply` never draw.
 * - `payloadSizes` are the spawn payload and `Ok` result sizes the workload
 *   picks from; sizes at and over `MAX_PAYLOAD_BYTES` come from the
 *   `payload-limit` fault, not from here.
 *
 * - `postOn` is when the main thread posts what the coordinator queued:
 *   `'action'` (after every action, so the outbox is empty between steps) or
 *   `'turn'` (only when the host turn ends, the `turn` action, as a browser
 *   posts at the end of its task; several envelopes can then be queued when,
 *   say, shutdown is requested).
 *
 * Gotcha: options are recorded in the trace header, so changing a default
 * changes every trace; replays use the recorded values.
 *
 * @example
 * ```ts
 * parseOptions({ ...ASUPERSYNC_DEFAULT_OPTIONS, jobs: 3 }).jobs; // 3
 * ```
 * @module
 */
import type { Json } from '../../sim/json.js';

/** Parsed options of one run. */
export interface AsupersyncOptions {
  /** Jobs the workload spawns over the run (ids 1..jobs). */
  readonly jobs: number;
  /** Spawn payload and `Ok` result sizes in bytes, picked uniformly. */
  readonly payloadSizes: readonly number[];
  /** A job does 0..maxJobSteps units of work after it starts. */
  readonly maxJobSteps: number;
  /** Probability that a job ends `Err`. */
  readonly errRate: number;
  /** Probability that a job ends `Panicked`. */
  readonly panicRate: number;
  /** Probability that a job reports `StatusSnapshot(Running)` when it starts. */
  readonly snapshotRate: number;
  /** Per-step probability that the workload offers to cancel a cancellable job. */
  readonly cancelRate: number;
  /** Per-step probability that the workload offers to poll a non-terminal job. */
  readonly pollRate: number;
  /** Per-step probability that the workload offers to request shutdown. */
  readonly shutdownRate: number;
  /** Delivered messages each channel keeps for replay faults. */
  readonly logLimit: number;
  /** When the coordinator's queued envelopes are posted: after every action, or only on `turn`. */
  readonly postOn: PostOn;
  /** What the main thread does: random spawns, cancels, polls and shutdowns, or one job at a time. */
  readonly workload: WorkloadKind;
}

/**
 * The main thread's workload.
 * - `random` (the default): spawns `jobs` jobs with drawn behaviours and sizes,
 *   and cancels, polls and requests shutdown at the configured rates.
 * - `sequential`: the protocol's lockstep workload, one job at a time and
 *   nothing drawn: spawn (8-byte payload; the worker reports
 *   `StatusSnapshot(Running)` when it starts the job); an even id then
 *   completes `Ok` (4 bytes); an odd id waits until the coordinator sees it
 *   running and is cancelled, drained and finalized; once terminal the job is
 *   removed (`removeJob`, and the worker forgets it) and the host turn ends.
 *   The coordinator never holds more than one job, so a run can be millions
 *   of steps long at a constant cost per step. Faults still apply.
 */
export type WorkloadKind = 'random' | 'sequential';

/** When the main thread posts the coordinator's outbox into the channel. */
export type PostOn = 'action' | 'turn';

/** Default options (recorded in every trace header). */
export const ASUPERSYNC_DEFAULT_OPTIONS: { readonly [key: string]: Json } = {
  jobs: 6,
  payloadSizes: [0, 16, 1024],
  maxJobSteps: 3,
  errRate: 0.15,
  panicRate: 0.05,
  snapshotRate: 0.5,
  cancelRate: 0.25,
  pollRate: 0.15,
  shutdownRate: 0.03,
  logLimit: 8,
  postOn: 'action',
  workload: 'random',
};

/**
 * Largest `jobs`. The random workload never removes a job, so its cost per
 * step grows with the jobs spawned so far; the sequential one stays constant.
 */
export const MAX_JOBS = 10_000_000;

function int(options: { readonly [key: string]: Json }, key: string, min: number, max: number): number {
  const v = options[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min || v > max) {
    throw new Error(`asupersync: option ${key} must be an integer in ${min}..${max}, got ${JSON.stringify(v ?? null)}`);
  }
  return v;
}

function rate(options: { readonly [key: string]: Json }, key: string): number {
  const v = options[key];
  if (typeof v !== 'number' || !(v >= 0 && v <= 1)) {
    throw new Error(`asupersync: option ${key} must be a probability in [0, 1], got ${JSON.stringify(v ?? null)}`);
  }
  return v;
}

function postOn(options: { readonly [key: string]: Json }): PostOn {
  const v = options.postOn;
  if (v === 'action' || v === 'turn') return v;
  throw new Error(`asupersync: option postOn must be "action" or "turn", got ${JSON.stringify(v ?? null)}`);
}

// Traces recorded before the option existed have no `workload` in their header: absent means `random`.
function workload(options: { readonly [key: string]: Json }): WorkloadKind {
  const v = options.workload ?? 'random';
  if (v === 'random' || v === 'sequential') return v;
  throw new Error(`asupersync: option workload must be "random" or "sequential", got ${JSON.stringify(v)}`);
}

/** Validate options (already overlaid on the defaults); throws an error naming the bad option. */
export function parseOptions(options: { readonly [key: string]: Json }): AsupersyncOptions {
  const sizes = options.payloadSizes;
  if (!Array.isArray(sizes) || sizes.length === 0 || !sizes.every((n) => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 && n <= 65536)) {
    throw new Error('asupersync: option payloadSizes must be a non-empty array of integers in 0..65536');
  }
  const parsed: AsupersyncOptions = {
    jobs: int(options, 'jobs', 0, MAX_JOBS),
    payloadSizes: sizes as readonly number[],
    maxJobSteps: int(options, 'maxJobSteps', 0, 100),
    errRate: rate(options, 'errRate'),
    panicRate: rate(options, 'panicRate'),
    snapshotRate: rate(options, 'snapshotRate'),
    cancelRate: rate(options, 'cancelRate'),
    pollRate: rate(options, 'pollRate'),
    shutdownRate: rate(options, 'shutdownRate'),
    logLimit: int(options, 'logLimit', 0, 64),
    postOn: postOn(options),
    workload: workload(options),
  };
  if (parsed.errRate + parsed.panicRate > 1) throw new Error('asupersync: options errRate + panicRate must not exceed 1');
  return parsed;
}
