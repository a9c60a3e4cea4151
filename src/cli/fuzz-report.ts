/**
 * What `lockstep fuzz` reports: the campaign line printed first, one block
 * per violation, the final summary, and the `--json` document.
 *
 * {@link FuzzReport} is built only from committed batches (see
 * `BatchLedger`), so everything in it except `wall` is identical for any
 * `--jobs`; `wall` holds what legitimately differs (time, thread count).
 * @module
 */
import chalk from 'chalk';
import type { CampaignSummary } from '../fuzz/campaign.js';
import { seedAt, shardSize, type SeedPlan } from '../fuzz/seed-plan.js';
import { digestText } from '../sim/digest.js';
import { canonicalJson, type Json } from '../sim/json.js';
import type { FoundFailure } from './fuzz-batch.js';
import { nonDefaultRunFlags, type FuzzOptions } from './fuzz-options.js';
import { RUN_OPTIONS } from './settings.js';
import type { StopReason } from './fuzz-runner.js';

/** One violation found, as reported. */
export interface FailureReport {
  readonly seed: string;
  readonly invariant: string;
  /** Step of the shrunk trace at which the violation is detected. */
  readonly step: number;
  readonly decision: Json;
  readonly message: string;
  readonly originalSteps: number;
  readonly shrunkSteps: number;
  /** Why shrinking failed (the saved trace is then the original run), or null. */
  readonly shrinkError: string | null;
  /** The saved trace file. */
  readonly trace: string;
  /** Replays the saved trace. */
  readonly replay: string;
  /** Re-runs the seed from scratch. */
  readonly rerun: string;
}

/** The `--json` document. */
export interface FuzzReport {
  readonly model: string;
  readonly profile: string;
  readonly strategy: string;
  readonly seedStart: string;
  /** Seeds in the unsharded range, and the shard as `K/N`. */
  readonly seedsPlanned: number;
  readonly shard: string;
  readonly timeBudgetMs: number | null;
  readonly stopAtFirst: boolean;
  /** The seeds actually run: `first`, `first + every`, …, `last`. */
  readonly ran: { readonly seeds: number; readonly first: string | null; readonly last: string | null; readonly every: number };
  readonly stoppedBy: StopReason;
  readonly steps: number;
  /** Runs that did not settle within the heal bound. */
  readonly unsettled: number;
  /** Seeds with at least one violation, and violations per invariant. */
  readonly failingSeeds: number;
  readonly violated: { readonly [invariant: string]: number };
  /** Race and fault events hit, summed over every step of every seed run. */
  readonly events: { readonly [event: string]: number };
  readonly failures: readonly FailureReport[];
  /** Differs between runs; everything else does not. */
  readonly wall: { readonly seconds: number; readonly jobs: number };
}

/** `a..b`, with the stride when sharded. */
function seedRange(plan: SeedPlan, count: number): string {
  if (count === 0) return 'no seeds';
  const first = seedAt(plan, 0);
  const last = seedAt(plan, count - 1);
  const n = plan.shard.count;
  return n === 1 ? `${first}..${last}` : `${first}..${last} step ${n} (shard ${plan.shard.index}/${n})`;
}

