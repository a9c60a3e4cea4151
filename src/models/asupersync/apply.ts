/**
 * `apply` of the asupersync model: execute one decision against the real
 * coordinator, the worker endpoints and the channels.
 *
 * Details:
 * - Deterministic and draw-free: everything random is in the action.
 * - After every worker call, its outbox is drained into a channel (see
 *   `transport.ts`), so envelopes only ever move as structured clones through
 *   channels. The coordinator's outbox is drained after every action
 *   (`postOn: 'action'`) or only on `turn` (`postOn: 'turn'`: the host turn
 *   ends and the main thread posts what the coordinator queued during it).
 * - Errors are data: a rejected duplicate (`InboundSequenceNotFresh`), a
 *   session mismatch from a stale worker or `PayloadTooLarge` is recorded in
 *   `StepEffects.error` and is correct behaviour, not a failure.
 * - Each injected fault adds `fault:<name>`; apply recognises the fault from
 *   the action itself (e.g. a delivery from a dead generation is the
 *   `late-message` fault), so replays record the same events.
 *
 * Gotcha: an action that does not fit the state (unknown generation, empty
 * channel, a dead worker asked to act) throws; the engine reports that as a
 * crash. Candidates never offer such actions.
 *
 * @example
 * ```ts
 * applyAction(s, { type: 'bootstrap', gen: 1, fail: false });
 * applyAction(s, { type: 'deliver', gen: 1, to: 'coordinator' }); // { envelopes: ['…'], error: null, events: [] }
 * ```
 * @module
 */
import { MAX_PAYLOAD_BYTES } from '../../protocol/index.js';
import type { StepEffects } from '../../sim/model.js';
import type { AsupersyncAction, NewWorkerAction, SpawnAction } from './actions.js';
import { channelFault, lie, replay } from './fault-actions.js';
import { EVENT, FAULT, faultEvent } from './faults.js';
import { addGeneration, currentGen, live } from './generation.js';
import { jobIdOf } from './ops.js';
import { NO_NOTES, REGION_ID, type AsupersyncState } from './state.js';
import { touchStep } from './step-touch.js';
import { deliverToCoordinator, deliverToWorker, Effects, flushCoordinator, flushWorker } from './transport.js';

/** Apply one decision; mutates `s`. */
export function applyAction(s: AsupersyncState, a: AsupersyncAction): StepEffects {
  touchStep(s.touch, a, s.gens.length);
  const fx = new Effects();
  const c = s.coordinator;
  s.last = { delivered: null, sent: NO_NOTES, inbound: null, emitted: NO_NOTES };
  s.lastWasTurn = a.type === 'turn';
  switch (a.type) {
    case 'spawn':
      spawn(s, a, fx);
      break;
    case 'cancel': {
      const r = c.cancelJob(BigInt(a.job), 'workload cancel');
      fx.fail(r);
      const notes = s.notes.get(a.job);
      if (r.ok && notes !== undefined) notes.cancelled = true;
      break;
    }
    case 'poll':
      fx.fail(c.pollStatus(BigInt(a.job)));
      break;
    case 'remove':
      remove(s, a.job);
      break;
    case 'shutdown': {
      const cancelling = c.trackedJobs().some((j) => j.state === 'CancelRequested' || j.state === 'Draining' || j.state === 'Finalizing');
      const r = c.requestShutdown('workload shutdown');
      fx.fail(r);
      if (r.ok && cancelling) fx.event(EVENT.shutdownDuringCancel);
      break;
    }
    case 'turn':
      c.advanceTurn();
      currentGen(s).worker.advanceTurn();
      break;
    case 'deliver':
      if (a.to === 'worker') {
        live(s, a.gen, 'receive');
        deliverToWorker(s, a.gen, fx);
      } else {
        if (a.gen < s.gens.length) fx.event(faultEvent(FAULT.lateMessage));
        deliverToCoordinator(s, a.gen, fx);
      }
      break;
    case 'bootstrap': {
      const g = live(s, a.gen, 'bootstrap');
      fx.fail(a.fail ? g.worker.failBootstrap('injected bootstrap failure') : g.worker.bootstrap());
      if (a.fail) fx.event(faultEvent(FAULT.bootstrapFailure));
      flushWorker(s, g, fx);
      break;
    }
    case 'step': {
      const g = live(s, a.gen, 'step');
      fx.fail(g.worker.stepJob(jobIdOf(a.job)));
      flushWorker(s, g, fx);
      break;
    }
    case 'restart':
    case 'recover':
    case 'replace':
      newWorker(s, a, fx);
      break;
    case 'drop':
    case 'duplicate':
    case 'reorder':
    case 'delay':
      channelFault(s, a, fx);
      break;
    case 'replay':
      replay(s, a, fx);
      break;
    case 'lie':
      lie(s, a, fx);
      break;
    default: {
      const never: never = a;
      throw new Error(`asupersync: unhandled action ${JSON.stringify(never)}`);
    }
  }
  // Everything the coordinator queued leaves now: after any action, or when the host turn ends.
  if (s.options.postOn === 'action' || a.type === 'turn') flushCoordinator(s, fx);
  return fx.done();
}

