/**
 * `digest` of the asupersync model: canonical text of the entire state,
 * hashed by the core into every step record.
 *
 * Details: one line per part, built by plain string concatenation (no JSON,
 * no cloning) because it runs after every step:
 * - the coordinator (`coordinatorText`: jobs with states and last sequence
 *   numbers, session, flags, high-water mark, turn, emitted count, outbox);
 * - the workload (next job, rejected ids, turn flag) and every job plan and note;
 * - every generation: lifecycle, retired flag, high-water mark, turn, sent
 *   count, acknowledged cancels, jobs (state, progress, cancel reason,
 *   outcome), and both channels' queued and delivered-log envelopes by
 *   replay hash (base 36);
 * - fault bookkeeping: non-racing completion hashes and outstanding copies.
 *
 * {@link digestStateInto} (the model's `digestInto`, what the run engine
 * records since trace format 3) feeds the same fields straight into the
 * hasher without building the text; `digestState` stays the readable form
 * and the reference a test holds the structural digest to.
 *
 * Gotcha: anything that can change a future step must appear here (in both
 * forms), or two different states would share a digest and a replay could
 * diverge unseen.
 *
 * @example
 * ```ts
 * digestState(s).split('\n')[0]; // after bootstrap and one spawn: 'c|w1|1|0|1|0|1|1:Queued:1,|'
 * ```
 * @module
 */
import type { JobOutcome, TrackedJob, WorkerEnvelope } from '../../protocol/index.js';
import type { Channel } from '../../sim/channel.js';
import type { Hash64 } from '../../sim/digest.js';
import { channelInto, envelopesInto } from './channel-words.js';
import { outcomeSummary } from './ops.js';
import type { AsupersyncState } from './state.js';
import { coordinatorText } from './view.js';

// Base-36 text of a bigint is slow, and an envelope sits in a channel or its delivered log for
// many steps: convert each envelope's (readonly) replay hash once.
const hashTexts = new WeakMap<WorkerEnvelope, string>();

/** An envelope's replay hash in base 36, cached per envelope object. */
export function hashText(env: WorkerEnvelope): string {
  let text = hashTexts.get(env);
  if (text === undefined) {
    text = env.replayHash.toString(36);
    hashTexts.set(env, text);
  }
  return text;
}

function hashes(envs: readonly WorkerEnvelope[]): string {
  let out = '';
  for (const env of envs) out += hashText(env) + ',';
  return out;
}

function channelText(ch: Channel<WorkerEnvelope>): string {
  return `${hashes(ch.items())}/${hashes(ch.deliveredLog())}`;
}

/**
 * Entries by ascending id. Jobs are added in id order, so the map's own order
 * almost always is that order: check it (linear) instead of sorting a copy
 * every step.
 */
function byId<T>(map: ReadonlyMap<number, T>): Iterable<[number, T]> {
  let last = -Infinity;
  for (const id of map.keys()) {
    if (id < last) return [...map].sort((a, b) => a[0] - b[0]);
    last = id;
  }
  return map;
}

/** Canonical text of the whole state. */
export function digestState(s: AsupersyncState): string {
  let out = coordinatorText(s);
  out += `\nn|${s.nextJob}|${s.rejected.join(',')}|${s.limitSpawns}|${s.lastWasTurn ? 1 : 0}\np|`;
  for (const [id, p] of byId(s.plans)) {
    out += `${id}:${p.steps}:${p.outcome}:${p.payload}:${p.result}:${p.snapshot ? 1 : 0},`;
  }
  out += '\nj|';
  for (const [id, n] of byId(s.notes)) {
    out += `${id}:${n.session ?? '-'}:${n.cancelled ? 1 : 0}:${n.via ?? '-'}:${n.outcome ?? '-'},`;
  }
  for (const g of s.gens) {
    const w = g.worker;
    out += `\ng${g.gen}|${w.state}|${g.retired ? 1 : 0}|${w.lastInboundSeqNo}|${w.currentTurn}|${g.sent}|${w.pendingCount}|`;
    out += [...g.cancelsSeen].sort((a, b) => a - b).join(',') + '|';
    for (const j of w.jobs()) {
      out += `${j.jobId}:${j.state}:${j.stepsDone}/${j.steps}:${j.cancelReason ?? '-'}:${j.outcome === null ? '-' : outcomeSummary(j.outcome)},`;
    }
    out += `|${channelText(g.down)}|${channelText(g.up)}`;
  }
  out += '\nr|' + [...s.nonRacing].sort().join(',');
  out += '\nx|';
  for (const [hash, c] of [...s.copies].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))) {
    out += `${hash}:${c.dup}:${c.replay}:${c.delivered ? 1 : 0},`;
  }
  return out;
}