function budget(ms: number): string {
  return ms % 60_000 === 0 ? `${ms / 60_000}m` : ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** The line printed before any seed runs. */
export function campaignLine(o: FuzzOptions): string {
  const size = shardSize(o.plan);
  const within = o.timeMs === null ? '' : ` within ${budget(o.timeMs)}`;
  const seeds = o.openEnded
    ? `seeds from ${o.plan.start}${o.plan.shard.count === 1 ? '' : ` (shard ${o.plan.shard.index}/${o.plan.shard.count})`}`
    : `seeds ${seedRange(o.plan, size)} (${size})`;
  return (
    `lockstep fuzz: model ${o.settings.model.name}, profile ${o.settings.profile}, strategy ${o.settings.strategy}, ` +
    `${seeds}${within}, ` +
    `${o.stopAtFirst ? 'stop at the first violation' : 'keep going'}, ${o.jobs} job${o.jobs === 1 ? '' : 's'}`
  );
}

/**
 * The trace file of a failing seed: `<model>-<profile>-seed-<S>.lstrace` under the default
 * settings. A strategy other than `random` is added by name (`-pct`), and any other setting that
 * changes the run (`--pct-depth`, `--max-steps`, `--heal-steps`, `--model-options`) as the first
 * 8 hex digits of their digest, so runs of one seed under different settings never overwrite
 * each other's trace, while the default run keeps the short name the README shows.
 */
export function traceFileName(o: FuzzOptions, seed: string): string {
  const s = o.settings;
  let name = `${s.model.name}-${s.profile}-seed-${seed}`;
  if (s.strategy !== 'random') name += `-${s.strategy}`;
  const changed: Json[] = [];
  if (s.pctDepth !== RUN_OPTIONS['pct-depth'].default) changed.push('pct-depth', s.pctDepth);
  if (s.maxSteps !== RUN_OPTIONS['max-steps'].default) changed.push('max-steps', s.maxSteps);
  if (s.healSteps !== RUN_OPTIONS['heal-steps'].default) changed.push('heal-steps', s.healSteps);
  // Model options by their parsed value: the same options spelled differently share a file.
  if (Object.keys(s.modelOptions).length > 0) changed.push('model-options', s.modelOptions);
  if (changed.length > 0) name += `-${digestText(canonicalJson(changed)).slice(0, 8)}`;
  return `${name}.lstrace`;
}

/** The report of one saved failure, with its repro commands. */
export function failureReport(o: FuzzOptions, f: FoundFailure, path: string): FailureReport {
  const s = o.settings;
  const rerun = [
    'lockstep fuzz --seed-start', f.seed, '--seeds 1 --profile', s.profile, '--strategy', s.strategy, '--model', s.model.name,
    ...nonDefaultRunFlags(o.flags),
  ].join(' ');
  return {
    seed: f.seed,
    invariant: f.violation.invariant,
    step: f.violation.step,
    decision: f.violation.decision,
    message: f.violation.message,
    originalSteps: f.originalSteps,
    shrunkSteps: f.trace.steps.length,
    shrinkError: f.shrinkError,
    trace: path,
    replay: `lockstep replay ${shellWord(path)}`,
    rerun,
  };
}

function shellWord(text: string): string {
  return /^[\w./:@%+=,-]+$/.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The block printed when a violation is found. */
export function formatFailure(f: FailureReport): string {
  const where = f.step < 0 ? 'in the initial state' : `at step ${f.step}`;
  return [
    `${chalk.red('✗')} seed ${f.seed} violated ${chalk.bold(f.invariant)} ${where}: ${f.message}`,
    `    decision: ${f.decision === null ? '(none: checked at the end of the run)' : JSON.stringify(f.decision)}`,
    f.shrinkError === null
      ? `    shrunk:   ${f.originalSteps} → ${f.shrunkSteps} steps, saved to ${f.trace}`
      : `    ${chalk.yellow('not shrunk')} (${f.shrinkError}): ${f.originalSteps} steps saved to ${f.trace}`,
    `    reproduce: ${chalk.bold(f.replay)}`,
    `    re-run:    ${f.rerun}`,
  ].join('\n');
}

/** Build the report from the committed totals and failures. */
export function fuzzReport(
  o: FuzzOptions,
  totals: CampaignSummary,
  failures: readonly FailureReport[],
  stoppedBy: StopReason,
  wall: FuzzReport['wall'],
): FuzzReport {
  const n = totals.seeds;
  return {
    model: o.settings.model.name,
    profile: o.settings.profile,
    strategy: o.settings.strategy,
    seedStart: o.plan.start.toString(),
    seedsPlanned: o.plan.total,
    shard: `${o.plan.shard.index}/${o.plan.shard.count}`,
    timeBudgetMs: o.timeMs,
    stopAtFirst: o.stopAtFirst,
    ran: {
      seeds: n,
      first: n === 0 ? null : seedAt(o.plan, 0).toString(),
      last: n === 0 ? null : seedAt(o.plan, n - 1).toString(),
      every: o.plan.shard.count,
    },
    stoppedBy,
    steps: totals.steps,
    unsettled: totals.unsettled,
    failingSeeds: totals.failures,
    violated: totals.violated,
    events: totals.events,
    failures,
    wall,
  };
}

const STOPPED: { readonly [r in StopReason]: string } = {
  seeds: 'every planned seed ran',
  time: 'the time budget ran out',
  violation: 'stopped at the first violation; --keep-going runs every seed',
};

/** The summary printed at the end. */
export function formatSummary(r: FuzzReport, plan: SeedPlan): string {
  const head =
    r.failingSeeds === 0
      ? chalk.green(`✓ no violations in ${r.ran.seeds} seeds`)
      : chalk.red(`✗ ${r.failingSeeds} of ${r.ran.seeds} seeds violated an invariant`);
  const rate = r.wall.seconds > 0 ? Math.round(r.ran.seeds / r.wall.seconds) : r.ran.seeds;
  const events = Object.entries(r.events);
  const width = Math.max(0, ...events.map(([k]) => k.length));
  const lines = [
    `${head} (${STOPPED[r.stoppedBy]})`,
    `  seeds:      ${seedRange(plan, r.ran.seeds)}`,
    `  steps:      ${r.steps}${r.unsettled > 0 ? ` (${r.unsettled} run${r.unsettled === 1 ? '' : 's'} did not settle)` : ''}`,
    `  time:       ${r.wall.seconds.toFixed(1)} s, ${rate} seeds/s, ${r.wall.jobs} job${r.wall.jobs === 1 ? '' : 's'}`,
    `  violations: ${Object.entries(r.violated).map(([k, n]) => `${k} ×${n}`).join(', ') || 'none'}`,
    `  races and faults hit:${events.length === 0 ? ' none' : ''}`,
    ...events.map(([k, n]) => `    ${k.padEnd(width)}  ×${n}`),
  ];
  return lines.join('\n');
}

/** The one-line progress report (stderr, TTY only). */
export function progressLine(done: number, planned: number | null, seconds: number, failing: number): string {
  const rate = seconds > 0 ? Math.round(done / seconds) : 0;
  return `fuzz: ${done}${planned === null ? '' : `/${planned}`} seeds, ${rate} seeds/s, ${failing} violation${failing === 1 ? '' : 's'}, ${seconds.toFixed(0)} s`;
}
