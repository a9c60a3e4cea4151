/**
 * The fault actions of the asupersync model that act on channels and on
 * what a worker says: `drop`, `duplicate`, `reorder`, `delay`, `replay` and
 * `lie` (the faulty worker).
 *
 * Details:
 * - Channel faults address one queued envelope by index (see `Channel`).
 * - `duplicate` and `replay` register the copy in `copies`, so its
 *   re-delivery is named `duplicate-delivery` or `replayed-envelope`.
 * - `replay` re-sends a delivered-log entry of any generation's channel into
 *   the *current* generation's channel of the same direction: an attacker
 *   re-injects on the port the receiver listens to now.
 * - `lie` stamps a message with the worker's own id and next sequence number
 *   (`SimWorker.forge`) without changing the worker's job: the worker skips
 *   or fakes a protocol step.
 *
 * Gotcha: every envelope a fault moves is listed in `StepEffects.envelopes`,
 * including a dropped one.
 *
 * @example
 * ```ts
 * channelFault(s, { type: 'reorder', gen: 1, to: 'worker', index: 0 }, fx);
 * ```
 * @module
 */
import type { WorkerOp } from '../../protocol/index.js';
import type { ChannelFaultAction, Direction, LieAction, ReplayAction } from './actions.js';
import { FAULT, faultEvent } from './faults.js';
import { currentGen, genOf, live, type Generation } from './generation.js';
import type { AsupersyncState } from './state.js';
import { flushWorker, type Effects } from './transport.js';

function channelOf(g: Generation, to: Direction): Generation['down'] {
  return to === 'worker' ? g.down : g.up;
}

/** Drop, duplicate, reorder or delay one queued envelope. */
export function channelFault(s: AsupersyncState, a: ChannelFaultAction, fx: Effects): void {
  const ch = channelOf(genOf(s, a.gen), a.to);
  const env = ch.peek(a.index);
  if (env === undefined) throw new Error(`asupersync: ${a.type}: no message at index ${a.index} of ${ch.name}`);
  fx.moved(env);
  switch (a.type) {
    case 'drop':
      ch.drop(a.index);
      break;
    case 'duplicate': {
      ch.duplicate(a.index);
      const hash = env.replayHash.toString();
      const c = s.copies.get(hash) ?? { dup: 0, replay: 0, delivered: false };
      c.dup++;
      s.copies.set(hash, c);
      break;
    }
    case 'reorder': {
      const other = ch.peek(a.index + 1);
      if (other !== undefined) fx.moved(other);
      ch.reorder(a.index);
      break;
    }
    case 'delay':
      ch.delay(a.index);
      break;
  }
  fx.event(faultEvent(a.type));
}

/** Re-send a delivered envelope into the current generation's channel. */
export function replay(s: AsupersyncState, a: ReplayAction, fx: Effects): void {
  const src = channelOf(genOf(s, a.gen), a.to);
  const dst = channelOf(currentGen(s), a.to);
  const env = src.deliveredLog()[a.entry];
  if (env === undefined) throw new Error(`asupersync: replay: no delivered entry ${a.entry} in ${src.name}`);
  if (src === dst) dst.replayDelivered(a.entry);
  else dst.send(env);
  fx.moved(env);
  const hash = env.replayHash.toString();
  const c = s.copies.get(hash) ?? { dup: 0, replay: 0, delivered: true };
  c.replay++;
  s.copies.set(hash, c);
  fx.event(faultEvent(FAULT.replay));
}

/** The faulty worker sends a message its state does not justify. */
export function lie(s: AsupersyncState, a: LieAction, fx: Effects): void {
  const g = live(s, a.gen, 'lie');
  const jobId = BigInt(a.job);
  let op: WorkerOp;
  switch (a.lie) {
    case 'finalize-without-drain':
      op = { type: 'FinalizeCompleted', jobId };
      break;
    case 'completed-while-finalizing':
      op = { type: 'JobCompleted', result: { jobId, outcome: { status: 'Cancelled', reason: 'faulty worker skipped finalize' } } };
      break;
    case 'owned-state-snapshot':
    case 'terminal-snapshot':
      op = { type: 'StatusSnapshot', snapshot: { jobId, state: a.state ?? 'Draining', detail: `faulty worker: ${a.lie}` } };
      break;
  }
  g.worker.forge(op);
  flushWorker(s, g, fx);
  fx.event(faultEvent(FAULT.faultyWorker));
}
