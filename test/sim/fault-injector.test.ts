import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FaultInjector } from '../../src/sim/fault-injector.js';
import type { Candidate } from '../../src/sim/model.js';
import type { FaultConfig } from '../../src/sim/profile.js';
import { RngStreams, type RngStream } from '../../src/sim/rng.js';

/** The injection rule as the module doc states it, written the direct way: the reference to compare against. */
function reference(candidates: readonly Candidate[], faults: FaultConfig, rng: RngStream): Candidate | undefined {
  const names = [...new Set(candidates.flatMap((c) => (c.fault !== undefined && (faults.rates[c.fault] ?? 0) > 0 ? [c.fault] : [])))].sort();
  for (const name of names) {
    if (rng.chance(faults.rates[name] ?? 0)) return rng.pick(candidates.filter((c) => c.fault === name));
  }
  return undefined;
}

const FAULTS = ['drop', 'dup', 'late', 'replace', 'Zed'];
const candidate = fc.record({ n: fc.nat(1000), fault: fc.option(fc.constantFrom(...FAULTS), { nil: undefined }) }).map(
  ({ n, fault }): Candidate => (fault === undefined ? { action: { type: 'go', n }, actor: 'a' } : { action: { type: 'go', n }, actor: 'a', fault }),
);
const config = fc
  .dictionary(fc.constantFrom(...FAULTS), fc.constantFrom(0, 0.05, 0.3, 0.9, 1))
  .map((rates): FaultConfig => ({ profile: 'swarm', rates }));

describe('FaultInjector', () => {
  it('injects exactly what the direct rule injects, with the same draws, step after step', () => {
    fc.assert(
      fc.property(fc.bigInt(0n, 2n ** 64n - 1n), config, fc.array(fc.array(candidate, { maxLength: 12 }), { maxLength: 20 }), (seed, faults, steps) => {
        const mine = new RngStreams(seed).stream('faults');
        const theirs = new RngStreams(seed).stream('faults');
        const injector = new FaultInjector(faults, mine);
        for (const candidates of steps) {
          expect(injector.inject(candidates)).toBe(reference(candidates, faults, theirs));
          expect(mine.draws).toBe(theirs.draws);
        }
      }),
    );
  });

  it('a fault is enabled only with a rate above 0, and with none enabled nothing is drawn', () => {
    const rng = new RngStreams(3n).stream('faults');
    const injector = new FaultInjector({ profile: 'realistic', rates: { drop: 0, dup: 0.5 } }, rng);
    expect([injector.enabled('drop'), injector.enabled('dup'), injector.enabled('late')]).toEqual([false, true, false]);
    const none = new FaultInjector({ profile: 'none', rates: {} }, rng);
    expect(none.inject([{ action: { type: 'go' }, actor: 'a', fault: 'dup' }])).toBeUndefined();
    expect(rng.draws).toBe(0);
  });
});
