/**
 * `applicable` and `simplify` of the run-lifecycle model, the hooks
 * shrinking uses.
 *
 * Details:
 * - `apply` throws only for an unknown run (`slotOf`) or an unknown worker
 *   (`workerOf`); every other refusal (not due, lease not held, a stalled
 *   worker, a fenced finish) is an error value. So an action is applicable
 *   when the run and worker it names exist. A `duplicate-finish` is
 *   redelivered by the network and never looks its worker up.
 * - `simplify`: a `start` whose attempt needs no work (`work: 0`). Other
 *   values are either the point of a fault (a stall's length must outlast
 *   the lease) or not simpler in any useful sense (success vs failure).
 *
 * @example
 * ```ts
 * const c = initCluster(parseOptions(runLifecycleModel.defaultOptions));
 * isRunActionApplicable(c, { type: 'promote', run: 'r0' }); // true
 * isRunActionApplicable(c, { type: 'crash', worker: 'w99' }); // false
 * ```
 * @module
 */
import type { RunAction } from './actions.js';
import type { Cluster } from './cluster.js';

/** Whether `applyAction(c, a)` runs without throwing. */
export function isRunActionApplicable(c: Cluster, a: RunAction): boolean {
  const run = (id: string): boolean => c.slots.some((s) => s.run.id === id);
  const worker = (id: string): boolean => c.workers.some((w) => w.id === id);
  switch (a.type) {
    case 'tick':
      return true;
    case 'promote':
    case 'reap':
    case 'cancel':
    case 'duplicate-finish':
      return run(a.run);
    case 'lease':
    case 'start':
    case 'heartbeat':
    case 'finish':
      return run(a.run) && worker(a.worker);
    case 'stall':
    case 'crash':
      return worker(a.worker);
    default: {
      const never: never = a;
      throw new Error(`unknown run-lifecycle action ${JSON.stringify(never)}`);
    }
  }
}

/** Simpler variants of `a`: a `start` with no work. */
export function simplifyRunAction(a: RunAction): readonly RunAction[] {
  return a.type === 'start' && a.work > 0 ? [{ ...a, work: 0 }] : [];
}
