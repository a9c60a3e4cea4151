import { describe, expect, it } from 'vitest';
import type { RunSettings } from '../../src/fuzz/campaign.js';
import { checkDeterminism } from '../../src/fuzz/determinism-check.js';
import { MODELS, resolveModel } from '../../src/models/registry.js';
import type { Json } from '../../src/sim/json.js';
import type { Action, AnyModel, Model } from '../../src/sim/model.js';

const settings = (model: AnyModel, profile: RunSettings['profile'], strategy: RunSettings['strategy']): RunSettings => ({
  model,
  profile,
  strategy,
  pctDepth: 3,
  maxSteps: 200,
  healSteps: 2000,
  modelOptions: {},
});

describe('determinism check', () => {
  it.each(MODELS.flatMap((m) => (['swarm', 'adversarial'] as const).map((p) => [m.name, p] as const)))(
    '%s under %s: every sampled seed gives byte-identical traces twice and replays',
    (name, profile) => {
      const model = resolveModel(name);
      expect(checkDeterminism(settings(model, profile, 'random'), 1n, 15, resolveModel)).toEqual([]);
      expect(checkDeterminism(settings(model, profile, 'pct'), 100n, 10, resolveModel)).toEqual([]);
    },
  );

  it('catches hidden state that leaks from one run into the next', () => {
    // A model whose digest depends on a module-level counter: the first and
    // second run of a seed see different values, as a leaked global would.
    let leaked = 0;
    const leaky: Model<{ n: number }, { n: number }, Action> = {
      name: 'leaky',
      description: 'keeps state outside the run',
      defaultOptions: {},
      faults: [],
      invariants: [],
      init: () => ({ n: 0 }),
      candidates: (s) => (s.n < 3 ? [{ action: { type: 'tick' }, actor: 'a' }] : []),
      apply: (s) => {
        s.n++;
        leaked++;
        return { envelopes: [], error: null, events: [] };
      },
      observe: (s) => ({ n: s.n }),
      digest: (s) => `${s.n}/${leaked}`,
      settled: (s) => s.n >= 3,
      outcome: (s): Json => s.n,
      parseAction: (v) => v as Action,
    };
    const model = leaky as unknown as AnyModel;
    const findings = checkDeterminism(settings(model, 'none', 'random'), 1n, 2, () => model);
    expect(findings.map((f) => f.seed)).toEqual(['1', '2']);
    expect(findings[0]?.problem).toMatch(/two runs differ from byte \d+/);
  });
});
