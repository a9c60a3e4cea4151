import { describe, expect, it } from 'vitest';
import { ASUPERSYNC_FAULTS, EVENT, faultEvent, RACE_EVENTS } from '../../../src/models/asupersync/faults.js';
import { canonicalJson } from '../../../src/sim/json.js';
import type { AnyModel } from '../../../src/sim/model.js';
import { PROFILES, type ProfileName } from '../../../src/sim/profile.js';
import { simulate, type SimulationResult } from '../../../src/sim/simulate.js';
import { STRATEGIES, type StrategyName } from '../../../src/sim/strategy.js';
import { replay } from '../../../src/trace/replay.js';
import { classify, model, type Finding } from './helpers.js';

const SEEDS = 150;
const seeds = Array.from({ length: SEEDS }, (_, i) => BigInt(i + 1));

interface Sample {
  readonly runs: readonly SimulationResult[];
}

// Each profile × strategy sample runs once and is shared by every test that needs it.
// stopOnViolation is off so every run also proves liveness, findings or not.
const cache = new Map<string, Sample>();
function sample(profile: ProfileName, strategy: StrategyName): Sample {
  const key = `${profile}/${strategy}`;
  let s = cache.get(key);
  if (s === undefined) {
    const runs = seeds.map((seed) => simulate({ model, seed, profile, strategy, stopOnViolation: false }));
    s = { runs };
    cache.set(key, s);
  }
  return s;
}

function eventsOf(runs: readonly SimulationResult[]): Set<string> {
  const out = new Set<string>();
  for (const r of runs) for (const step of r.trace?.steps ?? []) for (const e of step.events) out.add(e);
  return out;
}

function findingsOf(runs: readonly SimulationResult[]): Set<Finding | 'unexplained'> {
  const out = new Set<Finding | 'unexplained'>();
  for (const r of runs) for (const v of r.violations) out.add(classify(r, v) ?? 'unexplained');
  return out;
}

/** Violations not attributable to a known finding, for a readable failure. */
function unexplained(runs: readonly SimulationResult[]): string[] {
  return runs.flatMap((r) => r.violations.filter((v) => classify(r, v) === null).map((v) => `seed ${r.seed} step ${v.step} ${v.invariant}: ${v.message}`));
}

describe('simulate(asupersyncModel)', () => {
  for (const profile of PROFILES) {
    for (const strategy of STRATEGIES) {
      it(`${profile}/${strategy}: ${SEEDS} seeds settle; every violation is a known finding; heal is fault-free; decisions parse back`, () => {
        const { runs } = sample(profile, strategy);
        for (const r of runs) {
          expect(r.settled, `seed ${r.seed} settles`).toBe(true);
          expect(r.violations.filter((v) => v.invariant.startsWith('liveness') || v.invariant === 'no-uncaught-exception'), `seed ${r.seed}`).toEqual([]);
          const steps = r.trace?.steps ?? [];
          expect(steps.filter((s) => s.phase === 'heal' && s.fault !== null)).toEqual([]);
          for (const s of steps) expect(canonicalJson(model.parseAction(s.decision))).toBe(canonicalJson(s.decision));
        }
        expect(unexplained(runs)).toEqual([]);
        if (profile === 'none') expect(runs.flatMap((r) => r.violations)).toEqual([]);
        if (profile === 'realistic') expect([...findingsOf(runs)].filter((f) => f !== 'stale-bootstrap-hijack')).toEqual([]);
      });
    }
  }

  it('none: the organic races happen without any fault', () => {
    const ev = eventsOf([...sample('none', 'random').runs, ...sample('none', 'pct').runs]);
    for (const e of [EVENT.cancelVsCompletion, EVENT.pollVsCompletion, EVENT.shutdownDuringCancel]) expect(ev, e).toContain(e);
    expect([...ev].filter((e) => e.startsWith('fault:'))).toEqual([]);
  });

  it('realistic: replacement, bootstrap failure and late messages are injected and raced', () => {
    const ev = eventsOf([...sample('realistic', 'random').runs, ...sample('realistic', 'pct').runs]);
    for (const e of [EVENT.workerReplacedMidJob, EVENT.staleMessage, EVENT.bootstrapFailed, EVENT.orphanedSpawn]) expect(ev, e).toContain(e);
    for (const f of ASUPERSYNC_FAULTS.filter((x) => x.profile === 'realistic')) expect(ev).toContain(faultEvent(f.name));
    expect([...ev].filter((e) => e.startsWith('fault:')).sort()).toEqual(['fault:bootstrap-failure', 'fault:late-message', 'fault:worker-replaced']);
  });

  it('every race event and every fault occurs in at least one seed across the sample', () => {
    const all = [...PROFILES].flatMap((p) => [...STRATEGIES].flatMap((s) => sample(p, s).runs));
    const ev = eventsOf(all);
    for (const e of RACE_EVENTS) expect(ev, e).toContain(e);
    for (const f of ASUPERSYNC_FAULTS) expect(ev, f.name).toContain(faultEvent(f.name));
    expect(ev).toContain(EVENT.recovered);
  });

  it('adversarial surfaces both known findings in the sample', () => {
    const found = findingsOf([...sample('adversarial', 'random').runs, ...sample('adversarial', 'pct').runs]);
    expect([...found].sort()).toEqual(['stale-bootstrap-hijack', 'unchecked-finalize']);
  });

  it('same seed → identical rolling hash, and the recorded trace replays', () => {
    for (const profile of PROFILES) {
      for (const strategy of STRATEGIES) {
        for (const seed of [1n, 2n, 3n]) {
          const first = sample(profile, strategy).runs[Number(seed) - 1] as SimulationResult;
          const again = simulate({ model, seed, profile, strategy, stopOnViolation: false });
          expect(again.rollingHash, `${profile}/${strategy}/${seed}`).toBe(first.rollingHash);
          expect(again.outcome).toEqual(first.outcome);
          const verdict = replay(first.trace ?? again.trace ?? [], () => model as unknown as AnyModel);
          expect(verdict.ok, `${profile}/${strategy}/${seed} replays`).toBe(true);
        }
      }
    }
    // Different seeds explore different schedules.
    const hashes = new Set(sample('adversarial', 'random').runs.map((r) => r.rollingHash));
    expect(hashes.size).toBe(SEEDS);
  });
});
