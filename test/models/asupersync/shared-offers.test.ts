import { describe, expect, it } from 'vitest';
import { asupersyncModel } from '../../../src/models/asupersync/model.js';
import { PROFILES } from '../../../src/sim/profile.js';
import { simulate } from '../../../src/sim/simulate.js';

// Transport candidates (and the sequential turn) are built once and shared: every one a run records
// must still be exactly what building it fresh from its generation gives.
function fresh(decision: { readonly type: string; readonly gen?: number; readonly to?: string }): unknown {
  if (decision.type === 'turn') return { action: { type: 'turn' }, actor: 'clock' };
  if (decision.type === 'bootstrap') return { action: { type: 'bootstrap', gen: decision.gen, fail: false }, actor: `w${decision.gen}` };
  const to = decision.to === 'coordinator' ? 'coordinator' : 'worker';
  return { action: { type: 'deliver', gen: decision.gen, to }, actor: to === 'coordinator' ? 'coordinator' : `w${decision.gen}` };
}

describe('shared transport candidates', () => {
  for (const workload of ['random', 'sequential'] as const) {
    it(`are what a fresh build gives, over random runs in every profile (${workload})`, () => {
      let checked = 0;
      for (const profile of PROFILES) {
        for (let seed = 1; seed <= 12; seed++) {
          const r = simulate({ model: asupersyncModel, seed, profile, maxSteps: 150, modelOptions: { workload }, stopOnViolation: false });
          for (const step of r.trace?.steps ?? []) {
            const d = step.decision as { type: string; gen?: number; to?: string; fail?: boolean };
            if (step.fault !== null || !(d.type === 'deliver' || d.type === 'turn' || (d.type === 'bootstrap' && d.fail === false))) continue;
            expect({ action: d, actor: step.actor }).toStrictEqual(fresh(d));
            expect(Object.keys(d)).toEqual(Object.keys((fresh(d) as { action: object }).action));
            checked++;
          }
        }
      }
      expect(checked).toBeGreaterThan(500);
    });
  }
});
