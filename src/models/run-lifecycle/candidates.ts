/**
 * `candidates` of the run-lifecycle model: what each actor may do now.
 *
 * Details:
 * - Actors: `clock` (tick), `scheduler` (promote), `reaper` (reap),
 *   `worker:<id>` (lease/start/heartbeat/finish and the worker faults),
 *   `network` (duplicate-finish), `operator` (cancel).
 * - Workers act on their *belief*, stale or not: a zombie still offers
 *   heartbeat and finish for its old attempt, which is how stale reports arise
 *   even with no faults.
 * - Draws: a job's length and outcome from `job:<worker>`, a stall's length from
 *   `stall`. Both are baked into the action. A stalled worker offers nothing.
 *
 * Gotcha: in the heal phase no fault candidate is built, so heal steps make
 * no fault-stream draws and every remaining candidate moves work forward
 * (or ticks time towards a lease expiry).
 *
 * @example
 * ```ts
 * buildCandidates(cluster, ctx).map((c) => c.action.type); // ['tick', 'promote', ...]
 * ```
 * @module
 */
import type { Candidate, CandidateContext } from '../../sim/model.js';
import type { RunAction } from './actions.js';
import { beliefIsCurrent, slotOf, type Cluster, type WorkerState } from './cluster.js';
import { FAULT } from './faults.js';
import { promotable, reapable } from './housekeeping.js';

type C = Candidate<RunAction>;

/** Every enabled decision, normal ones first, in a deterministic order. */
export function buildCandidates(c: Cluster, ctx: CandidateContext): readonly C[] {
  const out: C[] = [{ action: { type: 'tick' }, actor: 'clock' }];
  for (const slot of c.slots) {
    if (promotable(c, slot)) out.push({ action: { type: 'promote', run: slot.run.id }, actor: 'scheduler' });
    if (reapable(c, slot)) out.push({ action: { type: 'reap', run: slot.run.id }, actor: 'reaper' });
  }
  // A stalled worker does nothing at all until it wakes up.
  const awake = c.workers.filter((w) => c.now >= w.pausedUntil);
  for (const w of awake) workerCandidates(c, w, ctx, out);
  if (ctx.phase === 'fault') faultCandidates(c, awake, ctx, out);
  return out;
}

/** Appends worker `w`'s decisions to `out` (appending rather than returning lists saves a copy per worker per step). */
function workerCandidates(c: Cluster, w: WorkerState, ctx: CandidateContext, out: C[]): void {
  const actor = `worker:${w.id}`;
  const h = w.holding;
  if (h === null) {
    for (const s of c.slots) if (s.run.state === 'Ready') out.push({ action: { type: 'lease', worker: w.id, run: s.run.id }, actor });
    return;
  }
  const job = ctx.rng(`job:${w.id}`);
  if (h.attempt === null) {
    // Jobs last 0..2·leaseTicks ticks, so some outlive their lease unless heartbeats renew it.
    const work = job.int(2 * c.options.leaseTicks + 1);
    out.push({ action: { type: 'start', worker: w.id, run: h.run, work }, actor });
    return;
  }
  out.push({ action: { type: 'heartbeat', worker: w.id, run: h.run, attempt: h.attempt }, actor });
  if (h.doneAt !== null && c.now < h.doneAt) return;
  const outcome = job.chance(c.options.failureRate) ? 'failure' : 'success';
  out.push({ action: { type: 'finish', worker: w.id, run: h.run, attempt: h.attempt, outcome }, actor });
}

function faultCandidates(c: Cluster, awake: readonly WorkerState[], ctx: CandidateContext, out: C[]): void {
  for (const w of awake) {
    const actor = `worker:${w.id}`;
    const h = w.holding;
    if (h === null) continue;
    const slot = slotOf(c, h.run);
    if (ctx.faultEnabled(FAULT.leaseExpiry) && beliefIsCurrent(c, w) && slot.lease !== null && slot.lease.expiresAt > c.now) {
      // Sleep past the lease expiry by 1..2·leaseTicks+1 ticks: long enough for the reaper, often for a re-lease.
      const ticks = Number(slot.lease.expiresAt - c.now) + 1 + ctx.rng('stall').int(2 * c.options.leaseTicks + 1);
      out.push({ action: { type: 'stall', worker: w.id, ticks }, actor, fault: FAULT.leaseExpiry });
    }
    const newer = slot.run.currentAttemptId;
    if (ctx.faultEnabled(FAULT.staleFinish) && h.attempt !== null && newer !== null && newer !== h.attempt) {
      const action = { type: 'finish', worker: w.id, run: h.run, attempt: h.attempt, outcome: 'success' } as const;
      out.push({ action, actor, fault: FAULT.staleFinish });
    }
    if (ctx.faultEnabled(FAULT.workerCrash)) out.push({ action: { type: 'crash', worker: w.id }, actor, fault: FAULT.workerCrash });
  }
  for (const slot of c.slots) {
    const f = slot.lastFinish;
    if (f !== null && ctx.faultEnabled(FAULT.duplicateFinish)) {
      out.push({ action: { type: 'duplicate-finish', ...f, run: slot.run.id }, actor: 'network', fault: FAULT.duplicateFinish });
    }
    const busy = slot.run.state === 'Leased' || slot.run.state === 'Running';
    if (busy && ctx.faultEnabled(FAULT.cancelRace)) {
      out.push({ action: { type: 'cancel', run: slot.run.id }, actor: 'operator', fault: FAULT.cancelRace });
    }
  }
}
