/**
 * Moving envelopes: draining the coordinator's and workers' outboxes into
 * channels, and delivering channel heads to their receivers, with the race
 * events, step records and notes that go with each move.
 *
 * Details:
 * - The coordinator's outbox always drains into the **current** generation's
 *   coordinator→worker channel (the main thread posts to the worker it holds
 *   now), even while the coordinator still believes an older worker is active.
 * - Race events are named where they arise: `cancel-vs-completion` and
 *   `poll-vs-completion` when a `CancelJob`/`PollStatus` and a `JobCompleted`
 *   for the same job are in flight in opposite directions at once;
 *   `stale-message` when a dead generation's envelope reaches the
 *   coordinator; `duplicate-delivery`/`replayed-envelope` when a fault's copy
 *   is delivered after the original.
 * - Delivering a bootstrap, `ShutdownCompleted` or `BootstrapFailed` that the
 *   coordinator processes retires generations (see `Generation.retired`).
 *
 * Gotcha: a `JobCompleted` is *racing* when the worker sent it before
 * acknowledging a cancel of that job. Only a faulty worker sends one after,
 * and those hashes go to `nonRacing`.
 *
 * @example
 * ```ts
 * const fx = new Effects();
 * deliverToWorker(s, 1, fx); // worker replies are flushed into its outbound channel
 * fx.done(); // { envelopes: [...], error: null, events: [] }
 * ```
 * @module
 */
import { MAX_PAYLOAD_BYTES, type Result, type WorkerEnvelope, type WorkerOpType } from '../../protocol/index.js';
import type { Channel } from '../../sim/channel.js';
import type { StepEffects } from '../../sim/model.js';
import type { WorkerResult } from '../../worker/index.js';
import { decimalText } from './decimal.js';
import { EVENT } from './faults.js';
import { genOfWorkerId, jobIdOf, opBytes, opJob, outcomeSummary } from './ops.js';
import { currentGen, genOf, type Generation } from './generation.js';
import type { AsupersyncState } from './state.js';

const NONE: readonly string[] = Object.freeze([]);

/** Collects one step's effects; a step with no envelope or no event shares one frozen empty list. */
export class Effects {
  private envelopes: string[] | null = null;
  private error: string | null = null;
  private events: string[] | null = null;

  /** Record an error kind (the first one of the step wins). */
  fail(result: Result<unknown> | WorkerResult<unknown>): void {
    if (!result.ok && this.error === null) this.error = result.error.kind;
  }

  /** Record a named event once. */
  event(name: string): void {
    if (this.events === null) this.events = [name];
    else if (!this.events.includes(name)) this.events.push(name);
  }

  /** Record an envelope that moved. */
  moved(env: WorkerEnvelope): void {
    const text = hashText(env.replayHash);
    if (this.envelopes === null) this.envelopes = [text];
    else this.envelopes.push(text);
  }

  /** The record for the trace. */
  done(): StepEffects {
    return { envelopes: this.envelopes ?? NONE, error: this.error, events: this.events ?? NONE };
  }
}

// The decimal texts of the last few replay hashes: an envelope's text is needed when it is sent and
// again when it is delivered, usually a step or two later. Keyed by value, so a hit is always right.
const TEXT_SLOTS = 4;
const textKeys: bigint[] = new Array<bigint>(TEXT_SLOTS).fill(0n);
const textValues: string[] = new Array<string>(TEXT_SLOTS).fill('0');
let textNext = 0;

/** `hash.toString()`, remembered for the last few hashes. */
export function hashText(hash: bigint): string {
  for (let i = 0; i < TEXT_SLOTS; i++) if (textKeys[i] === hash) return textValues[i] as string;
  const text = hash.toString();
  textKeys[textNext] = hash;
  textValues[textNext] = text;
  textNext = (textNext + 1) % TEXT_SLOTS;
  return text;
}

function inFlight(ch: Channel<WorkerEnvelope>, type: WorkerOpType, job: number): boolean {
  for (const env of ch.items()) if (env.op.type === type && opJob(env.op) === job) return true;
  return false;
}

/** Move everything the coordinator queued into the current generation's inbound channel. */
export function flushCoordinator(s: AsupersyncState, fx: Effects): void {
  const g = currentGen(s);
  for (let env = s.coordinator.drainOutbox(); env !== undefined; env = s.coordinator.drainOutbox()) {
    s.touch.coordinator = true;
    s.coordinatorSent++;
    const job = opJob(env.op);
    const sent = { op: env.op.type, job, shutdown: s.coordinator.isShutdownRequested() };
    s.last.sent = s.last.sent.length === 0 ? [sent] : [...s.last.sent, sent];
    if (job !== null && inFlight(g.up, 'JobCompleted', job)) {
      if (env.op.type === 'CancelJob') fx.event(EVENT.cancelVsCompletion);
      if (env.op.type === 'PollStatus') fx.event(EVENT.pollVsCompletion);
    }
    g.down.send(env);
    fx.moved(env);
  }
}

/** Move everything worker `g` queued into its outbound channel. */
export function flushWorker(s: AsupersyncState, g: Generation, fx: Effects): void {
  for (let env = g.worker.drainOutbox(); env !== undefined; env = g.worker.drainOutbox()) {
    g.sent++;
    const emitted = { gen: g.gen, seq: decimalText(env.seqNo), op: env.op.type, state: env.op.type === 'StatusSnapshot' ? env.op.snapshot.state : null };
    s.last.emitted = s.last.emitted.length === 0 ? [emitted] : [...s.last.emitted, emitted];
    if (env.seqNo > g.seqHigh) g.seqHigh = env.seqNo;
    if (env.op.type === 'JobCompleted') {
      const job = Number(env.op.result.jobId);
      if (g.cancelsSeen.has(job)) s.nonRacing.add(env.replayHash.toString());
      if (inFlight(g.down, 'CancelJob', job)) fx.event(EVENT.cancelVsCompletion);
      if (inFlight(g.down, 'PollStatus', job)) fx.event(EVENT.pollVsCompletion);
    }
    g.up.send(env);
    fx.moved(env);
  }
}

