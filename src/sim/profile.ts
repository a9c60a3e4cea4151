/**
 * Fault profiles: which of a model's faults a run may inject, and how often.
 *
 * - `none`: no faults at all.
 * - `realistic`: the faults a healthy deployment still sees (for the
 *   asupersync model: worker replacement, bootstrap failure, late messages
 *   from dead workers), at their catalog rates.
 * - `adversarial`: every fault in the catalog (channel drop, duplicate,
 *   reorder, delay, a faulty worker, ...), at catalog rates.
 * - `swarm`: each seed draws its own subset of the catalog and its own rates,
 *   in the spirit of FoundationDB's BUGGIFY and TigerBeetle's VOPR, so that
 *   some seeds hammer one fault while others never see it.
 *
 * The resolved {@link FaultConfig} is stored in the trace header, so a replay
 * never re-draws it.
 * @module
 */
import type { FaultSpec } from './model.js';
import type { RngStreams } from './rng.js';

/** The built-in fault profiles. */
export const PROFILES = ['none', 'realistic', 'adversarial', 'swarm'] as const;

/** A fault profile name. */
export type ProfileName = (typeof PROFILES)[number];

/** Resolved per-step injection rates, keyed by fault name (sorted when serialized). */
export interface FaultConfig {
  readonly profile: ProfileName;
  readonly rates: { readonly [fault: string]: number };
}

/** Whether `name` is a built-in profile. */
export function isProfileName(name: string): name is ProfileName {
  return (PROFILES as readonly string[]).includes(name);
}

/** Resolve a profile against a model's fault catalog. Only `swarm` draws (from the `swarm` stream). */
export function resolveFaults(profile: ProfileName, catalog: readonly FaultSpec[], rng: RngStreams): FaultConfig {
  const rates: Record<string, number> = {};
  const sorted = [...catalog].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  switch (profile) {
    case 'none':
      break;
    case 'realistic':
      for (const f of sorted) if (f.profile === 'realistic') rates[f.name] = f.rate;
      break;
    case 'adversarial':
      for (const f of sorted) rates[f.name] = f.rate;
      break;
    case 'swarm': {
      const swarm = rng.stream('swarm');
      for (const f of sorted) {
        // Two draws per fault whatever the outcome, so the catalog order alone fixes every later draw.
        const include = swarm.chance(0.5);
        const scale = 0.25 + swarm.next() * 3.75;
        if (include) rates[f.name] = Math.min(0.9, Math.round(f.rate * scale * 1e6) / 1e6);
      }
      break;
    }
    default: {
      const never: never = profile;
      throw new Error(`unknown profile ${String(never)}`);
    }
  }
  return { profile, rates };
}
