/**
 * `candidates` of the asupersync model: what each actor may do now.
 *
 * Details:
 * - Actors: `workload` (spawn, cancel, poll, shutdown), `clock` (turn),
 *   `coordinator` (receives from a worker), `w<gen>` (the live worker:
 *   receives, bootstraps, steps a job, lies), `supervisor` (restart, recover,
 *   replace), `network` (channel faults).
 * - Draws: the workload's gates and sizes from `workload`, a job's behaviour
 *   from `job:w<gen>` (the worker that will run it), fault targets from
 *   `fault-params`. All draws happen here and are baked into actions.
 * - **Heal phase**: no faults, and the workload stops cancelling, polling and
 *   shutting down; only work that moves the run towards `settled` is
 *   offered (including, with `postOn: 'turn'`, the turn that posts the
 *   coordinator's queued envelopes). When nothing else is possible and the run is not settled, the
 *   supervisor offers `recover` (replace the stuck worker; its replacement's
 *   bootstrap fails the old session's jobs). So every heal step either makes
 *   progress or recovers, which is what bounds the heal phase.
 *
 * Gotcha: a dead generation's messages are only ever delivered by the
 * `late-message` fault; in the heal phase they stay in flight untouched.
 *
 * @example
 * ```ts
 * buildCandidates(state, ctx).map((c) => c.action.type); // ['turn', 'bootstrap']
 * ```
 * @module
 */
import { MAX_PAYLOAD_BYTES, isTerminal, type JobState } from '../../protocol/index.js';
import type { Candidate, CandidateContext } from '../../sim/model.js';
import type { RngStream } from '../../sim/rng.js';
import type { WorkerJobState } from '../../worker/index.js';
import type { AsupersyncAction, Direction, Lie, OutcomeKind, SpawnAction } from './actions.js';
import { FAULT } from './faults.js';
import { currentGen, type Generation } from './generation.js';
import type { AsupersyncState } from './state.js';
import { isSettled } from './view.js';

type C = Candidate<AsupersyncAction>;

/** Whether the workload may spawn its next job now. */
export function canSpawn(s: AsupersyncState): boolean {
  const c = s.coordinator;
  return s.nextJob <= s.options.jobs && c.isWorkerReady() && !c.isShutdownRequested();
}

/** Worker job states in which the job can take a step. */
const STEPPABLE: ReadonlySet<WorkerJobState> = new Set(['Queued', 'Running']);

/** Every enabled decision, in a deterministic order. */
export function buildCandidates(s: AsupersyncState, ctx: CandidateContext): readonly C[] {
  const out: C[] = [];
  const heal = ctx.phase === 'heal';
  const g = currentGen(s);
  if (canSpawn(s)) out.push({ action: spawnAction(s, ctx, null), actor: 'workload' });
  if (!heal) workloadExtras(s, ctx.rng('workload'), out);
  if (turnOffered(s, heal)) out.push({ action: { type: 'turn' }, actor: 'clock' });
  transportCandidates(g, out);
  if (g.worker.state === 'ready') {
    for (const id of g.worker.jobIdsIn(STEPPABLE)) out.push({ action: { type: 'step', gen: g.gen, job: Number(id) }, actor: g.workerId });
  }
  closingCandidates(s, ctx, out);
  return out;
}

/** The live worker's deliveries in both directions and its bootstrap (both workloads, after the workload's own). */
export function transportCandidates(g: Generation, out: C[]): void {
  if (g.up.length > 0) out.push(g.offers.toCoordinator);
  const ws = g.worker.state;
  // A booting worker has not started listening yet; its port holds messages until it does.
  if (g.down.length > 0 && ws !== 'booting') out.push(g.offers.toWorker);
  if (ws === 'booting') out.push(g.offers.bootstrap);
}

/**
 * The supervisor's restart of a finished worker, its recovery of a stuck run
 * (heal phase, when nothing else is offered) and the fault phase's faults:
 * the last candidates of both workloads.
 */
export function closingCandidates(s: AsupersyncState, ctx: CandidateContext, out: C[]): void {
  const g = currentGen(s);
  const heal = ctx.phase === 'heal';
  const ws = g.worker.state;
  const finished = ws === 'failed' || ws === 'stopped';
  if (finished && g.up.length === 0 && g.down.length === 0 && !isSettled(s)) {
    out.push({ action: { type: 'restart', gen: g.gen + 1 }, actor: 'supervisor' });
  }
  if (heal && out.length === 0 && !isSettled(s)) out.push({ action: { type: 'recover', gen: g.gen + 1 }, actor: 'supervisor' });
  // A context that knows no fault is enabled lets the model skip asking about each one.
  if (!heal && ctx.anyFaultEnabled !== false) faultCandidates(s, ctx, out);
}

