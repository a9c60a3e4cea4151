/**
 * `lockstep replay`: re-execute recorded traces and check every step.
 * @module
 */
import chalk from 'chalk';
import type { Argv } from 'yargs';
import { resolveModel } from '../../models/registry.js';
import { TraceFormatError } from '../../trace/errors.js';
import { readTraceRecords } from '../../trace/file-reader.js';
import { replay } from '../../trace/replay.js';
import { formatDivergence } from '../report.js';
import { requireFile } from '../trace-io.js';
import { EXIT, UsageError } from '../usage-error.js';

/** Register the command. */
export function replayCommand(y: Argv): Argv {
  return y.command(
    'replay <traces..>',
    're-execute the recorded decisions of trace files and check every step digest, envelope hash and the outcome',
    (c) => c.positional('traces', { type: 'string', array: true, demandOption: true, describe: 'trace files (.lstrace)' }),
    (argv) => {
      process.exitCode = replayFiles(argv.traces as string[]);
    },
  );
}

function replayFiles(paths: readonly string[]): number {
  for (const p of paths) requireFile(p);
  let diverged = 0;
  for (const path of paths) {
    let verdict;
    try {
      verdict = replay(readTraceRecords(path), resolveModel);
    } catch (e) {
      if (e instanceof TraceFormatError) throw new UsageError(e.message);
      if (e instanceof Error && e.message.startsWith('unknown model')) throw new UsageError(`${path}: ${e.message}`);
      throw e;
    }
    if (verdict.ok) {
      console.log(`${chalk.green('✓')} ${path}: ${verdict.steps} steps replayed identically`);
    } else {
      diverged++;
      console.log(`${path}:\n${formatDivergence(verdict.divergence)}`);
    }
  }
  return diverged > 0 ? EXIT.failed : EXIT.ok;
}
