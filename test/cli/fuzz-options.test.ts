import { describe, expect, it } from 'vitest';
import { DEFAULT_SEEDS, DEFAULT_TIME_MS, fuzzOptions, nonDefaultRunFlags, parseDuration, parseShard } from '../../src/cli/fuzz-options.js';
import { fuzzFlags } from './fuzz-flags.js';
import { UsageError } from '../../src/cli/usage-error.js';
import { shardSize } from '../../src/fuzz/seed-plan.js';

const flags = fuzzFlags;

describe('--time', () => {
  it.each([
    ['60s', 60_000],
    ['1500ms', 1500],
    ['2m', 120_000],
    ['1.5m', 90_000],
    ['0.25s', 250],
    [' 10 s ', 10_000],
  ])('%j is %d ms', (text, ms) => {
    expect(parseDuration('time', text)).toBe(ms);
  });

  it.each(['60', '1h', 's', '-5s', '0s', '0.1ms', 'soon', '1e3ms'])('%j is a usage error', (text) => {
    expect(() => parseDuration('time', text)).toThrow(UsageError);
  });
});

describe('--shard', () => {
  it('parses K/N', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
  });

  it.each(['0/4', '5/4', '1/0', '2', '2/4/1', 'a/b', '-1/3', ''])('%j is a usage error', (text) => {
    expect(() => parseShard(text)).toThrow(UsageError);
  });
});

describe('fuzz options', () => {
  it('no flags: realistic profile, the default seed range within the default time budget, stop at the first violation', () => {
    const o = fuzzOptions(flags());
    expect(o.settings.profile).toBe('realistic');
    expect(o.plan.total).toBe(DEFAULT_SEEDS);
    expect(o.timeMs).toBe(DEFAULT_TIME_MS);
    expect(o.openEnded).toBe(false);
    expect(o.stopAtFirst).toBe(true);
  });

  it('--seeds alone has no time budget; --time alone runs seeds until the budget is spent; both stop at whichever comes first', () => {
    const seedsOnly = fuzzOptions(flags({ seeds: 40 }));
    expect([seedsOnly.plan.total, seedsOnly.timeMs]).toEqual([40, null]);
    const timeOnly = fuzzOptions(flags({ time: '5s' }));
    expect(timeOnly.timeMs).toBe(5000);
    expect(timeOnly.openEnded).toBe(true);
    expect(timeOnly.plan.total).toBe(Number.MAX_SAFE_INTEGER);
    const both = fuzzOptions(flags({ seeds: 40, time: '5s' }));
    expect([both.plan.total, both.timeMs, both.openEnded]).toEqual([40, 5000, false]);
  });

  it('--seeds counts the whole range; --shard takes its part of it', () => {
    const o = fuzzOptions(flags({ seeds: 10, shard: '3/4', 'seed-start': '0x10' }));
    expect(o.plan.start).toBe(16n);
    expect(shardSize(o.plan)).toBe(2);
  });

  it.each([
    [{ seeds: 0 }, /--seeds must be an integer >= 1/],
    [{ seeds: 2.5 }, /--seeds must be an integer >= 1/],
    [{ jobs: 0 }, /--jobs must be an integer >= 1/],
    [{ jobs: 100_000 }, /--jobs must be at most/],
    [{ 'seed-start': '18446744073709551615', seeds: 2 }, /runs past the largest u64 seed/],
    [{ 'seed-start': '-1' }, /--seed-start must be an unsigned integer/],
    [{ profile: 'chaotic' }, /--profile must be one of/],
  ])('%j is a usage error', (over, message) => {
    expect(() => fuzzOptions(flags(over))).toThrow(message);
  });

  it('repro commands carry only the run flags that differ from their defaults', () => {
    expect(nonDefaultRunFlags(flags())).toEqual([]);
    expect(nonDefaultRunFlags(flags({ 'max-steps': 50, 'pct-depth': 5 }))).toEqual(['--pct-depth', '5', '--max-steps', '50']);
  });
});
