/**
 * How each asupersync scenario step resolves to a model action against the
 * current state, or to an error saying why it cannot apply now (see
 * `scenario.ts` for the vocabulary itself).
 *
 * Details:
 * - Only `finish` expands to several actions: it steps the job while the
 *   live worker holds it Queued or Running.
 * - Network faults and `replay` find their message anywhere in a channel
 *   (or its delivered log); `deliver` and `stale` only at a channel head.
 * - Fault steps carry their catalog fault name so traces mark them.
 *
 * Gotcha: checks mirror what `apply` would throw on (a dead worker acting,
 * an empty channel); errors the protocol returns (a cancel of a terminal
 * job) are not step errors, they are recorded as data.
 *
 * @example
 * ```ts
 * resolveStep(s, { name: 'replace', arg: 'w2', at }, 0); // { candidate: { action: { type: 'replace', gen: 2 }, actor: 'supervisor', fault: 'worker-replaced' } }
 * ```
 * @module
 */
import { MAX_PAYLOAD_BYTES, type JobState } from '../../protocol/index.js';
import type { Json } from '../../sim/json.js';
import type { Candidate } from '../../sim/model.js';
import type { Resolution } from '../../scenario/vocabulary.js';
import type { StepSpec } from '../../scenario/types.js';
import type { AsupersyncAction, Lie, OutcomeKind } from './actions.js';
import { FAULT } from './faults.js';
import { currentGen } from './generation.js';
import { findDelivered, findQueued, parseMessageQuery } from './scenario-messages.js';
import type { AsupersyncState } from './state.js';

type R = Resolution<AsupersyncAction>;
type Obj = { readonly [key: string]: Json };

const act = (action: AsupersyncAction, actor: string, fault?: string): R => ({
  candidate: (fault === undefined ? { action, actor } : { action, actor, fault }) as Candidate<AsupersyncAction>,
});
const fail = (error: string): R => ({ error });
/** The argument as a mapping, or an empty one. */
export const obj = (arg: Json): Obj => (arg !== null && typeof arg === 'object' && !Array.isArray(arg) ? (arg as Obj) : {});

function workerGen(s: AsupersyncState, id: Json, what: string): number | string {
  const g = currentGen(s);
  if (id === null || id === undefined) return g.gen;
  const gen = typeof id === 'string' && /^w[1-9][0-9]*$/.test(id) ? Number(id.slice(1)) : 0;
  if (gen === g.gen) return gen;
  if (gen >= 1 && gen < g.gen) return `${String(id)} was replaced by ${g.workerId} and cannot ${what}`;
  return `there is no worker ${String(id)} (the live worker is ${g.workerId})`;
}

function payloadOf(v: Json | undefined, fallback: number): number {
  if (v === 'MAX_PAYLOAD_BYTES') return MAX_PAYLOAD_BYTES;
  if (v === 'MAX_PAYLOAD_BYTES+1') return MAX_PAYLOAD_BYTES + 1;
  return typeof v === 'number' ? v : fallback;
}

function spawn(s: AsupersyncState, arg: Json): R {
  const o = typeof arg === 'number' ? { job: arg } : obj(arg);
  const payload = payloadOf(o.payload, 16);
  const result = payloadOf(o.result, 16);
  const action: AsupersyncAction = {
    type: 'spawn',
    job: typeof o.job === 'number' ? o.job : s.nextJob,
    steps: typeof o.steps === 'number' ? o.steps : 1,
    outcome: (typeof o.outcome === 'string' ? o.outcome : 'ok') as OutcomeKind,
    payload,
    result,
    snapshot: o.snapshot === true,
  };
  return act(action, 'workload', payload >= MAX_PAYLOAD_BYTES || result >= MAX_PAYLOAD_BYTES ? FAULT.payloadLimit : undefined);
}

function bootstrap(s: AsupersyncState, arg: Json): R {
  const o = typeof arg === 'string' || arg === null ? { worker: arg } : obj(arg);
  const gen = workerGen(s, o.worker ?? null, 'bootstrap');
  if (typeof gen === 'string') return fail(gen);
  const g = currentGen(s);
  if (g.worker.state !== 'booting') return fail(`${g.workerId} is ${g.worker.state}; only a booting worker bootstraps`);
  const failed = o.fail === true;
  return act({ type: 'bootstrap', gen, fail: failed }, g.workerId, failed ? FAULT.bootstrapFailure : undefined);
}

function work(s: AsupersyncState, job: number, iteration: number, untilDone: boolean): R {
  const g = currentGen(s);
  if (g.worker.state !== 'ready') return fail(`the live worker ${g.workerId} is ${g.worker.state}, so job ${job} cannot run`);
  const state = g.worker.jobState(BigInt(job));
  if (state === 'Queued' || state === 'Running') {
    if (!untilDone && iteration > 0) return { done: true };
    return act({ type: 'step', gen: g.gen, job }, g.workerId);
  }
  if (iteration > 0) return { done: true };
  if (state === undefined) return fail(`job ${job} is not on the live worker ${g.workerId} (deliver its SpawnJob first)`);
  return fail(`job ${job} is ${state} at ${g.workerId}, so it cannot ${untilDone ? 'finish' : 'work'}`);
}

