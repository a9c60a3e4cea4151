import { describe, expect, it } from 'vitest';
import { asupersyncModel } from '../../../src/models/asupersync/model.js';
import type { CandidateContext } from '../../../src/sim/model.js';
import { RngStreams } from '../../../src/sim/rng.js';

// A context that says no fault is enabled (anyFaultEnabled: false) must get the same candidates, and the
// same draws, as one that is asked about every fault and answers false.
describe('anyFaultEnabled: false', () => {
  for (const workload of ['random', 'sequential'] as const) {
    it(`offers exactly what asking each fault (all off) offers, step by step (${workload})`, () => {
      for (let seed = 1n; seed <= 8n; seed++) {
        const options = { ...asupersyncModel.defaultOptions, workload };
        const a = asupersyncModel.init(options, seed);
        const b = asupersyncModel.init(options, seed);
        const ra = new RngStreams(seed);
        const rb = new RngStreams(seed);
        const pick = new RngStreams(seed).stream('pick');
        for (let step = 0; step < 300; step++) {
          const ctxA: CandidateContext = { phase: 'fault', step, rng: (n) => ra.stream(n), faultEnabled: () => false };
          const ctxB: CandidateContext = { phase: 'fault', step, rng: (n) => rb.stream(n), faultEnabled: () => false, anyFaultEnabled: false };
          const ca = asupersyncModel.candidates(a, ctxA);
          const cb = asupersyncModel.candidates(b, ctxB);
          expect(cb).toEqual(ca);
          if (ca.length === 0) break;
          const chosen = pick.int(ca.length);
          asupersyncModel.apply(a, (ca[chosen] as (typeof ca)[number]).action);
          asupersyncModel.apply(b, (cb[chosen] as (typeof cb)[number]).action);
        }
        expect(asupersyncModel.digest(b)).toBe(asupersyncModel.digest(a));
      }
    });
  }
});
