/**
 * Finding a message named in a scenario (`CancelJob(1)`, `BootstrapReady
 * from w1`, `{ to: worker }`) among the asupersync channels.
 *
 * Details:
 * - A message is named as `describe` names it: `Op(job)` or `Op`. A suffix
 *   `from wN` picks worker N's outbound channel, `to wN` its inbound one.
 *   The object form `{ message, from, to }` says the same; `to: worker` and
 *   `to: coordinator` mean the live worker's channels.
 * - Queued messages are searched head first; delivered ones (for `replay`)
 *   newest first, in each channel's delivered log.
 * - The same name in two channels is ambiguous and an error: the scenario
 *   must say which worker it means.
 *
 * Gotcha: a channel's delivered log keeps only `logLimit` entries (option),
 * so a `replay` of a message delivered long ago may not find it.
 *
 * @example
 * ```ts
 * parseMessageQuery('JobCompleted(1) from w1'); // { name: 'JobCompleted(1)', dir: 'coordinator', gen: 1 }
 * findQueued(state, query, { head: true }); // { gen: 1, to: 'coordinator', index: 0 } or { error }
 * ```
 * @module
 */
import type { WorkerEnvelope } from '../../protocol/index.js';
import type { Channel } from '../../sim/channel.js';
import type { Json } from '../../sim/json.js';
import type { Direction } from './actions.js';
import { messageName } from './describe.js';
import type { AsupersyncState } from './state.js';

/** What a scenario says about a message: its name, direction and worker, each optional. */
export interface MessageQuery {
  readonly name: string | null;
  readonly dir: Direction | null;
  readonly gen: number | null;
}

/** A located message: channel of generation `gen` towards `to`, position `index`. */
export interface Located {
  readonly gen: number;
  readonly to: Direction;
  readonly index: number;
  readonly name: string;
}

const NAMED = /^([A-Z][A-Za-z]*(?:\([0-9]+\))?)(?:\s+(from|to)\s+w([1-9][0-9]*))?$/;

/** Parse a message argument (string or object form); throws a message for an unreadable one. */
export function parseMessageQuery(arg: Json): MessageQuery {
  if (typeof arg === 'string') {
    const m = NAMED.exec(arg.trim());
    if (m === null) throw new Error(`"${arg}" is not a message name such as CancelJob(1) or "JobCompleted(1) from w1"`);
    const gen = m[3] === undefined ? null : Number(m[3]);
    const dir: Direction | null = m[2] === 'from' ? 'coordinator' : m[2] === 'to' ? 'worker' : null;
    return { name: m[1] ?? null, dir, gen };
  }
  if (arg === null || typeof arg !== 'object' || Array.isArray(arg)) throw new Error('a message is a name or { message, from, to }');
  const o = arg as { readonly [key: string]: Json };
  const base = typeof o.message === 'string' ? parseMessageQuery(o.message) : { name: null, dir: null, gen: null };
  let { dir, gen } = base;
  const worker = (v: string): number => Number(v.slice(1));
  if (o.to === 'worker' || o.from === 'coordinator') dir = 'worker';
  if (o.to === 'coordinator') dir = 'coordinator';
  if (typeof o.to === 'string' && /^w[1-9][0-9]*$/.test(o.to)) {
    dir = 'worker';
    gen = worker(o.to);
  }
  if (typeof o.from === 'string' && /^w[1-9][0-9]*$/.test(o.from)) {
    dir = 'coordinator';
    gen = worker(o.from);
  }
  return { name: base.name, dir, gen };
}

function channelOf(s: AsupersyncState, gen: number, to: Direction): Channel<WorkerEnvelope> | undefined {
  const g = s.gens[gen - 1];
  return g === undefined ? undefined : to === 'worker' ? g.down : g.up;
}

function route(gen: number, to: Direction): string {
  return to === 'worker' ? `to w${gen}` : `from w${gen}`;
}