// A re-delivery of an envelope a fault copied: name it after the kind of copy.
function noteCopy(s: AsupersyncState, env: WorkerEnvelope, fx: Effects): void {
  if (s.copies.size === 0) return; // no fault made a copy: skip the decimal text of the hash
  const hash = env.replayHash.toString();
  const c = s.copies.get(hash);
  if (c === undefined) return;
  if (!c.delivered) {
    c.delivered = true;
    return;
  }
  if (c.dup > 0) {
    c.dup--;
    fx.event(EVENT.duplicateDelivery);
  } else if (c.replay > 0) {
    c.replay--;
    fx.event(EVENT.replayedEnvelope);
  } else {
    fx.event(EVENT.duplicateDelivery);
  }
  if (c.dup === 0 && c.replay === 0) s.copies.delete(hash);
}

/** Deliver the head of generation `gen`'s coordinator→worker channel to its worker. */
export function deliverToWorker(s: AsupersyncState, gen: number, fx: Effects): void {
  const g = genOf(s, gen);
  const env = g.down.deliver();
  if (env === undefined) throw new Error(`asupersync: nothing to deliver to worker ${g.workerId}`);
  fx.moved(env);
  noteCopy(s, env, fx);
  const job = opJob(env.op);
  const r = g.worker.handleInbound(env);
  fx.fail(r);
  if (r.ok && r.value === 'Handled' && env.op.type === 'CancelJob' && job !== null) g.cancelsSeen.add(job);
  // Coordinator envelopes name no target worker, so a successor accepts what was meant for its predecessor.
  if (r.ok && env.op.type === 'SpawnJob' && job !== null && s.notes.get(job)?.session !== g.workerId) fx.event(EVENT.orphanedSpawn);
  s.last.delivered = { gen, to: 'worker', op: env.op.type, job, sender: null, bytes: opBytes(env.op), raced: null };
  flushWorker(s, g, fx);
}

/** Deliver the head of generation `gen`'s worker→coordinator channel to the coordinator. */
export function deliverToCoordinator(s: AsupersyncState, gen: number, fx: Effects): void {
  const g = genOf(s, gen);
  const env = g.up.deliver();
  if (env === undefined) throw new Error(`asupersync: nothing to deliver from worker ${g.workerId}`);
  const c = s.coordinator;
  fx.moved(env);
  noteCopy(s, env, fx);
  const sender = genOfWorkerId(env.workerId);
  if (sender !== null && sender < s.gens.length) fx.event(EVENT.staleMessage);
  const op = env.op;
  const job = opJob(op);
  const id = job === null ? null : jobIdOf(job);
  const before = id === null ? undefined : c.jobState(id);
  const activeBefore = c.activeWorkerId;
  const r = c.handleInbound(env);
  fx.fail(r);
  const bytes = opBytes(op);
  if (op.type === 'JobCompleted' && bytes !== null) {
    if (bytes === MAX_PAYLOAD_BYTES) fx.event(EVENT.payloadAtLimit);
    if (bytes > MAX_PAYLOAD_BYTES) fx.event(EVENT.payloadOverLimit);
  }
  if (job !== null && id !== null && before !== 'Completed' && c.jobState(id) === 'Completed') {
    const notes = s.notes.get(job);
    if (notes !== undefined) {
      notes.via = op.type;
      notes.outcome = op.type === 'JobCompleted' ? outcomeSummary(op.result.outcome) : 'Cancelled';
    }
  }
  const processed = r.ok || r.error.kind === 'BootstrapFailed';
  if (processed && sender !== null) retire(s, op.type, sender, activeBefore, fx);
  if (op.type === 'BootstrapFailed' && processed) fx.event(EVENT.bootstrapFailed);
  const raced = op.type === 'JobCompleted' ? s.nonRacing.size === 0 || !s.nonRacing.has(env.replayHash.toString()) : null;
  s.last.delivered = { gen, to: 'coordinator', op: op.type, job, sender, bytes, raced };
  s.last.inbound = { seq: decimalText(env.seqNo), bootstrapOf: op.type === 'BootstrapReady' || op.type === 'BootstrapFailed' ? op.workerId : null };
  // With `postOn: 'turn'` the replies wait in the outbox for the turn's end (see `apply.ts`).
  if (s.options.postOn === 'action') flushCoordinator(s, fx);
}

// Which sessions a processed inbound op ends (see Generation.retired).
function retire(s: AsupersyncState, type: WorkerOpType, sender: number, activeBefore: string | null, fx: Effects): void {
  const senderGen = s.gens[sender - 1];
  const bootstrap = type === 'BootstrapReady' || type === 'BootstrapFailed';
  if (bootstrap && senderGen?.retired === true) fx.event(EVENT.staleBootstrapAccepted);
  if ((type === 'ShutdownCompleted' || type === 'BootstrapFailed') && senderGen !== undefined) senderGen.retired = true;
  if (!bootstrap) return;
  const previous = genOfWorkerId(activeBefore);
  if (previous !== null && previous !== sender) {
    const p = s.gens[previous - 1];
    if (p !== undefined) p.retired = true;
  }
  for (let i = 0; i < sender - 1 && i < s.gens.length; i++) (s.gens[i] as Generation).retired = true;
}
