import { describe, expect, it } from 'vitest';
import type { Candidate, FaultSpec } from '../../src/sim/model.js';
import { resolveFaults } from '../../src/sim/profile.js';
import { RngStreams } from '../../src/sim/rng.js';
import { pctScheduler, randomScheduler } from '../../src/sim/strategy.js';

const cand = (actor: string, n: number): Candidate => ({ action: { type: 'go', n }, actor });

const catalog: FaultSpec[] = [
  { name: 'replace', description: '', profile: 'realistic', rate: 0.05 },
  { name: 'drop', description: '', profile: 'adversarial', rate: 0.1 },
  { name: 'dup', description: '', profile: 'adversarial', rate: 0.2 },
];

describe('fault profiles', () => {
  it('none enables nothing, realistic only realistic faults, adversarial everything at catalog rates', () => {
    const rng = new RngStreams(1n);
    expect(resolveFaults('none', catalog, rng).rates).toEqual({});
    expect(resolveFaults('realistic', catalog, rng).rates).toEqual({ replace: 0.05 });
    expect(resolveFaults('adversarial', catalog, rng).rates).toEqual({ drop: 0.1, dup: 0.2, replace: 0.05 });
  });

  it('swarm draws a per-seed subset and rates, deterministically', () => {
    const subsets = new Set<string>();
    for (let seed = 0n; seed < 40n; seed++) {
      const a = resolveFaults('swarm', catalog, new RngStreams(seed));
      const b = resolveFaults('swarm', catalog, new RngStreams(seed));
      expect(a).toEqual(b);
      for (const [name, rate] of Object.entries(a.rates)) {
        expect(catalog.map((f) => f.name)).toContain(name);
        expect(rate).toBeGreaterThan(0);
        expect(rate).toBeLessThanOrEqual(0.9);
      }
      subsets.add(Object.keys(a.rates).sort().join(','));
    }
    // Different seeds must explore different fault mixes, including the empty one and the full one.
    expect(subsets.size).toBeGreaterThanOrEqual(5);
  });
});

describe('strategies', () => {
  it('random picks every candidate eventually and stays in range', () => {
    const s = randomScheduler(new RngStreams(3n).stream('schedule'));
    const cands = [cand('a', 0), cand('b', 1), cand('c', 2)];
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) seen.add(s.choose(cands, i));
    expect([...seen].sort()).toEqual([0, 1, 2]);
  });

  it('pct with depth 1 runs one actor exclusively while it is enabled', () => {
    for (let seed = 0n; seed < 20n; seed++) {
      const s = pctScheduler(new RngStreams(seed).stream('schedule'), 1, 100);
      const cands = [cand('a', 0), cand('b', 1), cand('c', 2)];
      const first = s.choose(cands, 0);
      for (let i = 1; i < 50; i++) expect(s.choose(cands, i)).toBe(first);
    }
  });

  it('pct change points demote the running actor, so deeper runs switch actors', () => {
    let switched = 0;
    for (let seed = 0n; seed < 30n; seed++) {
      const s = pctScheduler(new RngStreams(seed).stream('schedule'), 4, 50);
      const cands = [cand('a', 0), cand('b', 1), cand('c', 2)];
      const picks = new Set<number>();
      for (let i = 0; i < 60; i++) picks.add(s.choose(cands, i));
      if (picks.size > 1) switched++;
    }
    expect(switched).toBeGreaterThan(20);
  });

  it('pct is deterministic per seed', () => {
    const run = (seed: bigint): number[] => {
      const s = pctScheduler(new RngStreams(seed).stream('schedule'), 3, 40);
      const cands = [cand('a', 0), cand('a', 1), cand('b', 2), cand('c', 3)];
      return Array.from({ length: 40 }, (_, i) => s.choose(cands, i));
    };
    expect(run(9n)).toEqual(run(9n));
  });
});
