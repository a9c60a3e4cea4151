/**
 * The non-worker actors: clock, scheduler, reaper, and the fault actions.
 *
 * Details:
 * - `tick` advances virtual time (no real clock anywhere). A `stall` pauses
 *   a worker (GC, partition) for a number of ticks that outlasts its lease;
 *   the cluster keeps going meanwhile, and the worker wakes up unaware.
 * - `promote`: Scheduled→Ready once `now ≥ scheduledAt`; RetryWait→Ready
 *   once `retryBackoff` ticks have passed since the run entered RetryWait.
 * - `reap`: for an expired lease, a Leased run goes back to Ready; a Running
 *   run has its attempt closed *by the coordinator* and goes to RetryWait
 *   (or Failed at the attempt budget). The seed refuses to leave Running with
 *   an open attempt (lines 228-237), which is why the reaper closes it first.
 *   The worker is not told: if it still believes it owns the attempt, this is
 *   the `lease-expired-while-running` race, and its later finish must be fenced.
 * - `cancel` may abandon an open attempt (the seed lets Running→Canceled
 *   through, line 230); `crash` makes a worker forget what it held.
 *
 * Gotcha: all of these are deterministic in (state, action); the stall length
 * was drawn when the candidate was built.
 *
 * @example
 * ```ts
 * reap(cluster, { type: 'reap', run: 'r0' }).events; // ['lease-expired-while-running']
 * ```
 * @module
 */
import type { StepEffects } from '../../sim/model.js';
import type { CancelAction, CrashAction, PromoteAction, ReapAction, StallAction } from './actions.js';
import { slotOf, workerOf, type Cluster, type RunSlot } from './cluster.js';
import { done, effects } from './effects.js';
import { closeOutcome, moveRun } from './run-ops.js';

/** Advance the clock by one tick. */
export function tick(c: Cluster): StepEffects {
  c.now += 1n;
  return done();
}

/** Whether the scheduler may promote this run now. */
export function promotable(c: Cluster, slot: RunSlot): boolean {
  const run = slot.run;
  if (run.state === 'Scheduled') return c.now >= run.scheduledAt;
  if (run.state === 'RetryWait') return c.now >= run.lastStateChangeAt + BigInt(c.options.retryBackoff);
  return false;
}

/** Scheduler: promote a due run to Ready. */
export function promote(c: Cluster, a: PromoteAction): StepEffects {
  const slot = slotOf(c, a.run);
  if (!promotable(c, slot)) return effects('NotDue');
  // Retries queue behind fresh runs: the priority snapshot is minus the attempts used.
  const r = slot.run.state === 'RetryWait' ? slot.run.promoteToReadyWithPriority(-slot.run.attemptCount) : slot.run.promoteToReady();
  if (!r.ok) return effects(r.error.kind);
  slot.run.recordStateChangeAt(c.now);
  return done();
}

/** Whether the run's lease has expired and may be reaped. */
export function reapable(c: Cluster, slot: RunSlot): boolean {
  return slot.lease !== null && c.now >= slot.lease.expiresAt;
}

/** Reaper: reclaim a run whose lease expired. */
export function reap(c: Cluster, a: ReapAction): StepEffects {
  const slot = slotOf(c, a.run);
  const holder = slot.lease?.worker;
  if (holder === undefined || !reapable(c, slot)) return effects('LeaseNotExpired');
  const run = slot.run;
  if (run.state === 'Leased') {
    const r = moveRun(c, slot, 'Ready');
    return r.ok ? done('lease-expired-before-start') : effects(r.error.kind);
  }
  const attempt = run.currentAttemptId;
  if (run.state !== 'Running' || attempt === null) return effects('NoActiveAttempt');
  const closed = run.finishAttempt(attempt);
  if (!closed.ok) return effects(closed.error.kind);
  const r = moveRun(c, slot, closeOutcome(c, slot, 'failure'));
  if (!r.ok) return effects(r.error.kind);
  const w = workerOf(c, holder);
  const stillRunning = w.holding?.run === run.id && w.holding.attempt === attempt;
  return done(stillRunning ? 'lease-expired-while-running' : 'lease-expired-orphaned');
}

/** Fault `lease-expiry`: a worker pauses for `ticks` ticks. */
export function stall(c: Cluster, a: StallAction): StepEffects {
  workerOf(c, a.worker).pausedUntil = c.now + BigInt(a.ticks);
  return done('worker-stalled');
}

/** Fault `cancel-race`: cancel a run a worker is working on. */
export function cancel(c: Cluster, a: CancelAction): StepEffects {
  const slot = slotOf(c, a.run);
  const attemptOpen = slot.run.currentAttemptId !== null;
  const r = moveRun(c, slot, 'Canceled');
  if (!r.ok) return effects(r.error.kind);
  return done(attemptOpen ? 'cancel-vs-finish' : 'cancel-before-start');
}

/** Fault `worker-crash`: the worker restarts with no memory of its lease. */
export function crash(c: Cluster, a: CrashAction): StepEffects {
  workerOf(c, a.worker).holding = null;
  return done('worker-crashed');
}
