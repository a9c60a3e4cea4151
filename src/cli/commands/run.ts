/**
 * `lockstep run`: one seed, with its steps printed and its trace optionally saved.
 * @module
 */
import type { Argv } from 'yargs';
import { runSeed } from '../../fuzz/campaign.js';
import { formatViolation } from '../report.js';
import { parseSeed, RUN_OPTIONS, runSettings, type RunFlags } from '../settings.js';
import { saveTrace } from '../trace-io.js';
import { EXIT } from '../usage-error.js';

interface RunCommandFlags extends RunFlags {
  readonly seed: string;
  readonly trace: string | undefined;
  readonly steps: boolean;
}

/** Register the command. */
export function runCommand(y: Argv): Argv {
  return y.command(
    'run',
    'simulate one seed and report it',
    (c) =>
      c.options({
        ...RUN_OPTIONS,
        seed: { type: 'string', default: '1', describe: 'run seed (u64)' },
        trace: { type: 'string', describe: 'write the trace to this file' },
        steps: { type: 'boolean', default: false, describe: 'print every step' },
      }),
    (argv) => {
      process.exitCode = run(argv as unknown as RunCommandFlags);
    },
  );
}

function run(flags: RunCommandFlags): number {
  const settings = runSettings(flags);
  const seed = parseSeed('seed', flags.seed);
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