function spawn(s: AsupersyncState, a: SpawnAction, fx: Effects): void {
  const c = s.coordinator;
  const id = BigInt(a.job);
  const session = c.activeWorkerId;
  const r = c.spawnJob(id, REGION_ID, 200n + id, 300n + id, new Uint8Array(a.payload));
  fx.fail(r);
  if (a.payload >= MAX_PAYLOAD_BYTES || a.result >= MAX_PAYLOAD_BYTES) {
    s.limitSpawns++;
    fx.event(faultEvent(FAULT.payloadLimit));
  }
  if (r.ok) {
    s.plans.set(a.job, { steps: a.steps, outcome: a.outcome, payload: a.payload, result: a.result, snapshot: a.snapshot });
    s.notes.set(a.job, { session, cancelled: false, via: null, outcome: null });
    if (a.payload === MAX_PAYLOAD_BYTES) fx.event(EVENT.payloadAtLimit);
  } else if (r.error.kind === 'PayloadTooLarge') {
    s.rejected.push(a.job);
    fx.event(EVENT.payloadOverLimit);
  } else {
    return;
  }
  s.nextJob = Math.max(s.nextJob, a.job + 1);
}

/**
 * The workload is done with job `job`: the coordinator drops it (`removeJob`,
 * which the Rust API allows in any state), every worker that settled it
 * forgets it, and the model drops its notes, and its plan and cancel marks
 * once no worker holds the job any more, so a long sequential run keeps a
 * bounded state.
 */
function remove(s: AsupersyncState, job: number): void {
  const id = BigInt(job);
  s.coordinator.removeJob(id);
  s.notes.delete(job);
  let held = false;
  for (const g of s.gens) {
    g.worker.forgetJob(id);
    // A worker that no longer holds the job can never again send anything about it (ids are not reused).
    if (g.worker.jobState(id) === undefined) g.cancelsSeen.delete(job);
    else held = true;
  }
  if (!held) s.plans.delete(job);
}

function newWorker(s: AsupersyncState, a: NewWorkerAction, fx: Effects): void {
  if (a.gen !== s.gens.length + 1) throw new Error(`asupersync: ${a.type} must start generation ${s.gens.length + 1}, not ${a.gen}`);
  const old = currentGen(s);
  const busy =
    s.coordinator.inflightCount() > 0 ||
    old.up.length > 0 ||
    old.down.length > 0 ||
    old.worker.jobs().some((j) => j.state !== 'Completed');
  // A terminated worker's inbound port is gone; what it had sent stays in flight.
  for (const env of old.down.clear()) fx.moved(env);
  addGeneration(s, a.gen);
  // A restart follows a worker that already stopped or failed; only a replacement of a live worker is "mid-job".
  if (busy && a.type !== 'restart') fx.event(EVENT.workerReplacedMidJob);
  if (a.type === 'replace') fx.event(faultEvent(FAULT.workerReplaced));
  if (a.type === 'recover') fx.event(EVENT.recovered);
}
