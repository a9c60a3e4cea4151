/**
 * The flags of `lockstep fuzz`, validated into a {@link FuzzOptions}.
 *
 * Seed count and time budget: `--seeds N` alone runs N seeds, `--time T`
 * alone runs seeds from `--seed-start` until T has passed, both together stop
 * at whichever comes first, and neither gives the default campaign
 * ({@link DEFAULT_SEEDS} seeds within {@link DEFAULT_TIME_MS}). `--seeds`
 * always counts the whole (unsharded) range; `--shard K/N` picks every N-th
 * seed of it (see `src/fuzz/seed-plan.ts`).
 * @module
 */
import type { RunSettings } from '../fuzz/campaign.js';
import { maxSeedsFrom, seedPlan, type SeedPlan, type Shard } from '../fuzz/seed-plan.js';
import { parseSeed, RUN_OPTIONS, runSettings, type RunFlags } from './settings.js';
import { UsageError } from './usage-error.js';

/** Seeds of the default campaign. */
export const DEFAULT_SEEDS = 100_000;
/** Time budget of the default campaign: one minute. */
export const DEFAULT_TIME_MS = 60_000;

/** The raw flags, as yargs parses them. */
export interface FuzzFlags extends RunFlags {
  readonly seeds: number | undefined;
  readonly time: string | undefined;
  readonly 'seed-start': string;
  readonly shard: string | undefined;
  readonly out: string;
  readonly jobs: number;
  readonly 'keep-going': boolean;
  readonly json: boolean;
}

/** A validated campaign. */
export interface FuzzOptions {
  readonly flags: RunFlags;
  readonly settings: RunSettings;
  readonly plan: SeedPlan;
  /** Wall-clock budget in milliseconds, or null for none. */
  readonly timeMs: number | null;
  /** `--time` without `--seeds`: the plan runs to the end of the u64 space, the budget is the real limit. */
  readonly openEnded: boolean;
  readonly jobs: number;
  readonly stopAtFirst: boolean;
  readonly out: string;
  readonly json: boolean;
}

const UNITS: { readonly [unit: string]: number } = { ms: 1, s: 1000, m: 60_000 };

/** Parse a duration such as `60s`, `1500ms`, `2m` or `1.5m` into milliseconds. */
export function parseDuration(name: string, text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)\s*$/.exec(text);
  const unit = m?.[2];
  if (m === null || unit === undefined) {
    throw new UsageError(`--${name} must be a duration with a unit (ms, s or m), e.g. 60s or 1500ms; got "${text}"`);
  }
  const ms = Math.round(Number(m[1]) * (UNITS[unit] ?? Number.NaN));
  if (!(ms >= 1)) throw new UsageError(`--${name} must be at least 1ms, got "${text}"`);
  return ms;
}

/** Parse `K/N` (1-based K, 1 <= K <= N). */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (m === null) throw new UsageError(`--shard must look like K/N (e.g. 2/4), got "${text}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(count) || count < 1) throw new UsageError(`--shard K/N needs N >= 1, got "${text}"`);
  if (!Number.isSafeInteger(index) || index < 1 || index > count) {
    throw new UsageError(`--shard K/N needs 1 <= K <= N (K is 1-based), got "${text}"`);
  }
  return { index, count };
}

/** More threads than this only costs memory; 256 leaves room for large CI runners. */
const MAX_JOBS = 256;

function integerAtLeast(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) throw new UsageError(`--${name} must be an integer >= ${min}, got ${value}`);
  return value;
}

/** Validate the flags; throws {@link UsageError} with one line for any bad value. */
export function fuzzOptions(flags: FuzzFlags): FuzzOptions {
  const settings = runSettings(flags);
  const start = parseSeed('seed-start', flags['seed-start']);
  const shard = flags.shard === undefined ? { index: 1, count: 1 } : parseShard(flags.shard);
  const defaults = flags.seeds === undefined && flags.time === undefined;
  const timeMs = defaults ? DEFAULT_TIME_MS : flags.time === undefined ? null : parseDuration('time', flags.time);
  let total: number;
  if (flags.seeds !== undefined) {
    total = integerAtLeast('seeds', flags.seeds, 1);
    if (total > maxSeedsFrom(start)) throw new UsageError(`--seed-start ${start} with --seeds ${total} runs past the largest u64 seed`);
  } else {
    total = defaults ? Math.min(DEFAULT_SEEDS, maxSeedsFrom(start)) : maxSeedsFrom(start);
  }
  return {
    flags: pickRunFlags(flags),
    settings,
    plan: seedPlan(start, total, shard),
    timeMs,
    openEnded: flags.seeds === undefined && !defaults,
    jobs: jobCount(flags.jobs),
    stopAtFirst: !flags['keep-going'],
    out: flags.out,
    json: flags.json,
  };
}

function jobCount(jobs: number): number {
  integerAtLeast('jobs', jobs, 1);
  if (jobs > MAX_JOBS) throw new UsageError(`--jobs must be at most ${MAX_JOBS}, got ${jobs}`);
  return jobs;
}

/** Only the run flags, as plain data that can cross to a worker thread. */
function pickRunFlags(flags: RunFlags): RunFlags {
  return {
    model: flags.model,
    profile: flags.profile,
    strategy: flags.strategy,
    'pct-depth': flags['pct-depth'],
    'max-steps': flags['max-steps'],
    'heal-steps': flags['heal-steps'],
    'model-options': flags['model-options'],
  };
}

/** The run flags that differ from their defaults, as command-line words (for repro commands). */
export function nonDefaultRunFlags(flags: RunFlags): string[] {
  const words: string[] = [];
  for (const name of ['pct-depth', 'max-steps', 'heal-steps'] as const) {
    if (flags[name] !== RUN_OPTIONS[name].default) words.push(`--${name}`, String(flags[name]));
  }
  const options = flags['model-options'];
  if (options !== undefined) words.push('--model-options', `'${options}'`);
  return words;
}
