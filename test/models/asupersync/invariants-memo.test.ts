import { describe, expect, it } from 'vitest';
import { computeDisagreements, settledDisagreements, settledViewsAgree } from '../../../src/models/asupersync/invariants-session.js';
import { asupersyncModel } from '../../../src/models/asupersync/model.js';
import type { AsupersyncView } from '../../../src/models/asupersync/view.js';
import type { Invariant } from '../../../src/sim/model.js';
import { PROFILES } from '../../../src/sim/profile.js';
import { simulate } from '../../../src/sim/simulate.js';
import type { AsupersyncAction } from '../../../src/models/asupersync/actions.js';

// settled-views-agree remembers the last views' disagreements by identity. Over real runs in every
// profile, its verdict in each step (as the engine records it) must be the edge-triggered definition
// computed afresh from both views.

function reference(prev: AsupersyncView, next: AsupersyncView): string | null {
  const now = computeDisagreements(next);
  const before = computeDisagreements(prev);
  for (const [id, message] of now) if (!before.has(id)) return message;
  return null;
}

describe('settled-views-agree memo', () => {
  it('gives the fresh verdict in every step of random and sequential runs in every profile', () => {
    let disagreeing = 0;
    let reported = 0;
    for (const profile of PROFILES) {
      for (const workload of ['random', 'sequential'] as const) {
        for (let seed = 1; seed <= 40; seed++) {
          const expected: string[] = [];
          let step = 0;
          const recorder: Invariant<AsupersyncView, AsupersyncAction> = {
            name: 'reference',
            description: 'the fresh verdict, recorded after the real invariants ran on the step',
            check(prev, next) {
              const m = reference(prev, next);
              if (m !== null) expected.push(`${step}: ${m}`);
              if (computeDisagreements(next).size > 0) disagreeing++;
              step++;
              return null;
            },
          };
          const model = { ...asupersyncModel, invariants: [...asupersyncModel.invariants, recorder] };
          const r = simulate({ model, seed, profile, maxSteps: 300, stopOnViolation: false, modelOptions: { workload, jobs: workload === 'sequential' ? 12 : 4 } });
          const actual = r.violations.filter((v) => v.invariant === settledViewsAgree.name).map((v) => `${v.step}: ${v.message}`);
          expect(actual, `${profile} ${workload} seed ${seed}`).toEqual(expected);
          reported += actual.length;
        }
      }
    }
    // The memo only matters when views disagree: the corpus must contain such steps and reports.
    expect(disagreeing).toBeGreaterThan(20);
    expect(reported).toBeGreaterThan(0);
  });

  it('answers each remembered view with its own disagreements, whatever the order of lookups', () => {
    const disagreeing: AsupersyncView[] = [];
    const kinds = new Set<string>();
    const collector: Invariant<AsupersyncView, AsupersyncAction> = {
      name: 'collector',
      description: 'keeps views whose settled jobs disagree, one per distinct set of messages',
      check(_prev, next) {
        const key = [...computeDisagreements(next).values()].join('\n');
        if (key !== '' && disagreeing.length < 4 && !kinds.has(key)) {
          kinds.add(key);
          disagreeing.push(next);
        }
        return null;
      },
    };
    const model = { ...asupersyncModel, invariants: [collector] };
    for (let seed = 1; seed <= 200 && disagreeing.length < 2; seed++) simulate({ model, seed, profile: 'adversarial', maxSteps: 300, stopOnViolation: false });
    expect(disagreeing.length).toBeGreaterThanOrEqual(2);
    for (const i of [0, 1, 0, 1, 1, 0, 2, 0, 1, 2, 3, 2, 0, 3]) {
      const v = disagreeing[i % disagreeing.length] as AsupersyncView;
      expect([...settledDisagreements(v)]).toEqual([...computeDisagreements(v)]);
    }
  });
});
