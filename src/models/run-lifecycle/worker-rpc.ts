/**
 * What the coordinator does when a worker calls it: lease, start, heartbeat, finish.
 *
 * Details:
 * - `lease`: an idle worker takes a Ready run; the lease lasts `leaseTicks`.
 * - `start`: the lease holder moves the run Leased→Running and opens attempt
 *   `<run>/a<n>` (n = new attempt count, so ids are never reused); its work
 *   takes `work` ticks, so a long job needs heartbeats to keep its lease. A worker
 *   that lost its lease is refused (`LeaseNotHeld`) and drops its belief.
 * - `heartbeat`: renews the lease only for the open attempt's owner.
 * - `finish`: **the fence is `finish_attempt`** (seed lines 292-312). A report
 *   for any attempt other than the open one is rejected and changes nothing
 *   in the run; the reporting worker forgets the attempt either way. A
 *   `duplicate-finish` is the same report redelivered by the network: it
 *   goes through the same fence but touches no worker.
 *
 * Gotcha: with `bugNoFencing` the coordinator "repairs" an ownership mismatch
 * by force-closing the open attempt through the seed's bootstrap back door
 * (`restore_attempt_state_for_bootstrap`) and applying the stale outcome. That
 * is the deliberate bug the `attempt-fencing` invariant must catch.
 *
 * @example
 * ```ts
 * finish(cluster, { type: 'finish', worker: 'w0', run: 'r0', attempt: 'r0/a1', outcome: 'success' });
 * ```
 * @module
 */
import type { StepEffects } from '../../sim/model.js';
import type { DuplicateFinishAction, FinishAction, HeartbeatAction, LeaseAction, StartAction } from './actions.js';
import { slotOf, workerOf, type Cluster, type WorkerState } from './cluster.js';
import { done, effects } from './effects.js';
import { closeOutcome, moveRun } from './run-ops.js';

// A stalled worker sends nothing; candidates never offer its calls, and a hand-edited trace is refused.
function awakeWorker(c: Cluster, id: string): WorkerState | 'paused' {
  const w = workerOf(c, id);
  return c.now < w.pausedUntil ? 'paused' : w;
}

/** An idle worker leases a Ready run. */
export function lease(c: Cluster, a: LeaseAction): StepEffects {
  const w = awakeWorker(c, a.worker);
  const slot = slotOf(c, a.run);
  if (w === 'paused') return effects('WorkerPaused');
  if (w.holding !== null) return effects('WorkerBusy');
  const r = moveRun(c, slot, 'Leased');
  if (!r.ok) return effects(r.error.kind);
  slot.lease = { worker: w.id, expiresAt: c.now + BigInt(c.options.leaseTicks) };
  w.holding = { run: slot.run.id, attempt: null, doneAt: null };
  return done();
}

/** The lease holder starts the run and opens a fresh attempt. */
export function start(c: Cluster, a: StartAction): StepEffects {
  const w = awakeWorker(c, a.worker);
  const slot = slotOf(c, a.run);
  if (w === 'paused') return effects('WorkerPaused');
  if (w.holding?.run !== a.run || w.holding.attempt !== null) return effects('NotHolding');
  if (slot.lease?.worker !== w.id) {
    // The lease lapsed and was reclaimed while this worker was slow: it learns so and gives up.
    w.holding = null;
    return effects('LeaseNotHeld', 'start-after-lease-lost');
  }
  const r = moveRun(c, slot, 'Running');
  if (!r.ok) return effects(r.error.kind);
  const attempt = `${slot.run.id}/a${slot.run.attemptCount + 1}`;
  const s = slot.run.startAttempt(attempt);
  if (!s.ok) return effects(s.error.kind);
  slot.lease.expiresAt = c.now + BigInt(c.options.leaseTicks);
  w.holding = { run: slot.run.id, attempt, doneAt: c.now + BigInt(a.work) };
  return done();
}

/** The owner of the open attempt renews its lease; anyone else is told it lost it. */
export function heartbeat(c: Cluster, a: HeartbeatAction): StepEffects {
  const w = awakeWorker(c, a.worker);
  const slot = slotOf(c, a.run);
  if (w === 'paused') return effects('WorkerPaused');
  if (slot.lease?.worker === w.id && slot.run.currentAttemptId === a.attempt) {
    slot.lease.expiresAt = c.now + BigInt(c.options.leaseTicks);
    return done();
  }
  if (w.holding?.run === a.run && w.holding.attempt === a.attempt) w.holding = null;
  return effects('LeaseNotHeld', 'heartbeat-after-lease-lost');
}

/** A finish report, first delivery (`finish`) or redelivery (`duplicate-finish`). */
export function finish(c: Cluster, a: FinishAction | DuplicateFinishAction): StepEffects {
  const slot = slotOf(c, a.run);
  const run = slot.run;
  const duplicate = a.type === 'duplicate-finish';
  if (!duplicate) {
    const w = awakeWorker(c, a.worker);
    if (w === 'paused') return effects('WorkerPaused');
    // The worker is done with this attempt whatever the coordinator answers.
    if (w.holding?.run === a.run && w.holding.attempt === a.attempt) w.holding = null;
  }
  const canceled = run.state === 'Canceled';
  const r = run.finishAttempt(a.attempt);
  if (!r.ok) {
    if (c.options.bugNoFencing && r.error.kind === 'AttemptOwnershipMismatch') {
      run.restoreAttemptStateForBootstrap(run.attemptCount, null);
      moveRun(c, slot, closeOutcome(c, slot, a.outcome));
      return done('stale-finish-accepted');
    }
    const event = duplicate ? 'duplicate-finish-rejected' : canceled ? 'finish-after-cancel' : 'stale-finish-rejected';
    return effects(r.error.kind, event);
  }
  const m = moveRun(c, slot, closeOutcome(c, slot, a.outcome));
  if (!m.ok) return effects(m.error.kind);
  slot.lastFinish = { worker: a.worker, attempt: a.attempt, outcome: a.outcome };
  return done();
}
