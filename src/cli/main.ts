/**
 * The `lockstep` command line. Shell only: parses flags, reads and writes
 * files, prints; all simulation work happens in the pure core.
 *
 * Exit codes: 0 all good; 1 a violation was found or a replay diverged;
 * 2 usage error or invalid input (printed as one line, without a stack trace).
 * @module
 */
import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { LOCKSTEP_VERSION } from '../version.js';
import { checkDeterminismCommand } from './commands/check-determinism.js';
import { fuzzCommand } from './commands/fuzz.js';
import { modelsCommand } from './commands/models.js';
import { replayCommand } from './commands/replay.js';
import { runCommand } from './commands/run.js';
import { showCommand } from './commands/show.js';
import { shrinkCommand } from './commands/shrink.js';
import { EXIT, UsageError } from './usage-error.js';

function usageFailure(message: string): number {
  process.stderr.write(`lockstep: ${message}\nRun 'lockstep --help' for usage.\n`);
  return EXIT.usage;
}

/**
 * Parse `argv` (without the node and script paths) and run the chosen
 * command. Resolves to the exit code; commands also set `process.exitCode`.
 */
export async function main(argv: readonly string[]): Promise<number> {
  let cli: Argv = yargs(argv as string[])
    .scriptName('lockstep')
    .version(LOCKSTEP_VERSION)
    .strict()
    .demandCommand(1, 'choose a command')
    .recommendCommands()
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((msg, err) => {
      if (err !== undefined && err !== null && !(err instanceof UsageError)) throw err;
      throw new UsageError(err?.message ?? msg);
    });
  for (const add of [fuzzCommand, runCommand, replayCommand, shrinkCommand, showCommand, checkDeterminismCommand, modelsCommand]) cli = add(cli);
  try {
    await cli.parseAsync();
  } catch (e) {
    if (e instanceof UsageError) return usageFailure(e.message);
    throw e;
  }
  return typeof process.exitCode === 'number' ? process.exitCode : EXIT.ok;
}

/** Entry point used by `bin/lockstep.js`. */
export async function run(): Promise<void> {
  try {
    process.exitCode = await main(hideBin(process.argv));
  } catch (e) {
    process.stderr.write(`lockstep: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exitCode = 70;
  }
}
