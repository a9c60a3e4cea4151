import { describe, expect, it } from 'vitest';
import { fuzzOptions, type FuzzFlags } from '../../src/cli/fuzz-options.js';
import { fuzzFlags } from './fuzz-flags.js';
import { traceFileName } from '../../src/cli/fuzz-report.js';

const flags = fuzzFlags;
const nameOf = (over: Partial<FuzzFlags> = {}): string => traceFileName(fuzzOptions(flags(over)), '157');

describe('traceFileName', () => {
  it('is <model>-<profile>-seed-<S>.lstrace under the default settings', () => {
    expect(nameOf()).toBe('asupersync-realistic-seed-157.lstrace');
    expect(nameOf({ profile: 'swarm' })).toBe('asupersync-swarm-seed-157.lstrace');
  });

  it('names a strategy other than random', () => {
    expect(nameOf({ strategy: 'pct' })).toBe('asupersync-realistic-seed-157-pct.lstrace');
  });

  it('gives every setting that changes the run its own file, and one file to one setting however it is spelled', () => {
    const variants: Partial<FuzzFlags>[] = [
      {},
      { 'pct-depth': 4 },
      { 'max-steps': 300 },
      { 'heal-steps': 500 },
      { 'model-options': '{"jobs":3}' },
      { 'model-options': '{"jobs":4}' },
      { 'model-options': '{"jobs":3,"workload":"sequential"}' },
      { 'max-steps': 300, 'model-options': '{"jobs":3}' },
    ];
    const names = variants.map((v) => nameOf(v));
    expect(new Set(names).size).toBe(variants.length);
    for (const n of names.slice(1)) expect(n).toMatch(/^asupersync-realistic-seed-157-[0-9a-f]{8}\.lstrace$/);
    expect(nameOf({ 'model-options': '{ "workload": "sequential", "jobs": 3 }' })).toBe(nameOf({ 'model-options': '{"jobs":3,"workload":"sequential"}' }));
    expect(nameOf({ 'model-options': '{}' })).toBe(nameOf());
  });
});