/** The channels a query may mean; without a worker, every generation (the live one's default for direction-only queries). */
function channels(s: AsupersyncState, q: MessageQuery, deadOnly = false): { gen: number; to: Direction }[] {
  const all = s.gens.map((g) => g.gen).filter((gen) => !deadOnly || gen < s.gens.length);
  const gens = q.gen !== null ? [q.gen] : q.name === null && !deadOnly ? [s.gens.length] : all;
  const dirs: Direction[] = q.dir !== null ? [q.dir] : ['worker', 'coordinator'];
  return gens.flatMap((gen) => dirs.map((to) => ({ gen, to })));
}

/** Every message in flight, for error messages: `to w1: SpawnJob(1), CancelJob(1); from w1: JobCompleted(1)`. */
export function inFlight(s: AsupersyncState): string {
  const parts: string[] = [];
  for (const g of s.gens) {
    for (const to of ['worker', 'coordinator'] as const) {
      const items = (to === 'worker' ? g.down : g.up).items();
      if (items.length > 0) parts.push(`${route(g.gen, to)}: ${items.map((e) => messageName(e)).join(', ')}`);
    }
  }
  return parts.length === 0 ? 'nothing is in flight' : `in flight: ${parts.join('; ')}`;
}

function label(q: MessageQuery): string {
  const who = q.gen === null ? '' : q.dir === 'worker' ? ` to w${q.gen}` : q.dir === 'coordinator' ? ` from w${q.gen}` : ` on w${q.gen}'s channels`;
  const dir = q.gen === null && q.dir !== null ? (q.dir === 'worker' ? ' to the worker' : ' to the coordinator') : '';
  return `${q.name ?? 'a message'}${who}${dir}`;
}

/** Find a queued message; with `head`, only channel heads count (what `deliver` can move); with `deadOnly`, only replaced workers' channels. */
export function findQueued(
  s: AsupersyncState,
  q: MessageQuery,
  opts: { readonly head: boolean; readonly deadOnly?: boolean },
): Located | { readonly error: string } {
  const found: Located[] = [];
  let deeper: string | null = null;
  for (const { gen, to } of channels(s, q, opts.deadOnly === true)) {
    const items = channelOf(s, gen, to)?.items() ?? [];
    const index = items.findIndex((e) => q.name === null || messageName(e) === q.name);
    if (index < 0) continue;
    const name = messageName(items[index]);
    if (opts.head && index > 0) {
      deeper ??= `${name} ${route(gen, to)} is queued behind ${items.slice(0, index).map((e) => messageName(e)).join(', ')}`;
      continue;
    }
    found.push({ gen, to, index, name });
  }
  if (found.length === 1 && found[0] !== undefined) return found[0];
  if (found.length > 1) {
    return { error: `${label(q)} is ambiguous: ${found.map((f) => `${f.name} ${route(f.gen, f.to)}`).join(' and ')}; say which with "from wN" or "to wN"` };
  }
  if (deeper !== null) return { error: `${deeper}; deliver those first (or reorder, delay or drop them)` };
  const whose = opts.deadOnly === true ? ' from a replaced worker' : '';
  return { error: `no ${label(q)}${whose} is in flight (${inFlight(s)})` };
}

/** Find an already delivered message (newest entry of each channel's delivered log). */
export function findDelivered(s: AsupersyncState, q: MessageQuery): Located | { readonly error: string } {
  const found: Located[] = [];
  for (const { gen, to } of channels(s, q)) {
    const log = channelOf(s, gen, to)?.deliveredLog() ?? [];
    for (let i = log.length - 1; i >= 0; i--) {
      if (q.name === null || messageName(log[i]) === q.name) {
        found.push({ gen, to, index: i, name: messageName(log[i]) });
        break;
      }
    }
  }
  if (found.length === 1 && found[0] !== undefined) return found[0];
  if (found.length > 1) {
    return { error: `${label(q)} was delivered on several channels (${found.map((f) => route(f.gen, f.to)).join(', ')}); say which with "from wN" or "to wN"` };
  }
  return { error: `${label(q)} has not been delivered (or has left the delivered log, see option logLimit)` };
}
