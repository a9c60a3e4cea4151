/**
 * The run-lifecycle scenario vocabulary: the scheduler, workers and reaper
 * of the actionqueue seed in their own words (`promote: r0`,
 * `lease: {worker: w0, run: r0}`, `start: {worker: w0, work: 9}`,
 * `finish: w0`, `reap: r0`, `stall: {worker: w0, ticks: 3}`, `tick: 2`).
 *
 * Details:
 * - Workers act on their *belief*: `start`, `heartbeat` and `finish` name
 *   only the worker; the run and attempt are what that worker believes it
 *   holds. A finish from a worker whose attempt is no longer the run's
 *   current one is recorded as the `stale-finish` fault.
 * - Faults of the catalog keep their names: `stall` is `lease-expiry`,
 *   `crash` is `worker-crash`, `cancel` is `cancel-race`,
 *   `duplicate-finish` redelivers the run's last accepted finish.
 * - The model has no `describe`, so this vocabulary supplies one for pins:
 *   `finish r0/a1 by w0 (success)`, `reap r0`, `lease r0 by w1`.
 *
 * Gotcha: rejections (`LeaseNotHeld`, `AttemptOwnershipMismatch`, ...) are
 * data, not step errors; a step errors only when its run or worker does not
 * exist or the worker holds nothing to act on.
 *
 * @example
 * ```ts
 * runLifecycleVocabulary.resolve(c, { name: 'reap', arg: 'r0', at }, 0); // { candidate: { action: { type: 'reap', run: 'r0' }, actor: 'reaper' } }
 * ```
 * @module
 */
import type { Json } from '../../sim/json.js';
import type { Candidate } from '../../sim/model.js';
import type { Resolution, SchemaNode, ScenarioVocabulary, StepDefinition } from '../../scenario/vocabulary.js';
import type { RunAction } from './actions.js';
import type { Cluster, WorkerState } from './cluster.js';
import { FAULT } from './faults.js';
import { runLifecycleModel } from './model.js';
import { RUN_STATES } from './run-state.js';
import type { ClusterView } from './view.js';

type R = Resolution<RunAction>;
type Obj = { readonly [key: string]: Json };

const RUN: SchemaNode = { type: 'string', pattern: '^r[0-9]+$', description: 'a run id such as r0' };
const WORKER: SchemaNode = { type: 'string', pattern: '^w[0-9]+$', description: 'a worker id such as w0' };
const OUTCOME: SchemaNode = { type: 'string', enum: ['success', 'failure'] };

const STEPS: { readonly [name: string]: StepDefinition } = {
  tick: { description: 'virtual time advances one tick (`tick: 3` for three)', bare: true, schema: { type: 'integer', minimum: 1, maximum: 10000 } },
  promote: { description: 'the scheduler promotes a due run to Ready: `promote: r0`', schema: RUN },
  lease: { description: 'an idle worker leases a Ready run: `lease: {worker: w0, run: r0}`', schema: obj({ worker: WORKER, run: RUN }, ['worker', 'run']) },
  start: { description: 'the lease holder starts its run; its work takes `work` ticks: `start: {worker: w0, work: 3}`', schema: obj({ worker: WORKER, work: { type: 'integer', minimum: 0 } }, ['worker']) },
  heartbeat: { description: 'a worker renews the lease of the attempt it believes it owns: `heartbeat: w0`', schema: WORKER },
  finish: {
    description: 'a worker reports the attempt it believes it owns: `finish: w0` or `finish: {worker: w0, outcome: failure}`',
    schema: { anyOf: [WORKER, obj({ worker: WORKER, outcome: OUTCOME }, ['worker'])] },
  },
  reap: { description: 'the reaper reclaims a run whose lease expired: `reap: r0`', schema: RUN },
  stall: { description: 'a worker pauses for some ticks (fault lease-expiry): `stall: {worker: w0, ticks: 3}`', schema: obj({ worker: WORKER, ticks: { type: 'integer', minimum: 1 } }, ['worker', 'ticks']) },
  'duplicate-finish': { description: 'the network redelivers the run\'s last accepted finish report: `duplicate-finish: r0`', schema: RUN },
  cancel: { description: 'an operator cancels a run (fault cancel-race): `cancel: r0`', schema: RUN },
  crash: { description: 'a worker crashes and forgets what it held (fault worker-crash): `crash: w0`', schema: WORKER },
};

function obj(properties: { readonly [key: string]: SchemaNode }, required: readonly string[]): SchemaNode {
  return { type: 'object', additionalProperties: false, required: [...required], properties };
}

const act = (action: RunAction, actor: string, fault?: string): R => ({
  candidate: (fault === undefined ? { action, actor } : { action, actor, fault }) as Candidate<RunAction>,
});

function fields(arg: Json, key: string): Obj {
  return typeof arg === 'string' ? { [key]: arg } : arg !== null && typeof arg === 'object' && !Array.isArray(arg) ? (arg as Obj) : {};
}