/**
 * A turn is offered in the fault phase, never twice in a row; with
 * `postOn: 'turn'` also in the heal phase while the coordinator has queued
 * envelopes, because only a turn posts them (a turn empties the outbox, so
 * that is never twice in a row either).
 */
function turnOffered(s: AsupersyncState, heal: boolean): boolean {
  if (!heal) return !s.lastWasTurn;
  return s.options.postOn === 'turn' && s.coordinator.pendingCount > 0;
}

function spawnAction(s: AsupersyncState, ctx: CandidateContext, limit: 'payload-at' | 'payload-over' | 'result-at' | 'result-over' | null): SpawnAction {
  const o = s.options;
  const w = ctx.rng('workload');
  const job = ctx.rng(`job:${currentGen(s).workerId}`);
  const steps = job.int(o.maxJobSteps + 1);
  const roll = job.next();
  const outcome: OutcomeKind = roll < o.errRate ? 'err' : roll < o.errRate + o.panicRate ? 'panic' : 'ok';
  const snapshot = job.chance(o.snapshotRate);
  let result = job.pick(o.payloadSizes);
  let payload = w.pick(o.payloadSizes);
  if (limit === 'payload-at') payload = MAX_PAYLOAD_BYTES;
  if (limit === 'payload-over') payload = MAX_PAYLOAD_BYTES + 1;
  if (limit === 'result-at' || limit === 'result-over') result = MAX_PAYLOAD_BYTES + (limit === 'result-over' ? 1 : 0);
  return { type: 'spawn', job: s.nextJob, steps, outcome: limit?.startsWith('result') === true ? 'ok' : outcome, payload, result, snapshot };
}

function workloadExtras(s: AsupersyncState, w: RngStream, out: C[]): void {
  const c = s.coordinator;
  // One draw per gate every step, whatever the state, so gates never shift later draws.
  const cancelGate = w.chance(s.options.cancelRate);
  const pollGate = w.chance(s.options.pollRate);
  const shutdownGate = w.chance(s.options.shutdownRate);
  if (c.isShutdownRequested()) return;
  // The tracked jobs are only needed (and only sorted) when a gate is open, which is rare.
  const jobs = cancelGate || pollGate ? c.trackedJobs() : [];
  const cancel = cancelGate ? pickWhere(w, jobs, cancellable) : undefined;
  if (cancel !== undefined) out.push({ action: { type: 'cancel', job: Number(cancel.jobId) }, actor: 'workload' });
  const poll = pollGate ? pickWhere(w, jobs, open) : undefined;
  if (poll !== undefined) out.push({ action: { type: 'poll', job: Number(poll.jobId) }, actor: 'workload' });
  if (shutdownGate && c.isWorkerReady()) out.push({ action: { type: 'shutdown' }, actor: 'workload' });
}

const cancellable = (state: JobState): boolean => state === 'Queued' || state === 'Running';
const open = (state: JobState): boolean => !isTerminal(state);

/** `w.pick(jobs.filter(j => wanted(j.state)))` with the same single draw, without building the list; undefined (no draw) when none qualifies. */
function pickWhere<J extends { readonly state: JobState }>(w: RngStream, jobs: readonly J[], wanted: (state: JobState) => boolean): J | undefined {
  let count = 0;
  for (const j of jobs) if (wanted(j.state)) count++;
  if (count === 0) return undefined;
  let k = w.int(count);
  for (const j of jobs) if (wanted(j.state) && k-- === 0) return j;
  return undefined;
}

const CHANNEL_FAULTS = [FAULT.drop, FAULT.duplicate, FAULT.reorder, FAULT.delay] as const;
const OWNED_STATES: readonly JobState[] = ['Created', 'CancelRequested', 'Draining', 'Finalizing'];
const LIMITS = ['payload-at', 'payload-over', 'result-at', 'result-over'] as const;
// The directions a channel fault may target, as constants: the pick draws the same whether one or both qualify.
const BOTH_DIRS: readonly Direction[] = ['worker', 'coordinator'];
const WORKER_DIR: readonly Direction[] = ['worker'];
const COORDINATOR_DIR: readonly Direction[] = ['coordinator'];

