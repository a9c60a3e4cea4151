import { describe, expect, it } from 'vitest';
import type { AsupersyncAction } from '../../../src/models/asupersync/actions.js';
import { channelInto } from '../../../src/models/asupersync/channel-words.js';
import type { AsupersyncState } from '../../../src/models/asupersync/state.js';
import type { AsupersyncView } from '../../../src/models/asupersync/view.js';
import type { WorkerEnvelope } from '../../../src/protocol/index.js';
import { Channel } from '../../../src/sim/channel.js';
import { Hash64 } from '../../../src/sim/digest.js';
import type { Model } from '../../../src/sim/model.js';
import type { ProfileName } from '../../../src/sim/profile.js';
import { simulate } from '../../../src/sim/simulate.js';
import { model } from './helpers.js';

/** The words of a channel computed afresh from its envelopes: count, then each hash low word and high word. */
function freshWords(ch: Channel<WorkerEnvelope>): number[] {
  const out: number[] = [];
  for (const envs of [ch.items(), ch.deliveredLog()]) {
    out.push(envs.length);
    for (const env of envs) out.push(Number(env.replayHash & 0xffffffffn), Number(env.replayHash >> 32n));
  }
  return out;
}

const hexOf = (feed: (h: Hash64) => void): string => {
  const h = new Hash64();
  feed(h);
  return h.hex();
};

describe('channelInto (channel key words kept by the channel)', () => {
  it('feeds exactly the fresh words of every channel after every step of random runs in all profiles', () => {
    const actions = new Map<string, number>();
    // Collected, not asserted inside `apply`: the run engine would catch the throw as a step error.
    const mismatches: string[] = [];
    let compared = 0;
    const wrapped: Model<AsupersyncState, AsupersyncView, AsupersyncAction> = {
      ...model,
      apply(s, a) {
        const effects = model.apply(s, a);
        actions.set(a.type, (actions.get(a.type) ?? 0) + 1);
        for (const g of s.gens) {
          for (const ch of [g.down, g.up]) {
            const kept = ch.keyWidth === 2 ? hexOf((h) => channelInto(h, ch)) : `key width ${ch.keyWidth}`;
            if (kept !== hexOf((h) => h.words(freshWords(ch)))) mismatches.push(`${ch.name} after ${a.type}`);
            compared++;
          }
        }
        return effects;
      },
    };
    const profiles: readonly ProfileName[] = ['none', 'realistic', 'adversarial', 'swarm'];
    for (const profile of profiles) {
      for (let seed = 1; seed <= 40; seed++) {
        simulate({ model: wrapped, seed, profile, maxSteps: 150, healSteps: 300, stopOnViolation: false, keepTrace: false });
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(compared).toBeGreaterThan(20_000);
    // Every queue and log operation the model uses happened, faults included.
    for (const type of ['deliver', 'drop', 'duplicate', 'reorder', 'delay', 'replay', 'replace']) {
      expect(actions.get(type) ?? 0, type).toBeGreaterThan(10);
    }
  });

  it('feeds a channel built without a key the same words, through the envelopes', () => {
    const s = model.init(model.defaultOptions, 3n);
    model.apply(s, { type: 'bootstrap', gen: 1, fail: false });
    model.apply(s, { type: 'deliver', gen: 1, to: 'coordinator' });
    model.apply(s, { type: 'spawn', job: 1, steps: 1, outcome: 'ok', payload: 8, result: 2, snapshot: true });
    const g = s.gens[0];
    if (g === undefined) throw new Error('no generation');
    const plain = new Channel<WorkerEnvelope>('plain', { logLimit: 8, clone: (e) => e });
    for (const env of [...g.up.deliveredLog(), ...g.down.items()]) plain.send(env);
    plain.deliver();
    expect(plain.keyWidth).toBe(0);
    expect(hexOf((h) => channelInto(h, plain))).toBe(hexOf((h) => h.words(freshWords(plain))));
  });
});
