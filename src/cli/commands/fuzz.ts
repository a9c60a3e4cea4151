/**
 * `lockstep fuzz`: explore many seeds; shrink, save and explain every
 * violation; end with a summary.
 *
 * The campaign runs in this thread (`--jobs 1`) or on a piscina pool
 * (`--jobs N`) and reports the same seeds, failures, trace bytes and
 * summary either way (see `fuzz-runner.ts`). Traces are written here, in
 * seed order, as batches are committed.
 * @module
 */
import { join } from 'node:path';
import type { Argv } from 'yargs';
import { CampaignTally } from '../../fuzz/campaign.js';
import { shardSize } from '../../fuzz/seed-plan.js';
import type { FoundFailure } from '../fuzz-batch.js';
import { inProcessExecutor, poolExecutor } from '../fuzz-executor.js';
import { DEFAULT_SEEDS, DEFAULT_TIME_MS, fuzzOptions, type FuzzFlags, type FuzzOptions } from '../fuzz-options.js';
import { campaignLine, failureReport, formatFailure, formatSummary, fuzzReport, traceFileName, type FailureReport } from '../fuzz-report.js';
import { Progress } from '../fuzz-progress.js';
import { runCampaign, type StopReason } from '../fuzz-runner.js';
import { RUN_OPTIONS } from '../settings.js';
import { saveTrace } from '../trace-io.js';
import { EXIT, UsageError } from '../usage-error.js';

/** Register the command. */
export function fuzzCommand(y: Argv): Argv {
  return y.command(
    'fuzz',
    'explore many seeds; shrink and save a trace for each violation; summarise the races and faults hit',
    (c) =>
      c
        .options({
          ...RUN_OPTIONS,
          profile: { ...RUN_OPTIONS.profile, default: 'realistic' },
          seeds: { type: 'number', describe: `seeds to run (default without --time: ${DEFAULT_SEEDS} within ${DEFAULT_TIME_MS / 1000}s)` },
          time: { type: 'string', describe: 'time budget, e.g. 60s, 1500ms, 2m; with --seeds, whichever ends first' },
          'seed-start': { type: 'string', default: '1', describe: 'first seed (u64, decimal or 0x hex); seeds run in ascending order' },
          shard: { type: 'string', describe: 'run shard K of N (K/N, 1-based): every N-th seed of the range, starting at the K-th' },
          jobs: { type: 'number', default: 1, describe: 'worker threads (1 runs in-process); results are identical for any count' },
          'keep-going': { type: 'boolean', default: false, describe: 'run every seed instead of stopping at the first violation (still exits 1)' },
          out: { type: 'string', default: 'traces', describe: 'directory for the shrunk traces of failing seeds' },
          json: { type: 'boolean', default: false, describe: 'print one JSON document on stdout; everything else goes to stderr' },
        })
        .example('$0 fuzz', `realistic profile, seeds 1..${DEFAULT_SEEDS} within ${DEFAULT_TIME_MS / 1000}s, stop at the first violation`)
        .example('$0 fuzz --profile adversarial --time 5m --jobs 2 --keep-going', 'five minutes on two threads, every violation saved')
        .example('$0 fuzz --seeds 100000 --shard 2/4', 'the second of four CI shards of a 100,000-seed campaign')
        .example('$0 fuzz --seed-start 157 --seeds 1 --profile realistic', 're-run one seed, as printed for a failure')
        .example('$0 fuzz --seeds 1000 --json > report.json', 'machine-readable summary and failures'),
    async (argv) => {
      process.exitCode = await fuzz(fuzzOptions(argv as unknown as FuzzFlags));
    },
  );
}

async function fuzz(o: FuzzOptions): Promise<number> {
  const say = (text: string): void => {
    (o.json ? process.stderr : process.stdout).write(`${text}\n`);
  };
  const progress = process.stderr.isTTY ? new Progress(o.openEnded ? null : shardSize(o.plan)) : undefined;
  say(campaignLine(o));
  const started = performance.now(); // determinism-ok: wall time decides the budget and the rate, never a result
  const deadline = o.timeMs === null ? null : Date.now() + o.timeMs; // determinism-ok: as above
  const tally = new CampaignTally();
  const failures: FailureReport[] = [];
  const executor = o.jobs === 1 ? inProcessExecutor() : poolExecutor(o.jobs);
  let stoppedBy: StopReason;
  let seeds = 0;
  try {
    stoppedBy = await runCampaign({ flags: o.flags, plan: o.plan, stopAtFirst: o.stopAtFirst, deadline }, executor, (batch) => {
      tally.merge(batch.summary);
      seeds += batch.completed;
      for (const f of batch.failures) {
        const path = join(o.out, traceFileName(o, f.seed));
        saveFailureTrace(path, f);
        const report = failureReport(o, f, path);
        failures.push(report);
        progress?.clear();
        say(formatFailure(report));
      }
      progress?.update(seeds, failures.length);
    });
  } finally {
    progress?.clear();
    await executor.close();
  }
  const seconds = (performance.now() - started) / 1000; // determinism-ok: reported as wall time only
  const report = fuzzReport(o, tally.summary(), failures, stoppedBy, { seconds, jobs: o.jobs });
  say(formatSummary(report, o.plan));
  if (o.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  return report.failingSeeds > 0 ? EXIT.failed : EXIT.ok;
}

function saveFailureTrace(path: string, f: FoundFailure): void {
  try {
    saveTrace(path, f.trace);
  } catch (e) {
    // An unwritable --out is bad input, reported in one line like any other.
    throw new UsageError(`cannot write the trace of seed ${f.seed} to ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
