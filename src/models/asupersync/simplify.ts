/**
 * Shrinking hooks of the asupersync model: `simplify` (simpler variants of
 * one action) and `rebase` (renumber generations when a worker restart is
 * removed from a run).
 *
 * Details:
 * - **simplify.** A spawn becomes the plainest job first (0 steps, outcome
 *   `ok`, empty payload and result, no snapshot), then one field at a time.
 *   A channel fault targets the head of the queue (`index` 0), a replay the
 *   oldest logged message (`entry` 0). Variants keep the original's fault
 *   tag, so a variant never crosses the fault line: a spawn at or over the
 *   payload limit (the `payload-limit` fault) keeps its oversized field, and
 *   a failing bootstrap (the `bootstrap-failure` fault) is not turned into a
 *   successful one.
 * - **rebase.** A new worker must start generation `gens.length + 1`. When
 *   the shrinker drops a `restart`, `recover` or `replace` of generation
 *   `k`, the previous worker simply stays alive: every later reference to
 *   generation `k` or newer moves down by one. Without this, removing any
 *   restart would orphan everything after it and delta debugging could never
 *   drop one; with it, a hijack found with workers `w3`/`w4` shrinks to the
 *   same story with `w1`/`w2`.
 *
 * Gotcha: job ids are not renumbered when a spawn is removed; a reference to
 * a removed job would otherwise silently point at another one.
 *
 * @example
 * ```ts
 * simplifyAction({ type: 'deliver', gen: 1, to: 'worker' }); // []
 * rebaseAction({ type: 'deliver', gen: 3, to: 'coordinator' }, { type: 'restart', gen: 2 }); // gen 2
 * ```
 * @module
 */
import { MAX_PAYLOAD_BYTES } from '../../protocol/index.js';
import type { AsupersyncAction, SpawnAction } from './actions.js';

/** Simpler variants of `a`, simplest first; none when it is already as simple as it gets. */
export function simplifyAction(a: AsupersyncAction): readonly AsupersyncAction[] {
  switch (a.type) {
    case 'spawn':
      return spawnVariants(a);
    case 'drop':
    case 'duplicate':
    case 'delay':
    case 'reorder':
      return a.index > 0 ? [{ ...a, index: 0 }] : [];
    case 'replay':
      return a.entry > 0 ? [{ ...a, entry: 0 }] : [];
    default:
      return [];
  }
}

function spawnVariants(a: SpawnAction): readonly SpawnAction[] {
  // Sizes at or over the limit are the payload-limit fault itself: keep them.
  const payload = a.payload >= MAX_PAYLOAD_BYTES ? a.payload : 0;
  const result = a.result >= MAX_PAYLOAD_BYTES ? a.result : 0;
  const plainest: SpawnAction = { ...a, steps: 0, outcome: 'ok', payload, result, snapshot: false };
  const singles: SpawnAction[] = [
    { ...a, steps: 0 },
    { ...a, steps: Math.max(0, a.steps - 1) },
    { ...a, outcome: 'ok' },
    { ...a, payload },
    { ...a, result },
    { ...a, snapshot: false },
  ];
  const out: SpawnAction[] = [];
  const key = (s: SpawnAction): string => `${s.steps}/${s.outcome}/${s.payload}/${s.result}/${String(s.snapshot)}`;
  const seen = new Set([key(a)]);
  for (const v of [plainest, ...singles]) {
    if (seen.has(key(v))) continue;
    seen.add(key(v));
    out.push(v);
  }
  return out;
}

/** The worker an action belongs to (`w<gen>`), or null for actions of the coordinator side, the supervisor and the network. */
export function workerActorOf(a: AsupersyncAction): string | null {
  switch (a.type) {
    case 'bootstrap':
    case 'step':
    case 'lie':
      return `w${a.gen}`;
    case 'deliver':
      return a.to === 'worker' ? `w${a.gen}` : null;
    default:
      return null;
  }
}

/** `a` once the earlier decision `removed` is dropped: generations after a removed new worker move down by one. */
export function rebaseAction(a: AsupersyncAction, removed: AsupersyncAction): AsupersyncAction {
  if (removed.type !== 'restart' && removed.type !== 'recover' && removed.type !== 'replace') return a;
  if (!('gen' in a) || a.gen < removed.gen) return a;
  return { ...a, gen: a.gen - 1 };
}
