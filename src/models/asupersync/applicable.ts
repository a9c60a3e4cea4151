/**
 * `applicable` of the asupersync model: whether `apply` can execute an action
 * in a state without throwing.
 *
 * Details:
 * - Mirrors the checks `apply` makes through `live` and `genOf`
 *   (`generation.ts`), the non-empty channel checks of `transport.ts`, the
 *   queue and delivered-log index checks of `fault-actions.ts` and `Channel`,
 *   and the new-worker rule of `apply.ts` (generation `gens.length + 1`).
 * - Workload and clock actions (`spawn`, `cancel`, `poll`, `shutdown`,
 *   `turn`) always apply: the coordinator answers a bad job id or a second
 *   shutdown with an error value, which is data, not a crash.
 * - Used by shrinking (and scenarios) to skip a decision that a shorter run
 *   no longer enables, e.g. a delivery whose message was never sent.
 *
 * Gotcha: a spawn's `payload` and `result` are allocated as byte arrays; a
 * hand-written size beyond what the platform can allocate would still throw.
 * Candidates and simplifications never produce one (at most
 * `MAX_PAYLOAD_BYTES + 1`), so that case is not modelled here.
 *
 * @example
 * ```ts
 * const s = initState(parseOptions(ASUPERSYNC_DEFAULT_OPTIONS), 1n);
 * isApplicable(s, { type: 'bootstrap', gen: 1, fail: false }); // true
 * isApplicable(s, { type: 'deliver', gen: 1, to: 'coordinator' }); // false: nothing sent yet
 * isApplicable(s, { type: 'restart', gen: 3 }); // false: the next generation is 2
 * ```
 * @module
 */
import type { AsupersyncAction, Direction } from './actions.js';
import type { Generation } from './generation.js';
import type { AsupersyncState } from './state.js';

/** Whether `applyAction(s, a)` runs without throwing. */
export function isApplicable(s: AsupersyncState, a: AsupersyncAction): boolean {
  const exists = (gen: number): Generation | undefined => (gen >= 1 ? s.gens[gen - 1] : undefined);
  const isLive = (gen: number): boolean => gen === s.gens.length && exists(gen) !== undefined;
  switch (a.type) {
    case 'spawn':
    case 'cancel':
    case 'poll':
    case 'remove':
    case 'shutdown':
    case 'turn':
      return true;
    case 'deliver': {
      const g = exists(a.gen);
      if (g === undefined) return false;
      if (a.to === 'worker') return isLive(a.gen) && g.down.length > 0;
      return g.up.length > 0;
    }
    case 'bootstrap':
    case 'step':
    case 'lie':
      return isLive(a.gen);
    case 'restart':
    case 'recover':
    case 'replace':
      return a.gen === s.gens.length + 1;
    case 'drop':
    case 'duplicate':
    case 'delay':
    case 'reorder': {
      const g = exists(a.gen);
      if (g === undefined) return false;
      // `reorder` swaps `index` with `index + 1`, so both must be queued.
      const needed = a.type === 'reorder' ? a.index + 2 : a.index + 1;
      return channelOf(g, a.to).length >= needed;
    }
    case 'replay': {
      const g = exists(a.gen);
      return g !== undefined && a.entry < channelOf(g, a.to).deliveredLog().length;
    }
    default: {
      const never: never = a;
      throw new Error(`asupersync: unhandled action ${JSON.stringify(never)}`);
    }
  }
}

function channelOf(g: Generation, to: Direction): Generation['down'] {
  return to === 'worker' ? g.down : g.up;
}