function outcomeInto(h: Hash64, o: JobOutcome | null): void {
  if (o === null) {
    h.word(0);
    return;
  }
  switch (o.status) {
    case 'Ok':
      h.word(1).num(o.payload.length);
      return;
    case 'Err':
      h.word(2).str(o.code).str(o.message);
      return;
    case 'Cancelled':
      h.word(3).str(o.reason);
      return;
    case 'Panicked':
      h.word(4).str(o.message);
      return;
  }
}

/** Sorted copy of a set's values, skipping the copy when there is nothing to order. */
function sorted<T>(values: ReadonlySet<T>, compare: (a: T, b: T) => number): readonly T[] {
  return values.size === 0 ? [] : [...values].sort(compare);
}

/**
 * Everything the coordinator holds, as {@link coordinatorText} covers it, fed
 * into `h` field by field (the view's coordinator digest and the state digest).
 */
export function coordinatorInto(h: Hash64, s: AsupersyncState, tracked: readonly Readonly<TrackedJob>[]): void {
  const c = s.coordinator;
  h.optStr(c.activeWorkerId).bool(c.isWorkerReady()).bool(c.isShutdownRequested());
  h.big(c.lastInboundSeqNo).big(c.currentTurn).num(s.coordinatorSent);
  h.word(tracked.length);
  for (const j of tracked) h.big(j.jobId).str(j.state).big(j.lastSeqNo);
  // Usually empty between steps: skip the copy pendingOutbox() makes (same words: a count of 0).
  if (c.pendingCount === 0) h.word(0);
  else envelopesInto(h, c.pendingOutbox());
}

/**
 * The model's `digestInto`: exactly the state {@link digestState}'s text
 * covers, fed into `h` field by field (lists with their lengths, nullable
 * fields with a null marker) instead of built as text and hashed. Outcomes
 * go in structurally (status and fields), which determines the summary text
 * the text form holds.
 */
export function digestStateInto(s: AsupersyncState, h: Hash64): void {
  coordinatorInto(h, s, s.coordinator.trackedJobs());
  h.num(s.nextJob).word(s.rejected.length);
  for (const id of s.rejected) h.num(id);
  h.num(s.limitSpawns).bool(s.lastWasTurn);
  h.word(s.plans.size);
  for (const [id, p] of byId(s.plans)) h.num(id).num(p.steps).str(p.outcome).num(p.payload).num(p.result).bool(p.snapshot);
  h.word(s.notes.size);
  for (const [id, n] of byId(s.notes)) h.num(id).optStr(n.session).bool(n.cancelled).optStr(n.via).optStr(n.outcome);
  h.word(s.gens.length);
  for (const g of s.gens) {
    const w = g.worker;
    h.num(g.gen).str(w.state).bool(g.retired).big(w.lastInboundSeqNo).big(w.currentTurn).num(g.sent).num(w.pendingCount);
    h.word(g.cancelsSeen.size);
    // Nothing to order below two ids: skip the sorted copy.
    for (const id of g.cancelsSeen.size < 2 ? g.cancelsSeen : sorted(g.cancelsSeen, (a, b) => a - b)) h.num(id);
    const jobs = w.jobRecords();
    h.word(jobs.length);
    for (const j of jobs) {
      h.big(j.jobId).str(j.state).num(j.stepsDone).num(j.steps).optStr(j.cancelReason);
      outcomeInto(h, j.outcome);
    }
    channelInto(h, g.down);
    channelInto(h, g.up);
  }
  const racing = sorted(s.nonRacing, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  h.word(racing.length);
  for (const hash of racing) h.str(hash);
  h.word(s.copies.size);
  const copies = s.copies.size === 0 ? [] : [...s.copies].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [hash, c] of copies) h.str(hash).num(c.dup).num(c.replay).bool(c.delivered);
}
