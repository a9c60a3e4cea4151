/**
 * `lockstep fuzz`: run a campaign of seeds and keep the trace of every failure.
 * @module
 */
import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
import { CampaignTally } from '../../fuzz/campaign.js';
import { runBatches } from '../fuzz-pool.js';
import type { BatchRequest, FailureRecord } from '../fuzz-batch.js';
import { formatFailureLine, formatSummary } from '../report.js';
import { parseSeed, RUN_OPTIONS, runSettings, type RunFlags } from '../settings.js';
import { EXIT, UsageError } from '../usage-error.js';

interface FuzzFlags extends RunFlags {
  readonly seeds: number;
  readonly 'first-seed': string;
  readonly out: string;
  readonly workers: number;
  readonly 'fail-fast': boolean;
  readonly json: boolean;
}

const BATCH = 25;

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
        workers: { type: 'number', default: availableParallelism(), describe: 'worker threads (1 runs in-process)' },
        'fail-fast': { type: 'boolean', default: false, describe: 'stop at the first failing seed (with several workers, batches already running finish)' },
        json: { type: 'boolean', default: false, describe: 'print the summary as JSON' },
      }),
    async (argv) => {
      process.exitCode = await fuzz(argv as unknown as FuzzFlags);
    },
  );
}

async function fuzz(flags: FuzzFlags): Promise<number> {
  const settings = runSettings(flags);
  if (!Number.isInteger(flags.seeds) || flags.seeds < 1) throw new UsageError(`--seeds must be an integer >= 1, got ${flags.seeds}`);
  if (!Number.isInteger(flags.workers) || flags.workers < 1) throw new UsageError(`--workers must be an integer >= 1, got ${flags.workers}`);
  const first = parseSeed('first-seed', flags['first-seed']);
  const batches: BatchRequest[] = [];
  for (let done = 0; done < flags.seeds; done += BATCH) {
    batches.push({
      flags,
      out: flags.out,
      first: BigInt.asUintN(64, first + BigInt(done)).toString(),
      count: Math.min(BATCH, flags.seeds - done),
      failFast: flags['fail-fast'],
    });
  }
  const tally = new CampaignTally();
  const failures: FailureRecord[] = [];
  const started = performance.now(); // determinism-ok: wall-clock only for the progress report
  if (!flags.json) {
    console.log(
      `lockstep fuzz: model ${settings.model.name}, profile ${settings.profile}, strategy ${settings.strategy}, ` +
        `seeds ${first}..${first + BigInt(flags.seeds) - 1n}, ${flags.workers} worker(s)`,
    );
  }
  await runBatches(
    batches,
    flags.workers,
    (r) => {
      tally.merge(r.summary);
      failures.push(...r.failures);
      if (!flags.json) for (const f of r.failures) console.log(formatFailureLine(f));
    },
    () => flags['fail-fast'] && failures.length > 0,
  );
  failures.sort((a, b) => (BigInt(a.seed) < BigInt(b.seed) ? -1 : 1));
  const seconds = (performance.now() - started) / 1000; // determinism-ok: progress report only
  const summary = tally.summary();
  if (flags.json) {
    console.log(JSON.stringify({ ...summary, seconds, failingSeeds: failures }, null, 2));
  } else {
    console.log(formatSummary(summary, seconds));
    const example = failures[0];
    if (example !== undefined) {
      console.log(`  details of a failure: lockstep run --seed ${example.seed} --model ${settings.model.name} --profile ${settings.profile} --strategy ${settings.strategy} --steps`);
      console.log(`  check a trace:        lockstep replay ${example.file}`);
    }
  }
  return summary.failures > 0 ? EXIT.failed : EXIT.ok;
}