/** The fault phase's fault candidates, appended to `out`. */
function faultCandidates(s: AsupersyncState, ctx: CandidateContext, out: C[]): void {
  const g = currentGen(s);
  const on = (name: string): boolean => ctx.faultEnabled(name);
  const p = (): RngStream => ctx.rng('fault-params');
  const ws = g.worker.state;
  if (on(FAULT.workerReplaced) && (ws === 'booting' || ws === 'ready') && busy(s, g)) {
    out.push({ action: { type: 'replace', gen: g.gen + 1 }, actor: 'supervisor', fault: FAULT.workerReplaced });
  }
  if (on(FAULT.bootstrapFailure) && ws === 'booting') {
    out.push({ action: { type: 'bootstrap', gen: g.gen, fail: true }, actor: g.workerId, fault: FAULT.bootstrapFailure });
  }
  if (on(FAULT.lateMessage)) {
    for (const d of s.gens) {
      if (d !== g && d.up.length > 0) out.push({ action: { type: 'deliver', gen: d.gen, to: 'coordinator' }, actor: 'coordinator', fault: FAULT.lateMessage });
    }
  }
  for (const name of CHANNEL_FAULTS) {
    if (!on(name)) continue;
    const min = name === FAULT.reorder ? 2 : 1;
    const toWorker = g.down.length >= min;
    const toCoordinator = g.up.length >= min;
    if (!toWorker && !toCoordinator) continue;
    const to = p().pick(toWorker && toCoordinator ? BOTH_DIRS : toWorker ? WORKER_DIR : COORDINATOR_DIR);
    const index = p().int(channel(g, to).length - min + 1);
    out.push({ action: { type: name, gen: g.gen, to, index }, actor: 'network', fault: name });
  }
  if (on(FAULT.replay)) replayCandidate(s, p, out);
  if (on(FAULT.faultyWorker) && ws === 'ready') lieCandidate(g, p(), out);
  // The sequential workload spawns only between jobs, so its limit spawn does too (counted only when the fault is on).
  if (on(FAULT.payloadLimit) && canSpawn(s) && s.limitSpawns === 0 && (s.options.workload === 'random' || s.coordinator.inflightCount() === 0)) {
    const limit = p().pick(LIMITS);
    out.push({ action: spawnAction(s, ctx, limit), actor: 'workload', fault: FAULT.payloadLimit });
  }
}

/** Whether any work is under way: a replacement is only offered then. */
function busy(s: AsupersyncState, g: Generation): boolean {
  return g.up.length > 0 || g.down.length > 0 || s.coordinator.inflightCount() > 0;
}

/**
 * Replay a delivered message: the sources are every (generation, direction)
 * with a delivered log, generations in order, `worker` before
 * `coordinator`; one is picked uniformly, then one entry of its log.
 * Counted and indexed in place rather than listed, with the same two draws.
 */
function replayCandidate(s: AsupersyncState, p: () => RngStream, out: C[]): void {
  let sources = 0;
  for (const h of s.gens) {
    if (h.down.deliveredLog().length > 0) sources++;
    if (h.up.deliveredLog().length > 0) sources++;
  }
  if (sources === 0) return;
  let k = p().int(sources);
  for (const h of s.gens) {
    for (const to of BOTH_DIRS) {
      if (channel(h, to).deliveredLog().length === 0 || k-- > 0) continue;
      const entry = p().int(channel(h, to).deliveredLog().length);
      out.push({ action: { type: 'replay', gen: h.gen, to, entry }, actor: 'network', fault: FAULT.replay });
      return;
    }
  }
}

function channel(g: Generation, to: Direction): Generation['down'] {
  return to === 'worker' ? g.down : g.up;
}

const LIES = ['finalize-without-drain', 'completed-while-finalizing', 'owned-state-snapshot', 'terminal-snapshot'] as const satisfies readonly Lie[];
const TERMINAL_SNAPSHOT_STATES = ['Completed', 'Failed'] as const;
// Every worker job state, as a record so that a new state fails to compile here until it is placed.
const ANY_WORKER_STATE: Record<WorkerJobState, true> = { Queued: true, Running: true, Draining: true, Finalizing: true, Completed: true };
/** The jobs each lie may be told about, by worker job state. */
const LIE_TARGETS: Record<Lie, ReadonlySet<WorkerJobState>> = {
  'finalize-without-drain': new Set(['Queued', 'Running', 'Draining']),
  'completed-while-finalizing': new Set(['Draining', 'Finalizing']),
  'owned-state-snapshot': new Set(Object.keys(ANY_WORKER_STATE) as WorkerJobState[]),
  'terminal-snapshot': new Set(Object.keys(ANY_WORKER_STATE) as WorkerJobState[]),
};

function lieCandidate(g: Generation, p: RngStream, out: C[]): void {
  const lie = p.pick(LIES);
  const eligible = g.worker.jobIdsIn(LIE_TARGETS[lie]);
  if (eligible.length === 0) return;
  const job = Number(p.pick(eligible));
  const state = lie === 'owned-state-snapshot' ? p.pick(OWNED_STATES) : lie === 'terminal-snapshot' ? p.pick(TERMINAL_SNAPSHOT_STATES) : null;
  out.push({ action: { type: 'lie', gen: g.gen, job, lie, state }, actor: g.workerId, fault: FAULT.faultyWorker });
}
