/**
 * The planted-bug zoo in `npm test`: every caught variant's saved (shrunk)
 * trace still replays identically through a resolver that knows the zoo's
 * models and still violates the variant's declared invariant, while the
 * baseline fed the same decisions does not (the differential oracle). The
 * variant that needs deferred posting is pinned as caught with it and
 * indistinguishable from the real coordinator without it. The measurement itself is `npm run zoo`, not part of the suite.
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readTraceFile, readTraceRecords } from '../../src/trace/file-reader.js';
import { replay } from '../../src/trace/replay.js';
import { simulate } from '../../src/sim/simulate.js';
import { LIVENESS } from '../../src/sim/run-engine.js';
import { VARIANTS, variantNamed, zooResolver } from '../../zoo/catalog.js';
import { baselineViolatesOnDecisions, judgeSeed, STRATEGY_SETTINGS } from '../../zoo/oracle.js';
import { asupersyncModel, createAsupersyncModel } from '../../src/models/asupersync/model.js';
import { baselineModel, zooModel } from '../../zoo/variant.js';

const ZOO = fileURLToPath(new URL('../../zoo/', import.meta.url));
const declared = VARIANTS.filter((v) => v.invariant !== null);

describe('zoo catalog', () => {
  it('lists every variant file exactly once, with unique names', () => {
    const files = readdirSync(`${ZOO}variants`).filter((f) => f.endsWith('.ts')).map((f) => f.slice(0, -3)).sort();
    expect(VARIANTS.map((v) => v.name).sort()).toEqual(files);
  });

  it('resolves variant models by their trace name, and built-in models as before', () => {
    const v = variantNamed('coord-drains-after-shutdown');
    expect(zooResolver('zoo:coord-drains-after-shutdown')).toBe(zooModel(v));
    expect(zooResolver('asupersync').name).toBe('asupersync');
    expect(() => zooResolver('zoo:no-such-bug')).toThrow(/unknown zoo variant "no-such-bug"/);
  });

  it('declares only invariants the model checks', () => {
    const names = new Set([...zooModel(variantNamed('worker-panic-as-err')).invariants.map((i) => i.name), LIVENESS]);
    for (const v of declared) expect(names).toContain(v.invariant);
  });
});

describe.each(declared.map((v) => [v.name, v] as const))('zoo trace %s', (name, v) => {
  const path = `${ZOO}traces/${name}.lstrace`;

  it('is saved', () => {
    expect(existsSync(path)).toBe(true);
  });

  it('replays identically through the zoo resolver', () => {
    expect(replay(readTraceRecords(path), zooResolver)).toMatchObject({ ok: true });
  });

  it(`still violates ${v.invariant}, and the baseline does not`, () => {
    const trace = readTraceFile(path);
    const inv = v.invariant ?? '';
    expect(trace.header.model).toBe(`zoo:${name}`);
    expect(trace.footer.violations.map((x) => x.invariant)).toContain(inv);
    expect(baselineViolatesOnDecisions(v, trace, inv)).toBe(false);
    const h = trace.header;
    const base = simulate({
      model: baselineModel(v),
      seed: BigInt(h.seed),
      profile: h.profile === 'none' || h.profile === 'realistic' || h.profile === 'adversarial' || h.profile === 'swarm' ? h.profile : 'realistic',
      strategy: h.strategy === 'pct' ? 'pct' : 'random',
      keepTrace: false,
      stopOnViolation: false,
    });
    expect(base.violations.map((x) => x.invariant)).not.toContain(inv);
  });
});

describe('coord-keeps-outbox-on-shutdown needs deferred posting', () => {
  const v = variantNamed('coord-keeps-outbox-on-shutdown');

  it("runs it and its baseline with postOn: 'turn'", () => {
    expect(zooModel(v).defaultOptions.postOn).toBe('turn');
    expect(baselineModel(v).defaultOptions.postOn).toBe('turn');
    expect(baselineModel(v).name).toBe('zoo:coord-keeps-outbox-on-shutdown:baseline');
    expect(zooResolver('zoo:coord-keeps-outbox-on-shutdown:baseline')).toBe(baselineModel(v));
  });

  it('is caught in turn mode: the variant violates no-job-traffic-during-shutdown where the real coordinator does not', () => {
    let caught = 0;
    for (let seed = 1n; seed <= 40n; seed++) {
      const shape = STRATEGY_SETTINGS.random;
      const verdict = judgeSeed(v, seed, shape);
      if (verdict.caught) caught++;
      const base = simulate({ model: baselineModel(v), seed, profile: shape.profile, strategy: shape.strategy, keepTrace: false, stopOnViolation: false });
      expect(base.violations.map((x) => x.invariant)).not.toContain('no-job-traffic-during-shutdown');
    }
    expect(caught).toBeGreaterThan(0);
  });

  it("runs step for step like the real coordinator in 'action' mode", () => {
    const actionMode = createAsupersyncModel({ name: 'zoo:action-mode', description: v.description, parts: v.parts });
    for (const profile of ['none', 'adversarial'] as const) {
      for (let seed = 1n; seed <= 15n; seed++) {
        const a = simulate({ model: actionMode, seed, profile, keepTrace: false });
        const b = simulate({ model: asupersyncModel, seed, profile, keepTrace: false });
        expect(a.rollingHash).toBe(b.rollingHash);
      }
    }
  });
});