function worker(c: Cluster, id: Json): WorkerState | string {
  const w = c.workers.find((x) => x.id === id);
  return w ?? `there is no worker ${String(id)} (workers: ${c.workers.map((x) => x.id).join(', ')})`;
}

function run(c: Cluster, id: Json): string | { error: string } {
  return c.slots.some((s) => s.run.id === id) ? String(id) : { error: `there is no run ${String(id)} (runs: ${c.slots.map((s) => s.run.id).join(', ')})` };
}

function resolveStep(c: Cluster, name: string, arg: Json, iteration: number): R {
  if (name === 'tick') return iteration < (typeof arg === 'number' ? arg : 1) ? act({ type: 'tick' }, 'clock') : { done: true };
  if (iteration > 0) return { done: true };
  const o = fields(arg, name === 'promote' || name === 'reap' || name === 'cancel' || name === 'duplicate-finish' ? 'run' : 'worker');
  if (name === 'promote' || name === 'reap' || name === 'cancel' || name === 'duplicate-finish') {
    const r = run(c, o.run ?? null);
    if (typeof r !== 'string') return r;
    if (name === 'promote') return act({ type: 'promote', run: r }, 'scheduler');
    if (name === 'reap') return act({ type: 'reap', run: r }, 'reaper');
    if (name === 'cancel') return act({ type: 'cancel', run: r }, 'operator', FAULT.cancelRace);
    const f = c.slots.find((s) => s.run.id === r)?.lastFinish ?? null;
    if (f === null) return { error: `run ${r} has no accepted finish report to redeliver` };
    return act({ type: 'duplicate-finish', worker: f.worker, run: r, attempt: f.attempt, outcome: f.outcome }, 'network', FAULT.duplicateFinish);
  }
  const w = worker(c, o.worker ?? null);
  if (typeof w === 'string') return { error: w };
  const actor = `worker:${w.id}`;
  switch (name) {
    case 'lease': {
      const r = run(c, o.run ?? null);
      return typeof r === 'string' ? act({ type: 'lease', worker: w.id, run: r }, actor) : r;
    }
    case 'stall':
      return act({ type: 'stall', worker: w.id, ticks: typeof o.ticks === 'number' ? o.ticks : 1 }, actor, FAULT.leaseExpiry);
    case 'crash':
      return act({ type: 'crash', worker: w.id }, actor, FAULT.workerCrash);
    default:
      break;
  }
  const h = w.holding;
  if (h === null) return { error: `worker ${w.id} holds no run` };
  if (name === 'start') return act({ type: 'start', worker: w.id, run: h.run, work: typeof o.work === 'number' ? o.work : 0 }, actor);
  if (h.attempt === null) return { error: `worker ${w.id} holds run ${h.run} but has not started an attempt` };
  if (name === 'heartbeat') return act({ type: 'heartbeat', worker: w.id, run: h.run, attempt: h.attempt }, actor);
  if (name === 'finish') {
    const outcome = o.outcome === 'failure' ? 'failure' : 'success';
    const current = c.slots.find((s) => s.run.id === h.run)?.run.currentAttemptId ?? null;
    const stale = current !== null && current !== h.attempt;
    return act({ type: 'finish', worker: w.id, run: h.run, attempt: h.attempt, outcome }, actor, stale ? FAULT.staleFinish : undefined);
  }
  return { error: `run-lifecycle has no step "${name}"` };
}

/** One line per action, for pins and reports. */
export function describeRunAction(a: RunAction): string {
  switch (a.type) {
    case 'tick':
      return 'tick';
    case 'promote':
    case 'reap':
    case 'cancel':
      return `${a.type} ${a.run}`;
    case 'lease':
      return `lease ${a.run} by ${a.worker}`;
    case 'start':
      return `start ${a.run} by ${a.worker} (work ${a.work})`;
    case 'heartbeat':
      return `heartbeat ${a.attempt} by ${a.worker}`;
    case 'finish':
    case 'duplicate-finish':
      return `${a.type} ${a.attempt} by ${a.worker} (${a.outcome})`;
    case 'stall':
      return `stall ${a.worker} for ${a.ticks} ticks`;
    case 'crash':
      return `crash ${a.worker}`;
    default: {
      const never: never = a;
      throw new Error(`run-lifecycle: cannot describe ${JSON.stringify(never)}`);
    }
  }
}

/** The run-lifecycle scenario vocabulary. */
export const runLifecycleVocabulary: ScenarioVocabulary<Cluster, ClusterView, RunAction> = {
  model: runLifecycleModel,
  steps: STEPS,
  entityField: 'runs',
  entityStates: RUN_STATES,
  hasOutcomes: false,
  scenarioOptions: () => ({}),
  resolve: (c, step, iteration) => resolveStep(c, step.name, step.arg, iteration),
  describe: (_c, a) => describeRunAction(a),
  entities: (c) => new Map(c.slots.map((s) => [s.run.id, { state: s.run.state, outcome: null }])),
};
