/**
 * Shared pieces of the fast-check harness: the typed variant and baseline
 * models, and the deterministic heal phase (the model's own heal
 * candidates, first one each time) that lets a scenario settle so the
 * liveness property can be judged.
 * @module
 */
import type { AsupersyncAction } from '../../src/models/asupersync/actions.js';
import { createAsupersyncModel } from '../../src/models/asupersync/model.js';
import type { AsupersyncState } from '../../src/models/asupersync/state.js';
import type { AsupersyncView } from '../../src/models/asupersync/view.js';
import type { CandidateContext, Model } from '../../src/sim/model.js';
import { RngStreams } from '../../src/sim/rng.js';
import type { Decision } from '../oracle.js';
import { withVariantOptions, type ZooVariant } from '../variant.js';

/** The asupersync model with its types. */
export type M = Model<AsupersyncState, AsupersyncView, AsupersyncAction>;

/** Heal steps allowed to settle, as in `simulate`. */
export const HEAL_STEPS = 2000;
/** Run seed of every fast-check scenario (it only stamps envelopes). */
export const SEED = 1n;

const typed = new WeakMap<ZooVariant, { variant: M; baseline: M }>();

/** The typed variant and baseline models of `v` (cached). */
export function modelsOf(v: ZooVariant): { variant: M; baseline: M } {
  let m = typed.get(v);
  if (m === undefined) {
    m = {
      variant: withVariantOptions(v, createAsupersyncModel({ name: `zoo:${v.name}`, description: v.description, parts: v.parts })),
      baseline: withVariantOptions(
        v,
        v.baseline === undefined ? createAsupersyncModel() : createAsupersyncModel({ name: `zoo:${v.name}:baseline`, description: 'baseline', parts: v.baseline }),
      ),
    };
    typed.set(v, m);
  }
  return m;
}

function healContext(streams: RngStreams, step: number): CandidateContext {
  return { phase: 'heal', step, rng: (name) => streams.stream(name), faultEnabled: () => false };
}

/** Run the deterministic heal phase on `state`; appends its decisions; returns whether it settled. */
export function heal(model: M, state: AsupersyncState, onStep: (d: Decision) => boolean): boolean {
  const streams = new RngStreams(SEED);
  for (let i = 0; i < HEAL_STEPS; i++) {
    if (model.settled(state)) return true;
    const first = model.candidates(state, healContext(streams, i))[0];
    if (first === undefined) return false;
    if (onStep({ phase: 'heal', actor: first.actor, decision: first.action, fault: null })) return true;
  }
  return model.settled(state);
}