function deliver(s: AsupersyncState, arg: Json, staleOnly: boolean): R {
  const q = parseMessageQuery(arg);
  const found = findQueued(s, q, { head: true, deadOnly: staleOnly });
  if ('error' in found) return fail(found.error);
  const live = s.gens.length;
  if (staleOnly && found.gen === live) return fail(`${found.name} comes from the live worker w${live}, not from a replaced one`);
  const g = s.gens[found.gen - 1];
  if (found.to === 'worker') {
    if (found.gen !== live) return fail(`w${found.gen} was replaced; its inbound port is gone`);
    if (g?.worker.state === 'booting') return fail(`w${found.gen} has not bootstrapped; its port holds ${found.name} until it does`);
    return act({ type: 'deliver', gen: found.gen, to: 'worker' }, `w${found.gen}`);
  }
  return act({ type: 'deliver', gen: found.gen, to: 'coordinator' }, 'coordinator', found.gen < live ? FAULT.lateMessage : undefined);
}

function channelFault(s: AsupersyncState, type: 'drop' | 'duplicate' | 'reorder' | 'delay', arg: Json): R {
  const found = findQueued(s, parseMessageQuery(arg), { head: false });
  if ('error' in found) return fail(found.error);
  const ch = s.gens[found.gen - 1]?.[found.to === 'worker' ? 'down' : 'up'];
  if (type === 'reorder' && (ch?.length ?? 0) <= found.index + 1) return fail(`nothing is queued behind ${found.name} to swap it with`);
  return act({ type, gen: found.gen, to: found.to, index: found.index }, 'network', type);
}

function replay(s: AsupersyncState, arg: Json): R {
  const found = findDelivered(s, parseMessageQuery(arg));
  if ('error' in found) return fail(found.error);
  return act({ type: 'replay', gen: found.gen, to: found.to, entry: found.index }, 'network', FAULT.replay);
}

function newWorker(s: AsupersyncState, type: 'replace' | 'restart', arg: Json): R {
  const g = currentGen(s);
  const next = g.gen + 1;
  if (typeof arg === 'string' && arg !== `w${next}`) return fail(`the next worker is w${next}, not ${arg}`);
  const live = g.worker.state === 'booting' || g.worker.state === 'ready';
  if (type === 'replace' && !live) return fail(`${g.workerId} is ${g.worker.state}; a worker that stopped or failed is restarted (restart), not replaced`);
  if (type === 'restart' && live) return fail(`${g.workerId} is ${g.worker.state}; a live worker is replaced (replace), not restarted`);
  return act({ type, gen: next }, 'supervisor', type === 'replace' ? FAULT.workerReplaced : undefined);
}

const OWNED: readonly JobState[] = ['Created', 'CancelRequested', 'Draining', 'Finalizing'];

function lie(s: AsupersyncState, arg: Json): R {
  const o = obj(arg);
  const g = currentGen(s);
  if (g.worker.state !== 'ready') return fail(`${g.workerId} is ${g.worker.state}; only a ready worker sends job messages`);
  const kind = o.kind as Lie;
  const job = typeof o.job === 'number' ? o.job : 0;
  const snapshot = kind === 'owned-state-snapshot' || kind === 'terminal-snapshot';
  const state = typeof o.state === 'string' ? (o.state as JobState) : null;
  if (!snapshot && state !== null) return fail(`lie ${kind} sends no snapshot, so it takes no state`);
  if (kind === 'owned-state-snapshot' && state !== null && !OWNED.includes(state)) return fail(`owned-state-snapshot needs one of ${OWNED.join(', ')}, not ${state}`);
  if (kind === 'terminal-snapshot' && state !== null && state !== 'Completed' && state !== 'Failed') return fail(`terminal-snapshot needs Completed or Failed, not ${state}`);
  const resolved = snapshot ? (state ?? (kind === 'terminal-snapshot' ? 'Completed' : 'Draining')) : null;
  return act({ type: 'lie', gen: g.gen, job, lie: kind, state: resolved }, g.workerId, FAULT.faultyWorker);
}

/** The next action of `step` at its `iteration`-th call, or why it cannot apply now. */
export function resolveStep(s: AsupersyncState, step: StepSpec, iteration: number): R {
  const { name, arg } = step;
  if (name !== 'finish' && iteration > 0) return { done: true };
  const num = typeof arg === 'number' ? arg : 0;
  switch (name) {
    case 'bootstrap':
      return bootstrap(s, arg);
    case 'spawn':
      return spawn(s, arg);
    case 'cancel':
    case 'poll':
    case 'remove':
      return act({ type: name, job: num }, 'workload');
    case 'shutdown':
      return act({ type: 'shutdown' }, 'workload');
    case 'turn':
      return act({ type: 'turn' }, 'clock');
    case 'work':
      return work(s, num, iteration, false);
    case 'finish':
      return work(s, num, iteration, true);
    case 'deliver':
      return deliver(s, arg, false);
    case 'stale':
      return deliver(s, arg, true);
    case 'drop':
    case 'duplicate':
    case 'reorder':
    case 'delay':
      return channelFault(s, name, arg);
    case 'replay':
      return replay(s, arg);
    case 'replace':
    case 'restart':
      return newWorker(s, name, arg);
    case 'lie':
      return lie(s, arg);
    default:
      return fail(`asupersync has no step "${name}"`);
  }
}
