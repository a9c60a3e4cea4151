/**
 * `runLifecycleModel`: the scheduled-run lifecycle of the actionqueue seed as
 * a lockstep model, a second protocol proving the simulator core is generic.
 *
 * A scheduler promotes runs, workers lease, start, heartbeat and finish
 * them, and a reaper reclaims runs whose lease (measured in virtual ticks)
 * expired, possibly while the old worker is still running. The old worker's
 * late finish must then be fenced by attempt ownership (`finish_attempt`).
 *
 * Details:
 * - Options: `runs`, `workers`, `leaseTicks`, `maxAttempts`, `retryBackoff`,
 *   `failureRate`, and `bugNoFencing` (a deliberate bug for testing the
 *   invariants: stale finishes are accepted).
 * - Faults: see {@link RUN_LIFECYCLE_FAULTS}; invariants: see
 *   {@link RUN_LIFECYCLE_INVARIANTS}. Named race events in traces include
 *   `lease-expired-while-running`, `stale-finish-rejected`,
 *   `duplicate-finish-rejected`, `cancel-vs-finish`, `finish-after-cancel`.
 * - `settled`: every run terminal. Heal-phase progress is guaranteed because
 *   every non-terminal run is promotable, leasable, startable, finishable or
 *   reapable after enough ticks, and attempts are bounded.
 *
 * Gotcha: the transition table is an assumption (the seed does not include
 * it); see `run-state.ts`.
 *
 * @example
 * ```ts
 * const r = simulate({ model: runLifecycleModel, seed: 7n, profile: 'adversarial' });
 * r.violations; // []
 * ```
 * @module
 */
import type { Model } from '../../sim/model.js';
import { parseRunAction, type RunAction } from './actions.js';
import { applyAction } from './apply.js';
import { isRunActionApplicable, simplifyRunAction } from './applicable.js';
import { buildCandidates } from './candidates.js';
import { initCluster, parseOptions, type Cluster } from './cluster.js';
import { RUN_LIFECYCLE_FAULTS } from './faults.js';
import { RUN_LIFECYCLE_INVARIANTS } from './invariants.js';
import { clusterOutcome, clusterSettled, digestCluster, observeCluster, type ClusterView } from './view.js';

/** The run-lifecycle model. */
export const runLifecycleModel: Model<Cluster, ClusterView, RunAction> = {
  name: 'run-lifecycle',
  description: 'actionqueue RunInstance lifecycle: leases with virtual-time expiry, a reaper, and attempt-ownership fencing',
  defaultOptions: {
    runs: 5,
    workers: 3,
    leaseTicks: 3,
    maxAttempts: 3,
    retryBackoff: 1,
    failureRate: 0.3,
    bugNoFencing: false,
  },
  faults: RUN_LIFECYCLE_FAULTS,
  invariants: RUN_LIFECYCLE_INVARIANTS,
  init: (options) => initCluster(parseOptions(options)),
  candidates: buildCandidates,
  apply: applyAction,
  observe: observeCluster,
  digest: digestCluster,
  settled: clusterSettled,
  outcome: clusterOutcome,
  parseAction: parseRunAction,
  applicable: isRunActionApplicable,
  simplify: simplifyRunAction,
};
