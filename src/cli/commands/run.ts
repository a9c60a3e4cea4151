/**
 * `lockstep run`: run scenario files (and directories of them) and check
 * their expectations; or, with `--seed` and no scenario, simulate one seed
 * and report it.
 *
 * Details:
 * - Every scenario is loaded and validated before any runs; an invalid one
 *   is bad input (exit 2, one line naming file, line, column and field).
 * - One line per scenario, ✓ or ✗, with its interleaving counts when it has
 *   exhaustive blocks; the reasons of a failure follow, indented.
 * - `--trace-out DIR` writes `DIR/<scenario file name>.lstrace` per
 *   scenario: the first failing interleaving's trace when one failed,
 *   otherwise the first feasible one's (written atomically).
 * - `--json` prints one JSON document on stdout and nothing else there.
 * - Exit 0 when every scenario passed, 1 when one failed, 2 on bad input.
 * @module
 */
import { basename, extname, join } from 'node:path';
import chalk from 'chalk';
import type { Argv } from 'yargs';
import { runSeed } from '../../fuzz/campaign.js';
import { loadScenario, runScenario, scenarioFiles, ScenarioError, type ScenarioResult } from '../../scenario/index.js';
import { formatViolation } from '../report.js';
import { parseSeed, RUN_OPTIONS, runSettings, type RunFlags } from '../settings.js';
import { saveTrace } from '../trace-io.js';
import { EXIT, UsageError } from '../usage-error.js';

interface RunCommandFlags extends RunFlags {
  readonly scenarios: string[] | undefined;
  readonly seed: string | undefined;
  readonly trace: string | undefined;
  readonly 'trace-out': string | undefined;
  readonly steps: boolean;
  readonly json: boolean;
}

/** Register the command. */
export function runCommand(y: Argv): Argv {
  return y.command(
    'run [scenarios..]',
    'run scenario files and check their expectations; or simulate one seed (--seed)',
    (c) =>
      c
        .positional('scenarios', { type: 'string', array: true, describe: 'scenario files (.yaml, .yml, .json) or directories of them' })
        .options({
          ...RUN_OPTIONS,
          seed: { type: 'string', describe: 'with scenarios: override their seed; without: simulate this seed (u64)' },
          trace: { type: 'string', describe: 'single-seed mode: write the trace to this file' },
          'trace-out': { type: 'string', describe: 'scenario mode: write one trace per scenario into this directory' },
          steps: { type: 'boolean', default: false, describe: 'single-seed mode: print every step' },
          json: { type: 'boolean', default: false, describe: 'scenario mode: print one JSON document on stdout' },
        })
        .example('lockstep run scenarios/', 'run every scenario of the library')
        .example('lockstep run scenarios/cancel-vs-completion.yaml --trace-out traces/scenarios', 'run one scenario and keep its trace')
        .example('lockstep run scenarios/ --json', 'machine-readable verdicts')
        .example('lockstep run --seed 7 --profile adversarial --steps', 'simulate one seed and print its steps'),
    (argv) => {
      const flags = argv as unknown as RunCommandFlags;
      process.exitCode = (flags.scenarios ?? []).length > 0 ? runScenarios(flags) : runOneSeed(flags);
    },
  );
}

function runScenarios(flags: RunCommandFlags): number {
  if (flags.trace !== undefined) throw new UsageError('--trace is for single-seed runs; with scenarios use --trace-out DIR');
  const seed = flags.seed === undefined ? null : parseSeed('seed', flags.seed);
  let scenarios;
  try {
    scenarios = scenarioFiles(flags.scenarios ?? []).map(loadScenario);
  } catch (e) {
    if (e instanceof ScenarioError) throw new UsageError(e.message);
    throw e;
  }
  if (scenarios.length === 0) throw new UsageError(`no scenario files (.yaml, .yml, .json) in ${(flags.scenarios ?? []).join(', ')}`);
  const out = flags.json ? (s: string): void => void process.stderr.write(`${s}\n`) : (s: string): void => console.log(s);
  const reports: object[] = [];
  let failed = 0;
  for (const sc of scenarios) {
    const r = runScenario(seed === null ? sc : { ...sc, seed });
    if (!r.passed) failed++;
    let file: string | null = null;
    if (flags['trace-out'] !== undefined && r.trace !== null) {
      file = join(flags['trace-out'], `${basename(sc.file, extname(sc.file))}.lstrace`);
      saveTrace(file, r.trace);
    }
    out(formatResult(r, file));
    reports.push(jsonReport(r, file));
  }
  const summary = `${scenarios.length} scenario${scenarios.length === 1 ? '' : 's'}: ${scenarios.length - failed} passed, ${failed} failed`;
  out(failed === 0 ? chalk.green(summary) : chalk.red(summary));
  if (flags.json) console.log(JSON.stringify({ scenarios: reports, passed: scenarios.length - failed, failed }, null, 2));
  return failed > 0 ? EXIT.failed : EXIT.ok;
}

function formatResult(r: ScenarioResult, file: string | null): string {
  const i = r.interleavings;
  const detail = r.exhaustive ? `${i.total} interleavings: ${i.explored} explored, ${i.infeasible} infeasible, ${i.failed} failed` : `${r.steps} steps`;
  const mark = r.passed ? chalk.green('✓') : chalk.red('✗');
  const lines = [`${mark} ${chalk.bold(r.name)}  ${chalk.dim(`(${r.file}; ${detail})`)}`];
  for (const m of r.messages) lines.push(m.split('\n').map((l) => `    ${l}`).join('\n'));
  if (file !== null) lines.push(chalk.dim(`    trace: ${file}`));
  return lines.join('\n');
}

function jsonReport(r: ScenarioResult, file: string | null): object {
  const { trace: _trace, ...rest } = r;
  return { ...rest, trace: file };
}

function runOneSeed(flags: RunCommandFlags): number {
  const settings = runSettings(flags);
  const seed = parseSeed('seed', flags.seed ?? '1');
  const result = runSeed(settings, seed);
  const trace = result.trace;
  if (trace === null) return EXIT.failed;
  if (flags.steps) {
    for (const s of trace.steps) {
      const extra = [s.fault === null ? '' : `fault=${s.fault}`, s.error === null ? '' : `error=${s.error}`, s.events.join(' ')]
        .filter((x) => x !== '')
        .join(' ');
      console.log(`${String(s.index).padStart(5)} ${s.phase} ${s.actor.padEnd(12)} ${JSON.stringify(s.decision)} ${extra}`);
    }
  }
  if (flags.trace !== undefined) saveTrace(flags.trace, trace);
  console.log(
    `seed ${seed}: ${result.steps} steps, ${result.settled ? 'settled' : 'NOT settled'}, ` +
      `${result.violations.length} violation(s), rolling hash ${result.rollingHash}`,
  );
  console.log(`outcome: ${JSON.stringify(result.outcome)}`);
  for (const v of result.violations) console.log(formatViolation(v));
  return result.violations.length > 0 ? EXIT.failed : EXIT.ok;
}
