/**
 * The asupersync scenario vocabulary: steps in the protocol's own words
 * (`bootstrap: w1`, `spawn: {job: 1}`, `cancel: 1`, `deliver: CancelJob(1)`,
 * `finish: 1`, `replace`, `duplicate: JobCompleted(1)`, ...) resolved to
 * model actions against the current state.
 *
 * Details:
 * - Workload: `spawn`, `cancel`, `poll`, `shutdown`; clock: `turn`.
 * - Worker: `bootstrap` (`{ worker, fail }`), `work: N` (one unit of job N's
 *   work), `finish: N` (step job N until the worker completes it), `lie`
 *   (the faulty worker: `{ job, kind, state }`).
 * - Transport: `deliver` (a named message at a channel head, or the head of
 *   a direction), `stale` (the same, but it must come from a replaced
 *   worker: the late-message race), and the network faults `duplicate`,
 *   `drop`, `delay`, `reorder` (swap with the message behind), `replay`
 *   (re-send an already delivered message into the live channel).
 * - Supervisor: `replace` (a live worker dies mid-job), `restart` (after a
 *   worker stopped or failed to bootstrap).
 * - Steps that are faults in the model's catalog are recorded as those
 *   faults, so timelines mark them.
 * - Scenario option defaults: `jobs` is the highest job id the steps spawn
 *   and the workload's cancel, poll and shutdown rates are 0, so scheduler
 *   steps (`run`, `settle`) only move messages and work, never invent
 *   workload. The scenario's `options` override both.
 *
 * Gotcha: a step that does not fit the state returns an error rather than
 * an action the model would throw on; inside an exhaustive block that makes
 * the interleaving infeasible.
 *
 * @example
 * ```ts
 * asupersyncVocabulary.resolve(s, { name: 'deliver', arg: 'CancelJob(1)', at }, 0);
 * // { candidate: { action: { type: 'deliver', gen: 1, to: 'worker' }, actor: 'w1' } }
 * ```
 * @module
 */
import { JOB_STATES } from '../../protocol/index.js';
import type { ScenarioVocabulary } from '../../scenario/vocabulary.js';
import type { StepSpec } from '../../scenario/types.js';
import type { AsupersyncAction } from './actions.js';
import { describeAction } from './describe.js';
import { asupersyncModel } from './model.js';
import { obj, resolveStep } from './scenario-resolve.js';
import { ASUPERSYNC_STEPS } from './scenario-steps.js';
import type { AsupersyncState } from './state.js';
import type { AsupersyncView } from './view.js';

/** Highest job id the steps spawn, counting bare spawns as the next id. */
function spawnedJobs(steps: readonly StepSpec[]): number {
  let next = 1;
  for (const st of steps) {
    if (st.name !== 'spawn') continue;
    const o = typeof st.arg === 'number' ? { job: st.arg } : obj(st.arg);
    const job = typeof o.job === 'number' ? o.job : next;
    next = Math.max(next, job + 1);
  }
  return next - 1;
}

/** The asupersync scenario vocabulary. */
export const asupersyncVocabulary: ScenarioVocabulary<AsupersyncState, AsupersyncView, AsupersyncAction> = {
  model: asupersyncModel,
  steps: ASUPERSYNC_STEPS,
  entityField: 'jobs',
  entityStates: [...JOB_STATES, 'untracked'],
  hasOutcomes: true,
  scenarioOptions: (steps) => ({ jobs: spawnedJobs(steps), cancelRate: 0, pollRate: 0, shutdownRate: 0 }),
  resolve(s, step, iteration) {
    // The schema rules out unreadable message names in files, but a StepSpec built in code is not schema-checked.
    try {
      return resolveStep(s, step, iteration);
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    }
  },
  describe: describeAction,
  entities(s) {
    const out = new Map<string, { state: string; outcome: string | null }>();
    for (const j of s.coordinator.trackedJobs()) out.set(String(j.jobId), { state: j.state, outcome: s.notes.get(Number(j.jobId))?.outcome ?? null });
    return out;
  },
};
