/**
 * The clean model's violations are the real protocol's two known findings
 * and nothing else: every first violation on a sample of seeds is explained
 * by `explainViolation`, which in turn does not explain a planted bug's
 * violation away.
 */
import { describe, expect, it } from 'vitest';
import { asupersyncModel } from '../../src/models/asupersync/model.js';
import { simulate } from '../../src/sim/simulate.js';
import { readTraceFile } from '../../src/trace/file-reader.js';
import { cleanProfile } from '../../zoo/clean.js';
import { explainViolation } from '../../zoo/findings.js';

describe('clean model', () => {
  it.each(['none', 'realistic', 'adversarial', 'swarm'] as const)('every violation under %s is a known finding', (profile) => {
    const r = cleanProfile(profile, 1n, 120);
    expect(r.findings?.unexplained ?? 0).toBe(0);
    const explained = Object.values(r.findings ?? {}).reduce((a, b) => a + b, 0);
    expect(explained).toBe(r.failing);
  });

  it('finding A at its pinned seed (realistic 157) is classified as A', () => {
    const trace = simulate({ model: asupersyncModel, seed: 157n, profile: 'realistic' }).trace;
    const first = trace?.footer.violations[0];
    expect(first?.invariant).toBe('stale-worker-inert');
    if (trace !== null && first !== undefined) expect(explainViolation(trace, first)).toBe('A');
  });

  it('a planted bug is not explained away as a finding', () => {
    const trace = readTraceFile(new URL('../../zoo/traces/worker-panic-as-err.lstrace', import.meta.url).pathname);
    const v = trace.footer.violations.find((x) => x.invariant === 'settled-views-agree');
    expect(v).toBeDefined();
    if (v !== undefined) expect(explainViolation(trace, v)).toBeNull();
  });
});
