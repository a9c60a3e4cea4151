/**
 * The `lockstep` command line. Shell only: parses flags, reads and writes
 * files, prints; all simulation work happens in the pure core.
 *
 * Conventions every command follows:
 * - exit codes: 0 all good; 1 a violation was found or a replay diverged;
 *   2 usage error or invalid input (one line on stderr, no stack trace);
 * - `--json` prints exactly one JSON document on stdout; everything else
 *   (errors, progress, notes) goes to stderr;
 * - colour (see `colour.ts`) is decided once, before the command runs, from
 *   the global `--color/--no-color`, `NO_COLOR` and whether stdout is a TTY.
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
import { configureColour } from './colour.js';
import { EXIT, UsageError } from './usage-error.js';

/** A command line yargs could not parse (as opposed to bad input found by a command): worth a pointer to --help. */
class ParseError extends UsageError {}

function usageFailure(e: UsageError): number {
  const hint = e instanceof ParseError ? "\nRun 'lockstep --help' for usage." : '';
  process.stderr.write(`lockstep: ${e.message}${hint}\n`);
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
    .option('color', { type: 'boolean', global: true, describe: 'colour the output (default: when stdout is a terminal and NO_COLOR is unset; --no-color turns it off)' })
    .middleware((argv) => configureColour(argv.color as boolean | undefined), true)
    .example('$0 fuzz', 'explore seeds of the asupersync model and save a trace of every failure')
    .example('$0 replay traces/', 'replay every saved trace; exit 1 if any diverges')
    .example('$0 show failing.lstrace', 'read a failing trace as a timeline, the violation highlighted')
    .epilogue('Exit codes: 0 pass, 1 a violation or divergence was found, 2 usage error or bad input. With --json, stdout holds one JSON document and everything else goes to stderr. NO_COLOR or --no-color turns colour off.')
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .exitProcess(false)
    .fail((msg, err) => {
      // yargs passes its own YError for parse failures; anything else thrown by a handler propagates as is.
      if (err !== undefined && err !== null && err.name !== 'YError') throw err;
      throw new ParseError(err?.message ?? msg);
    });
  for (const add of [fuzzCommand, runCommand, replayCommand, shrinkCommand, showCommand, checkDeterminismCommand, modelsCommand]) cli = add(cli);
  try {
    await cli.parseAsync();
  } catch (e) {
    if (e instanceof UsageError) return usageFailure(e);
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
