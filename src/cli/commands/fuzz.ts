/**
 * `lockstep fuzz`: run a campaign of seeds and keep the trace of every failure.
 * @module
 */
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { CampaignTally, runSeed } from '../../fuzz/campaign.js';
import { formatFailureLine, formatSummary } from '../report.js';
import { parseSeed, RUN_OPTIONS, runSettings, type RunFlags } from '../settings.js';
import { saveTrace } from '../trace-io.js';
import { EXIT, UsageError } from '../usage-error.js';

interface FuzzFlags extends RunFlags {
  readonly seeds: number;
  readonly 'first-seed': string;
  readonly out: string;
  readonly 'fail-fast': boolean;
  readonly json: boolean;
}

/** Register the command. */
export function fuzzCommand(y: Argv): Argv {
  return y.command(
    'fuzz',
    'simulate many seeds; write a trace for every seed that violates an invariant',
    (c) =>
      c.options({
        ...RUN_OPTIONS,
        seeds: { type: 'number', default: 500, describe: 'number of seeds to run' },
        'first-seed': { type: 'string', default: '1', describe: 'first seed (u64); seeds run in ascending order' },
        out: { type: 'string', default: 'traces/failures', describe: 'directory for failure traces' },
        'fail-fast': { type: 'boolean', default: false, describe: 'stop at the first failing seed' },
        json: { type: 'boolean', default: false, describe: 'print the summary as JSON' },
      }),
    (argv) => {
      process.exitCode = fuzz(argv as unknown as FuzzFlags);
    },
  );
}

function fuzz(flags: FuzzFlags): number {
  const settings = runSettings(flags);
  if (!Number.isInteger(flags.seeds) || flags.seeds < 1) throw new UsageError(`--seeds must be an integer >= 1, got ${flags.seeds}`);
  const first = parseSeed('first-seed', flags['first-seed']);
  const tally = new CampaignTally();
  const failures: { seed: string; file: string; invariant: string }[] = [];
  const started = performance.now(); // determinism-ok: wall-clock only for the progress report
  if (!flags.json) {
    console.log(
      `lockstep fuzz: model ${settings.model.name}, profile ${settings.profile}, strategy ${settings.strategy}, ` +
        `seeds ${first}..${first + BigInt(flags.seeds) - 1n}`,
    );
  }
  for (let i = 0; i < flags.seeds; i++) {
    const seed = BigInt.asUintN(64, first + BigInt(i));
    const result = runSeed(settings, seed);
    tally.add(result);
    const v = result.violations[0];
    if (v !== undefined && result.trace !== null) {
      const file = join(flags.out, `${settings.model.name}-${settings.profile}-${settings.strategy}-seed${seed}.lstrace`);
      saveTrace(file, result.trace);
      failures.push({ seed: seed.toString(), file, invariant: v.invariant });
      if (!flags.json) console.log(formatFailureLine(seed, v, file));
      if (flags['fail-fast']) break;
    }
  }
  const seconds = (performance.now() - started) / 1000; // determinism-ok: progress report only
  const summary = tally.summary();
  if (flags.json) console.log(JSON.stringify({ ...summary, seconds, failingSeeds: failures }, null, 2));
  else {
    console.log(formatSummary(summary, seconds));
    const example = failures[0];
    if (example !== undefined) {
      console.log(`  details of a failure: lockstep run --seed ${example.seed} --model ${settings.model.name} --profile ${settings.profile} --strategy ${settings.strategy} --steps`);
      console.log(`  check a trace:        lockstep replay ${example.file}`);
    }
  }
  return summary.failures > 0 ? EXIT.failed : EXIT.ok;
}
