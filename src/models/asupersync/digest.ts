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
 * Gotcha: anything that can change a future step must appear here, or two
 * different states would share a digest and a replay could diverge unseen.
 *
 * @example
 * ```ts
 * digestState(s).split('\n')[0]; // after bootstrap and one spawn: 'c|w1|1|0|1|0|1|1:Queued:1,|'
 * ```
 * @module
 */
import type { WorkerEnvelope } from '../../protocol/index.js';
import type { Channel } from '../../sim/channel.js';
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
    out += `\ng${g.gen}|${w.state}|${g.retired ? 1 : 0}|${w.lastInboundSeqNo}|${w.currentTurn}|${g.sent}|${w.pendingOutbox().length}|`;
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
