/**
 * `lockstep check-determinism`: run a sample of seeds twice, compare bytes, replay.
 * @module
 */
import chalk from 'chalk';
import type { Argv } from 'yargs';
import { checkDeterminism } from '../../fuzz/determinism-check.js';
import { resolveModel } from '../../models/registry.js';
import { parseSeed, RUN_OPTIONS, runSettings, type RunFlags } from '../settings.js';
import { EXIT, UsageError } from '../usage-error.js';

interface Flags extends RunFlags {
  readonly seeds: number;
  readonly 'first-seed': string;
}

/** Register the command. */
export function checkDeterminismCommand(y: Argv): Argv {
  return y.command(
    'check-determinism',
    'run each seed twice and compare the trace bytes, then replay it',
    (c) =>
      c.options({
        ...RUN_OPTIONS,
        seeds: { type: 'number', default: 50, describe: 'number of seeds to check' },
        'first-seed': { type: 'string', default: '1', describe: 'first seed (u64)' },
      }),
    (argv) => {
      const flags = argv as unknown as Flags;
      const settings = runSettings(flags);
      if (!Number.isInteger(flags.seeds) || flags.seeds < 1) throw new UsageError(`--seeds must be an integer >= 1, got ${flags.seeds}`);
      const first = parseSeed('first-seed', flags['first-seed']);
      const findings = checkDeterminism(settings, first, flags.seeds, resolveModel);
      for (const f of findings) console.log(`${chalk.red('✗')} seed ${f.seed}: ${f.problem}`);
      if (findings.length === 0) {
        console.log(`${chalk.green('✓')} ${flags.seeds} seeds: byte-identical traces on two runs, and every trace replays`);
      }
      process.exitCode = findings.length > 0 ? EXIT.failed : EXIT.ok;
    },
  );
}
