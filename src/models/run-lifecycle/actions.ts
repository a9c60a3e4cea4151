/**
 * The decisions of the run-lifecycle model, as plain JSON actions.
 *
 * Details:
 * - Normal actions: `tick` (clock), `promote` (scheduler), `lease`, `start`,
 *   `heartbeat`, `finish` (workers), `reap` (reaper).
 * - Fault actions: `stall` (a worker pauses past its lease; fault
 *   `lease-expiry`), `duplicate-finish` (a redelivered finish report),
 *   `cancel` (fault `cancel-race`), `crash` (fault `worker-crash`). The
 *   `stale-finish` fault is an ordinary `finish` from a zombie worker.
 * - Everything random (a job's `work`, a finish's `outcome`, a stall's length) is drawn in
 *   `candidates` and carried here, so `apply` never draws.
 *
 * Gotcha: {@link parseRunAction} only checks shape; whether the named run or
 * worker exists is checked by `apply` against the state.
 *
 * @example
 * ```ts
 * parseRunAction({ type: 'finish', worker: 'w0', run: 'r1', attempt: 'r1/a1', outcome: 'success' });
 * ```
 * @module
 */
import type { Json } from '../../sim/json.js';
import type { Outcome } from './cluster.js';

/** Advance virtual time by one tick. */
export type TickAction = { readonly type: 'tick' };
/** Scheduler: Scheduled→Ready when due, RetryWait→Ready after backoff. */
export type PromoteAction = { readonly type: 'promote'; readonly run: string };
/** An idle worker leases a Ready run. */
export type LeaseAction = { readonly type: 'lease'; readonly worker: string; readonly run: string };
/** The lease holder moves the run to Running and opens an attempt whose work takes `work` ticks. */
export type StartAction = { readonly type: 'start'; readonly worker: string; readonly run: string; readonly work: number };
/** The attempt owner renews its lease. */
export type HeartbeatAction = { readonly type: 'heartbeat'; readonly worker: string; readonly run: string; readonly attempt: string };
/** A worker reports its attempt's outcome (possibly stale). */
export type FinishAction = {
  readonly type: 'finish';
  readonly worker: string;
  readonly run: string;
  readonly attempt: string;
  readonly outcome: Outcome;
};
/** The reaper reclaims a run whose lease has expired. */
export type ReapAction = { readonly type: 'reap'; readonly run: string };
/** Fault: a worker pauses for `ticks` ticks (past its lease expiry). */
export type StallAction = { readonly type: 'stall'; readonly worker: string; readonly ticks: number };
/** Fault: an already-accepted finish report is delivered again. */
export type DuplicateFinishAction = Omit<FinishAction, 'type'> & { readonly type: 'duplicate-finish' };
/** Fault: an operator cancels a run that a worker is working on. */
export type CancelAction = { readonly type: 'cancel'; readonly run: string };
/** Fault: a worker crashes and restarts, forgetting what it held. */
export type CrashAction = { readonly type: 'crash'; readonly worker: string };

/** Every action of the model. */
export type RunAction =
  | TickAction
  | PromoteAction
  | LeaseAction
  | StartAction
  | HeartbeatAction
  | FinishAction
  | ReapAction
  | StallAction
  | DuplicateFinishAction
  | CancelAction
  | CrashAction;

/** Validate an action read back from a trace; throws a clear error if malformed. */
export function parseRunAction(value: Json): RunAction {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('run-lifecycle action must be an object');
  const o = value as { readonly [key: string]: Json };
  const str = (key: string): string => {
    const v = o[key];
    if (typeof v !== 'string' || v === '') throw new Error(`run-lifecycle ${String(o.type)} action: ${key} must be a non-empty string`);
    return v;
  };
  const outcome = (): Outcome => {
    const v = o.outcome;
    if (v !== 'success' && v !== 'failure') throw new Error('run-lifecycle finish action: outcome must be success or failure');
    return v;
  };
  const count = (key: string, min: number): number => {
    const v = o[key];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new Error(`run-lifecycle ${String(o.type)} action: ${key} must be an integer >= ${min}`);
    return v;
  };
  switch (o.type) {
    case 'tick':
      return { type: 'tick' };
    case 'promote':
      return { type: 'promote', run: str('run') };
    case 'lease':
      return { type: 'lease', worker: str('worker'), run: str('run') };
    case 'start':
      return { type: 'start', worker: str('worker'), run: str('run'), work: count('work', 0) };
    case 'heartbeat':
      return { type: 'heartbeat', worker: str('worker'), run: str('run'), attempt: str('attempt') };
    case 'finish':
    case 'duplicate-finish':
      return { type: o.type, worker: str('worker'), run: str('run'), attempt: str('attempt'), outcome: outcome() };
    case 'reap':
      return { type: 'reap', run: str('run') };
    case 'stall':
      return { type: 'stall', worker: str('worker'), ticks: count('ticks', 1) };
    case 'cancel':
      return { type: 'cancel', run: str('run') };
    case 'crash':
      return { type: 'crash', worker: str('worker') };
    default:
      throw new Error(`unknown run-lifecycle action type ${JSON.stringify(o.type ?? null)}`);
  }
}
