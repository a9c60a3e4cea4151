/**
 * `apply` of the run-lifecycle model: dispatch one action to its handler.
 *
 * Deterministic in (state, action) and never draws: every random choice is
 * already in the action. Rejections are data (`effects.error`), never thrown;
 * an unknown run or worker id in a hand-edited trace does throw, which the
 * core records as `no-uncaught-exception`.
 *
 * @example
 * ```ts
 * applyAction(cluster, { type: 'tick' }); // { envelopes: [], error: null, events: [] }
 * ```
 * @module
 */
import type { StepEffects } from '../../sim/model.js';
import type { RunAction } from './actions.js';
import type { Cluster } from './cluster.js';
import { cancel, crash, promote, reap, stall, tick } from './housekeeping.js';
import { finish, heartbeat, lease, start } from './worker-rpc.js';

/** Apply one decision to the cluster (mutates it). */
export function applyAction(c: Cluster, a: RunAction): StepEffects {
  switch (a.type) {
    case 'tick':
      return tick(c);
    case 'promote':
      return promote(c, a);
    case 'lease':
      return lease(c, a);
    case 'start':
      return start(c, a);
    case 'heartbeat':
      return heartbeat(c, a);
    case 'finish':
    case 'duplicate-finish':
      return finish(c, a);
    case 'reap':
      return reap(c, a);
    case 'stall':
      return stall(c, a);
    case 'cancel':
      return cancel(c, a);
    case 'crash':
      return crash(c, a);
    default: {
      const never: never = a;
      throw new Error(`unknown run-lifecycle action ${JSON.stringify(never)}`);
    }
  }
}
