/**
 * `describe` of the asupersync model: one line per decision, in the
 * protocol's own words, computed **before** the decision is applied.
 *
 * Details:
 * - A message is written `Op(job)` (`CancelJob(1)`, `JobCompleted(1)`), or
 *   `Op` when it is about no job (`BootstrapReady`, `ShutdownWorker`).
 * - A delivery names the message at the head of the channel it moves;
 *   network faults name the message at their index; `replay` names the
 *   delivered-log entry it re-sends.
 * - Workers are named by id (`w1`, `w2`, ...); the main thread side is
 *   `coordinator`.
 *
 * Gotcha: scenario ordering pins match on these texts (by prefix), so
 * changing a wording changes what existing scenarios match. Keep them stable.
 *
 * @example
 * ```ts
 * describeAction(s, { type: 'deliver', gen: 1, to: 'worker' }); // 'deliver CancelJob(1) to worker w1'
 * describeAction(s, { type: 'cancel', job: 1 });                // 'cancel job 1'
 * ```
 * @module
 */
import type { WorkerEnvelope } from '../../protocol/index.js';
import type { Channel } from '../../sim/channel.js';
import type { AsupersyncAction, Direction } from './actions.js';
import { opJob } from './ops.js';
import type { AsupersyncState } from './state.js';

/** `Op(job)` or `Op` for an envelope; `?` when there is none. */
export function messageName(env: WorkerEnvelope | undefined): string {
  if (env === undefined) return '?';
  const job = opJob(env.op);
  return job === null ? env.op.type : `${env.op.type}(${job})`;
}

function channel(s: AsupersyncState, gen: number, to: Direction): Channel<WorkerEnvelope> | undefined {
  const g = s.gens[gen - 1];
  return g === undefined ? undefined : to === 'worker' ? g.down : g.up;
}

function route(gen: number, to: Direction): string {
  return to === 'worker' ? `to worker w${gen}` : `from worker w${gen} to coordinator`;
}

/** Describe `a` in state `s` (before it is applied). */
export function describeAction(s: AsupersyncState, a: AsupersyncAction): string {
  switch (a.type) {
    case 'spawn':
      return `spawn job ${a.job} (${a.steps} steps, ${a.outcome}, payload ${a.payload})`;
    case 'cancel':
    case 'poll':
    case 'remove':
      return `${a.type} job ${a.job}`;
    case 'shutdown':
      return 'shutdown';
    case 'turn':
      return 'turn';
    case 'deliver':
      return `deliver ${messageName(channel(s, a.gen, a.to)?.peek(0))} ${route(a.gen, a.to)}`;
    case 'bootstrap':
      return `${a.fail ? 'bootstrap-fail' : 'bootstrap'} w${a.gen}`;
    case 'step':
      return `step job ${a.job} on w${a.gen}`;
    case 'restart':
    case 'recover':
    case 'replace':
      return `${a.type} worker: w${a.gen} starts`;
    case 'drop':
    case 'duplicate':
    case 'reorder':
    case 'delay':
      return `${a.type} ${messageName(channel(s, a.gen, a.to)?.peek(a.index))} ${route(a.gen, a.to)}`;
    case 'replay':
      return `replay ${messageName(channel(s, a.gen, a.to)?.deliveredLog()[a.entry])} ${route(a.gen, a.to)}`;
    case 'lie':
      return `lie ${a.lie} about job ${a.job} from w${a.gen}${a.state === null ? '' : ` (${a.state})`}`;
    default: {
      const never: never = a;
      throw new Error(`asupersync: cannot describe ${JSON.stringify(never)}`);
    }
  }
}
