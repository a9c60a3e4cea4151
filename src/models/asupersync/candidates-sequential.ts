/**
 * `candidates` of the asupersync model under the `sequential` workload: the
 * protocol's lockstep workload, one job at a time (see `WorkloadKind`).
 *
 * Details:
 * - The workload's script for job `k`: `spawn` (fixed plan, nothing drawn);
 *   an odd `k` is cancelled once the coordinator holds it `Running`; once the
 *   coordinator holds it terminal it is removed; then the host turn ends
 *   (`turn`) before job `k + 1` is spawned.
 * - The worker starts every job (reporting `StatusSnapshot(Running)`) and
 *   finishes even ones by itself; an odd job, once running, waits for its
 *   cancel, so its cancel never races a completion unless a fault makes it.
 * - Deliveries, bootstrap, restart, recovery and faults are offered as in the
 *   random workload, and the scheduler interleaves whatever is enabled.
 *
 * Gotcha: the script is offered in the heal phase too (it is what settles
 * the run), and the coordinator holds at most one job, so nothing here scans
 * a growing list.
 *
 * @example
 * ```ts
 * sequentialCandidates(s, ctx).map((c) => c.action.type); // ['bootstrap'] at the start
 * ```
 * @module
 */
import { isTerminal } from '../../protocol/index.js';
import type { Candidate, CandidateContext } from '../../sim/model.js';
import type { AsupersyncAction, SpawnAction } from './actions.js';
import { canSpawn, closingCandidates, transportCandidates } from './candidates.js';
import { currentGen } from './generation.js';
import { jobIdOf } from './ops.js';
import type { AsupersyncState } from './state.js';

type C = Candidate<AsupersyncAction>;

/** The plan of every sequential job: started with a `Running` snapshot, one unit of work, 8 bytes in and 4 out. */
const PLAN = { steps: 1, outcome: 'ok', payload: 8, result: 4, snapshot: true } as const;

// The host turn's candidate, the same every time: shared (and frozen, so no reader can change it for the next step).
const TURN: C = Object.freeze({ action: Object.freeze({ type: 'turn' }), actor: 'clock' });

/** The spawn of job `job` in the sequential workload. */
export function sequentialSpawn(job: number): SpawnAction {
  return { type: 'spawn', job, steps: PLAN.steps, outcome: PLAN.outcome, payload: PLAN.payload, result: PLAN.result, snapshot: PLAN.snapshot };
}

/** Every enabled decision, in a deterministic order. */
export function sequentialCandidates(s: AsupersyncState, ctx: CandidateContext): readonly C[] {
  const out: C[] = [];
  const c = s.coordinator;
  const g = currentGen(s);
  const job = s.nextJob - 1;
  const id = job >= 1 ? jobIdOf(job) : 0n;
  const state = job >= 1 ? c.jobState(id) : undefined;
  if (state === undefined) {
    // Between jobs: the turn that ended with the last removal, then the next spawn.
    if (job >= 1 && !s.lastWasTurn) out.push(TURN);
    else if (canSpawn(s)) out.push({ action: sequentialSpawn(s.nextJob), actor: 'workload' });
  } else if (isTerminal(state)) {
    out.push({ action: { type: 'remove', job }, actor: 'workload' });
  } else if (state === 'Running' && job % 2 === 1 && s.notes.get(job)?.cancelled !== true && !c.isShutdownRequested()) {
    out.push({ action: { type: 'cancel', job }, actor: 'workload' });
  }
  transportCandidates(g, out);
  if (g.worker.state === 'ready' && job >= 1) {
    const w = g.worker.jobState(id);
    if (w === 'Queued' || (w === 'Running' && job % 2 === 0)) out.push({ action: { type: 'step', gen: g.gen, job }, actor: g.workerId });
  }
  closingCandidates(s, ctx, out);
  return out;
}
