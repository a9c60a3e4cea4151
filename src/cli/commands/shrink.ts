/**
 * `lockstep shrink <trace>`: minimise a failing trace and save the result
 * next to it as `<name>.min.lstrace` (or `--out`), written atomically.
 *
 * Exit codes: 0 a shrunk trace was written; 2 bad input, including a trace
 * with no violation to keep, a trace that no longer reproduces it, a damaged file
 * or an unknown model.
 * @module
 */
import chalk from 'chalk';
import { basename, dirname, join } from 'node:path';
import type { Argv } from 'yargs';
import { resolveModel } from '../../models/registry.js';
import { DEFAULT_MAX_ATTEMPTS, ShrinkError, shrinkTrace, type ShrinkResult } from '../../shrink/index.js';
import { TraceFormatError } from '../../trace/errors.js';
import { readTraceFile } from '../../trace/file-reader.js';
import type { Trace } from '../../trace/types.js';
import { requireFile, saveTrace } from '../trace-io.js';
import { EXIT, UsageError } from '../usage-error.js';

interface ShrinkFlags {
  readonly trace: string;
  readonly out: string | undefined;
  readonly 'max-attempts': number;
  readonly json: boolean;
}

/** Register the command. */
export function shrinkCommand(y: Argv): Argv {
  return y.command(
    'shrink <trace>',
    'minimise a failing trace by delta debugging over its decisions and faults; keeps the same first violated invariant',
    (c) =>
      c
        .positional('trace', { type: 'string', demandOption: true, describe: 'a trace file (.lstrace) with a violation' })
        .options({
          out: { type: 'string', describe: 'where to write the shrunk trace (default: <name>.min.lstrace next to the input)' },
          'max-attempts': { type: 'number', default: DEFAULT_MAX_ATTEMPTS, describe: 'upper bound on candidate runs' },
          json: { type: 'boolean', default: false, describe: 'print the result as one JSON document' },
        })
        .example('$0 shrink traces/run.lstrace', 'write traces/run.min.lstrace')
        .example('$0 shrink failing.lstrace --out minimal.lstrace --max-attempts 500', 'choose the output file and a smaller budget')
        .example('$0 shrink failing.lstrace --json', 'machine-readable result on stdout'),
    (argv) => {
      process.exitCode = shrinkFile(argv as unknown as ShrinkFlags);
    },
  );
}

/** `<dir>/<name>.min.lstrace` for `<dir>/<name>.lstrace`. */
export function defaultShrinkOutput(path: string): string {
  const name = basename(path).replace(/\.lstrace$/, '');
  return join(dirname(path), `${name}.min.lstrace`);
}

function shrinkFile(flags: ShrinkFlags): number {
  const maxAttempts = flags['max-attempts'];
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1) throw new UsageError(`--max-attempts must be an integer >= 1, got ${maxAttempts}`);
  const input = flags.trace;
  requireFile(input);
  const out = flags.out ?? defaultShrinkOutput(input);
  const trace = readInput(input);
  let result: ShrinkResult;
  try {
    result = shrinkTrace(trace, resolveModel, { maxAttempts });
  } catch (e) {
    if (e instanceof ShrinkError) throw new UsageError(`${input}: ${e.message}`);
    if (e instanceof Error && e.message.startsWith('unknown model')) throw new UsageError(`${input}: ${e.message}`);
    throw e;
  }
  saveTrace(out, result.trace);
  const v = result.trace.footer.violations[0];
  const replayLine = `lockstep replay ${out}`;
  if (flags.json) {
    const doc = {
      input,
      output: out,
      invariant: result.invariant,
      originalSteps: result.originalSteps,
      steps: result.steps,
      attempts: result.attempts,
      exhausted: result.exhausted,
      violation: v === undefined ? null : { step: v.step, message: v.message, decision: v.decision },
      replay: replayLine,
    };
    console.log(JSON.stringify(doc, null, 2));
    return EXIT.ok;
  }
  const budget = result.exhausted ? chalk.yellow(' (attempt budget spent: may not be minimal)') : '';
  console.log(`${chalk.green('✓')} shrunk ${input}: ${chalk.bold(result.invariant)}, ${result.originalSteps} → ${result.steps} steps in ${result.attempts} candidate runs${budget}`);
  if (v !== undefined) {
    console.log(`  ${chalk.red('✗')} ${v.invariant} at step ${v.step}: ${v.message}`);
    console.log(`    decision: ${JSON.stringify(v.decision)}`);
  }
  console.log(`  wrote ${out}`);
  console.log(`  replay it: ${replayLine}`);
  return EXIT.ok;
}

function readInput(path: string): Trace {
  try {
    return readTraceFile(path);
  } catch (e) {
    if (e instanceof TraceFormatError) throw new UsageError(e.message);
    throw e;
  }
}
