import { describe, expect, it } from 'vitest';
import { runLifecycleModel } from '../../../src/models/run-lifecycle/model.js';
import { canonicalJson } from '../../../src/sim/json.js';
import type { AnyModel } from '../../../src/sim/model.js';
import { PROFILES, type ProfileName } from '../../../src/sim/profile.js';
import { simulate, type SimulationResult } from '../../../src/sim/simulate.js';
import { STRATEGIES, type StrategyName } from '../../../src/sim/strategy.js';
import { replay } from '../../../src/trace/replay.js';

const SEEDS = 30;
const seeds = Array.from({ length: SEEDS }, (_, i) => BigInt(1000 + i));

// Each profile × strategy sample runs once, shared by every test that needs it (so `-t` filtering still works).
const cache = new Map<string, readonly SimulationResult[]>();
function sample(profile: ProfileName, strategy: StrategyName): readonly SimulationResult[] {
  const key = `${profile}/${strategy}`;
  let runs = cache.get(key);
  if (runs === undefined) {
    runs = seeds.map((seed) => simulate({ model: runLifecycleModel, seed, profile, strategy }));
    cache.set(key, runs);
  }
  return runs;
}

describe('simulate(runLifecycleModel)', () => {
  for (const profile of PROFILES) {
    for (const strategy of STRATEGIES) {
      it(`${profile}/${strategy}: ${SEEDS} seeds hold every invariant and settle`, () => {
        for (const r of sample(profile, strategy)) {
          expect(r.violations, `seed ${r.seed}`).toEqual([]);
          expect(r.settled, `seed ${r.seed}`).toBe(true);
          const steps = r.trace?.steps ?? [];
          // The heal phase is fault-free; every decision survives the trace's parser unchanged.
          expect(steps.filter((s) => s.phase === 'heal' && s.fault !== null)).toEqual([]);
          for (const s of steps) expect(canonicalJson(runLifecycleModel.parseAction(s.decision))).toBe(canonicalJson(s.decision));
        }
      });
    }
  }

  it('exercises the lease-expires-while-running race and fences the stale attempt', () => {
    const runs = PROFILES.flatMap((p) => STRATEGIES.flatMap((st) => sample(p, st)));
    const steps = runs.flatMap((r) => r.trace?.steps ?? []);
    const seen = (event: string): number => steps.filter((s) => s.events.includes(event)).length;
    expect(seen('lease-expired-while-running')).toBeGreaterThan(0);
    expect(steps.some((s) => s.error === 'AttemptOwnershipMismatch' && s.events.includes('stale-finish-rejected'))).toBe(true);
    for (const e of ['duplicate-finish-rejected', 'cancel-vs-finish', 'worker-stalled']) expect(seen(e), e).toBeGreaterThan(0);
  });

  it('is deterministic and replays from its trace', () => {
    for (const seed of seeds.slice(0, 5)) {
      const a = simulate({ model: runLifecycleModel, seed, profile: 'adversarial', strategy: 'pct' });
      const b = simulate({ model: runLifecycleModel, seed, profile: 'adversarial', strategy: 'pct' });
      expect(b.rollingHash).toBe(a.rollingHash);
      if (a.trace === null) throw new Error('trace expected');
      expect(replay(a.trace, () => runLifecycleModel as unknown as AnyModel)).toMatchObject({ ok: true });
    }
  });

  it('catches the deliberately broken variant (bugNoFencing) with the fencing invariant', () => {
    const caught: bigint[] = [];
    for (const seed of seeds.slice(0, 20)) {
      const r = simulate({ model: runLifecycleModel, seed, profile: 'realistic', modelOptions: { bugNoFencing: true }, keepTrace: false });
      if (r.violations.some((v) => v.invariant === 'attempt-fencing')) caught.push(seed);
    }
    expect(caught.length).toBeGreaterThan(0);
    expect(caught[0]).toBeLessThan(seeds[10]!); // within the first ten seeds, not by luck at the end
  });
});
