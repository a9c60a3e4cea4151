/**
 * The simulated cluster: runs with their leases, workers with their beliefs,
 * a virtual clock, and the model's options.
 *
 * Details:
 * - The coordinator's truth is {@link RunSlot}: the `RunInstance` plus the
 *   lease it granted (holder and expiry in virtual ticks).
 * - A worker's belief ({@link WorkerState.holding}) is what the worker *thinks*
 *   it owns. After the reaper reclaims a lease the belief is stale: the worker
 *   is a zombie that may still report a finish for its old attempt.
 * - Time is `now`, a u64 tick count moved only by `tick` actions. A stalled
 *   worker sleeps until `pausedUntil` while the rest of the cluster goes on.
 *
 * Gotcha: {@link initCluster} must not draw randomness (replays rebuild the
 * initial state from the trace header alone), so run schedules are a fixed
 * function of the run index.
 *
 * @example
 * ```ts
 * const c = initCluster(parseOptions({ runs: 2, workers: 2 }));
 * c.slots[0]?.run.state; // 'Scheduled'
 * ```
 * @module
 */
import type { Json } from '../../sim/json.js';
import type { AttemptId, RunId } from './run-errors.js';
import { RunInstance, unwrap } from './run-instance.js';

/** How a finished attempt went, as reported by its worker. */
export type Outcome = 'success' | 'failure';

/** Model options (see `runLifecycleModel.defaultOptions`). */
export interface ClusterOptions {
  readonly runs: number;
  readonly workers: number;
  /** Lease length in virtual ticks; a heartbeat renews it. */
  readonly leaseTicks: number;
  /** Attempt budget per run; a failure or reap at the budget fails the run. */
  readonly maxAttempts: number;
  /** Ticks a run waits in RetryWait before it may be promoted again. */
  readonly retryBackoff: number;
  /** Probability that a worker's attempt reports `failure`. */
  readonly failureRate: number;
  /** Deliberate bug: accept a finish from a stale attempt (disables the fence). */
  readonly bugNoFencing: boolean;
}

/** A lease granted by the coordinator. */
export interface Lease {
  readonly worker: string;
  expiresAt: bigint;
}

/** An accepted finish report, kept so the `duplicate-finish` fault can redeliver it. */
export interface FinishReport {
  readonly worker: string;
  readonly attempt: AttemptId;
  readonly outcome: Outcome;
}

/** The coordinator's record of one run. */
export interface RunSlot {
  readonly run: RunInstance;
  lease: Lease | null;
  lastFinish: FinishReport | null;
}

/** What a worker believes it owns: a leased run and, once started, its attempt. */
export interface Holding {
  readonly run: RunId;
  readonly attempt: AttemptId | null;
  /** When the attempt's work is done and the worker may report (null before start). */
  readonly doneAt: bigint | null;
}

/** One worker. */
export interface WorkerState {
  readonly id: string;
  holding: Holding | null;
  /** The worker is paused (stalled) and takes no action while `now < pausedUntil`. */
  pausedUntil: bigint;
}

/** The whole simulated system (the model's `S`). */
export interface Cluster {
  readonly options: ClusterOptions;
  now: bigint;
  readonly slots: RunSlot[];
  readonly workers: WorkerState[];
}

/** Validate and type the model options; throws a clear error on a bad value. */
export function parseOptions(raw: { readonly [key: string]: Json }): ClusterOptions {
  const int = (key: string, lo: number, hi: number): number => {
    const v = raw[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < lo || v > hi) {
      throw new Error(`run-lifecycle option ${key} must be an integer in [${lo}, ${hi}], got ${JSON.stringify(v)}`);
    }
    return v;
  };
  const rate = raw.failureRate;
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1)) throw new Error('run-lifecycle option failureRate must be in [0, 1]');
  const bug = raw.bugNoFencing;
  if (typeof bug !== 'boolean') throw new Error('run-lifecycle option bugNoFencing must be a boolean');
  return {
    runs: int('runs', 1, 64),
    workers: int('workers', 1, 16),
    leaseTicks: int('leaseTicks', 1, 1000),
    maxAttempts: int('maxAttempts', 1, 100),
    retryBackoff: int('retryBackoff', 0, 1000),
    failureRate: rate,
    bugNoFencing: bug,
  };
}

/** The initial cluster: every run Scheduled at t=0 for tick `i mod 3`, every worker idle. */
export function initCluster(options: ClusterOptions): Cluster {
  const slots: RunSlot[] = [];
  for (let i = 0; i < options.runs; i++) {
    const run = unwrap(RunInstance.newScheduledWithId(`r${i}`, `t${i}`, BigInt(i % 3), 0n));
    slots.push({ run, lease: null, lastFinish: null });
  }
  const workers: WorkerState[] = [];
  for (let i = 0; i < options.workers; i++) workers.push({ id: `w${i}`, holding: null, pausedUntil: 0n });
  return { options, now: 0n, slots, workers };
}

/** The slot of run `id`; throws on an unknown id (actions are validated against the state). */
export function slotOf(c: Cluster, id: RunId): RunSlot {
  const slot = c.slots.find((s) => s.run.id === id);
  if (slot === undefined) throw new Error(`unknown run ${id}`);
  return slot;
}

/** The worker `id`; throws on an unknown id. */
export function workerOf(c: Cluster, id: string): WorkerState {
  const w = c.workers.find((x) => x.id === id);
  if (w === undefined) throw new Error(`unknown worker ${id}`);
  return w;
}

/** Whether the worker's belief matches the coordinator: it holds the lease and, if started, the open attempt. */
export function beliefIsCurrent(c: Cluster, w: WorkerState): boolean {
  if (w.holding === null) return false;
  const slot = slotOf(c, w.holding.run);
  if (slot.lease?.worker !== w.id) return false;
  return w.holding.attempt === null ? slot.run.state === 'Leased' : slot.run.currentAttemptId === w.holding.attempt;
}
