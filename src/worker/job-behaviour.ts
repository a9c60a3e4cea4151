/**
 * What a job does inside a {@link WorkerEndpoint}: how much work it needs and
 * how it ends. The caller supplies it, so a simulator decides job lengths and
 * outcomes (drawn from its own seeded streams) and the endpoint stays pure.
 *
 * Details:
 * - The endpoint asks for a behaviour exactly once per accepted `SpawnJob`,
 *   through the {@link BehaviourLookup} given at construction, and keeps it
 *   for the job's lifetime.
 * - `steps` counts units of work *after* the job starts. The first
 *   `stepJob` moves the job `Queued → Running`; each later one does one unit;
 *   the step that does the last unit completes the job. So a job takes
 *   `steps + 1` calls to `stepJob`, except that `steps: 0` completes on the
 *   very step that starts it.
 * - `snapshotOnStart` overrides the endpoint-wide option of the same name for
 *   this job only.
 *
 * Gotchas:
 * - The lookup must be a pure function of the request (no clocks, no
 *   `Math.random`): the endpoint's output is only as deterministic as it.
 * - A malformed behaviour (negative or fractional `steps`) is a programming
 *   error, not a protocol event: {@link checkBehaviour} throws `RangeError`.
 * - The endpoint does not police the size of an `Ok` payload; an oversized one
 *   is sent and the coordinator rejects it with `PayloadTooLarge`.
 *
 * @example
 * ```ts
 * const lookup: BehaviourLookup = (req) =>
 *   req.jobId % 2n === 0n
 *     ? { steps: 1, outcome: { status: 'Ok', payload: new Uint8Array([7]) } }
 *     : { steps: 3, outcome: { status: 'Err', code: 'E1', message: 'boom' } };
 * ```
 * @module
 */
import type { JobOutcome, SpawnJobRequest } from '../protocol/index.js';

/** How one job behaves inside the worker. */
export interface JobBehaviour {
  /** Units of work after the job starts; a non-negative safe integer. */
  readonly steps: number;
  /** The outcome reported in `JobCompleted` if the job is not cancelled first. */
  readonly outcome: JobOutcome;
  /** Emit `StatusSnapshot(Running)` when the job starts; defaults to the endpoint option. */
  readonly snapshotOnStart?: boolean;
}

/** Picks the behaviour of a newly spawned job. Must be pure. */
export type BehaviourLookup = (request: SpawnJobRequest) => JobBehaviour;

/** Return `behaviour` if its `steps` is a non-negative safe integer; throw `RangeError` otherwise. */
export function checkBehaviour(behaviour: JobBehaviour, jobId: bigint): JobBehaviour {
  const steps = behaviour.steps;
  if (!Number.isSafeInteger(steps) || steps < 0) {
    throw new RangeError(`job ${jobId}: behaviour steps must be a non-negative safe integer, got ${steps}`);
  }
  return behaviour;
}

/** A lookup giving every job the same behaviour. */
export function constantBehaviour(behaviour: JobBehaviour): BehaviourLookup {
  return () => behaviour;
}
