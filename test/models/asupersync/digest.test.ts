import { describe, expect, it } from 'vitest';
import type { AsupersyncAction } from '../../../src/models/asupersync/actions.js';
import { digestState, digestStateInto } from '../../../src/models/asupersync/digest.js';
import type { AsupersyncState } from '../../../src/models/asupersync/state.js';
import type { AsupersyncView } from '../../../src/models/asupersync/view.js';
import { Hash64 } from '../../../src/sim/digest.js';
import type { Model } from '../../../src/sim/model.js';
import type { ProfileName } from '../../../src/sim/profile.js';
import { simulate } from '../../../src/sim/simulate.js';
import { fresh, model } from './helpers.js';

const structural = (s: AsupersyncState): string => {
  const h = new Hash64();
  digestStateInto(s, h);
  return h.hex();
};

/**
 * Every state a set of simulations passes through, as (text digest, structural
 * digest) pairs: the model is wrapped so that each `apply` records both.
 */
function sampleStates(profiles: readonly ProfileName[], seeds: number): { pairs: [string, string][]; recorded: string[] } {
  const pairs: [string, string][] = [];
  const recorded: string[] = [];
  const wrapped: Model<AsupersyncState, AsupersyncView, AsupersyncAction> = {
    ...model,
    apply(s, a) {
      const effects = model.apply(s, a);
      pairs.push([digestState(s), structural(s)]);
      return effects;
    },
  };
  for (const profile of profiles) {
    for (let seed = 1; seed <= seeds; seed++) {
      const r = simulate({ model: wrapped, seed, profile, maxSteps: 120, healSteps: 400, stopOnViolation: false });
      for (const step of r.trace?.steps ?? []) recorded.push(step.digest);
    }
  }
  return { pairs, recorded };
}

describe('asupersync structural digest (digestInto)', () => {
  it('is the model digestInto and what the run engine records', () => {
    expect(model.digestInto).toBe(digestStateInto);
    const { pairs, recorded } = sampleStates(['realistic'], 5);
    expect(recorded.length).toBe(pairs.length);
    expect(recorded).toEqual(pairs.map(([, hex]) => hex));
  });

  it('separates exactly the states the canonical text separates, over every state of 200 runs under all profiles', () => {
    const { pairs } = sampleStates(['none', 'realistic', 'adversarial', 'swarm'], 50);
    const byText = new Map<string, string>();
    const byDigest = new Map<string, string>();
    for (const [text, hex] of pairs) {
      // Equal states (equal texts) give equal digests ...
      expect(byText.get(text) ?? hex).toBe(hex);
      byText.set(text, hex);
      // ... and different states different digests.
      expect(byDigest.get(hex) ?? text).toBe(text);
      byDigest.set(hex, text);
    }
    expect(byText.size).toBeGreaterThan(8_000);
  });

  it('changes when any single covered field changes, and returns when it is restored', () => {
    const s = fresh({ jobs: 3 });
    model.apply(s, { type: 'bootstrap', gen: 1, fail: false });
    model.apply(s, { type: 'deliver', gen: 1, to: 'coordinator' });
    model.apply(s, { type: 'spawn', job: 1, steps: 2, outcome: 'ok', payload: 16, result: 4, snapshot: false });
    model.apply(s, { type: 'deliver', gen: 1, to: 'worker' });
    model.apply(s, { type: 'step', gen: 1, job: 1 });
    const g = s.gens[0];
    if (g === undefined) throw new Error('no generation');
    const note = s.notes.get(1);
    const plan = s.plans.get(1);
    if (note === undefined || plan === undefined) throw new Error('job 1 has no note or plan');
    const mutations: [string, () => () => void][] = [
      ['nextJob', () => (s.nextJob++, () => s.nextJob--)],
      ['coordinatorSent', () => (s.coordinatorSent++, () => s.coordinatorSent--)],
      ['limitSpawns', () => (s.limitSpawns++, () => s.limitSpawns--)],
      ['lastWasTurn', () => ((s.lastWasTurn = !s.lastWasTurn), () => (s.lastWasTurn = !s.lastWasTurn))],
      ['rejected', () => (s.rejected.push(9), () => s.rejected.pop())],
      ['note cancelled', () => ((note.cancelled = !note.cancelled), () => (note.cancelled = !note.cancelled))],
      ['note via', () => ((note.via = 'JobCompleted'), () => (note.via = null))],
      ['note outcome', () => ((note.outcome = 'Ok(4)'), () => (note.outcome = null))],
      ['plan', () => (s.plans.set(1, { ...plan, result: plan.result + 1 }), () => s.plans.set(1, plan))],
      ['extra plan', () => (s.plans.set(7, plan), () => s.plans.delete(7))],
      ['retired', () => ((g.retired = true), () => (g.retired = false))],
      ['sent', () => (g.sent++, () => g.sent--)],
      ['cancelsSeen', () => (g.cancelsSeen.add(1), () => g.cancelsSeen.delete(1))],
      ['nonRacing', () => (s.nonRacing.add('123'), () => s.nonRacing.delete('123'))],
      ['copies', () => (s.copies.set('123', { dup: 1, replay: 0, delivered: false }), () => s.copies.delete('123'))],
      ['channel queue', () => (g.up.send(g.down.deliveredLog()[0] as never), () => g.up.drop(g.up.length - 1))],
    ];
    const base = structural(s);
    const baseText = digestState(s);
    for (const [name, mutate] of mutations) {
      const undo = mutate();
      expect(digestState(s), name).not.toBe(baseText);
      expect(structural(s), name).not.toBe(base);
      undo();
      expect(structural(s), `${name} restored`).toBe(base);
    }
  });
});
