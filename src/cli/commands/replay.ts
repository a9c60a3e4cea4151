/**
 * `lockstep replay`: re-execute recorded traces and check every step.
 *
 * Takes files and directories (every `*.lstrace` below, sorted by path),
 * prints one line per trace (ok, diverged with the first differing step, or
 * invalid with the byte offset and reason), optionally writes JUnit XML.
 *
 * Exit code: 2 if any trace was invalid (the check is incomplete), else 1 if
 * any diverged, else 0. A path that does not exist is a usage error (exit 2)
 * before anything is replayed.
 * @module
 */
import { performance } from 'node:perf_hooks';
import { stripVTControlCharacters } from 'node:util';
import type { Argv } from 'yargs';
import { resolveModel } from '../../models/registry.js';
import { collectTraces, replayTraceFile, TracePathError, type TraceFileResult } from '../../trace/trace-files.js';
import { paint } from '../colour.js';
import { writeJunit, type JunitCase } from '../junit.js';
import { Progress } from '../progress.js';
import { formatDivergence } from '../report.js';
import { EXIT, UsageError } from '../usage-error.js';

interface ReplayFlags {
  readonly traces: readonly string[];
  readonly junit: string | undefined;
  readonly json: boolean;
}

/** Register the command. */
export function replayCommand(y: Argv): Argv {
  return y.command(
    'replay <traces..>',
    're-execute the recorded decisions of trace files (or every .lstrace under a directory) and check every step',
    (c) =>
      c
        .positional('traces', { type: 'string', array: true, demandOption: true, describe: 'trace files or directories' })
        .options({
          junit: { type: 'string', describe: 'also write a JUnit XML report (one test case per trace) to this file' },
          json: { type: 'boolean', default: false, describe: 'print the results as one JSON document on stdout' },
        })
        .example('$0 replay failing.lstrace', 'replay one trace')
        .example('$0 replay traces/ --junit reports/replay.xml', 'replay every trace under traces/ and write a JUnit report for CI')
        .example('$0 replay traces/ --json', 'machine-readable results on stdout'),
    (argv) => {
      process.exitCode = replayAll(argv as unknown as ReplayFlags);
    },
  );
}

interface Timed {
  readonly result: TraceFileResult;
  readonly seconds: number;
}

function replayAll(flags: ReplayFlags): number {
  let files: string[];
  try {
    files = collectTraces(flags.traces);
  } catch (e) {
    if (e instanceof TracePathError) throw new UsageError(e.message);
    throw e;
  }
  const out = flags.json ? process.stderr : process.stdout;
  const done: Timed[] = [];
  for (const file of files) {
    const progress = new Progress(`replaying ${file}`);
    const start = performance.now();
    const result = replayTraceFile(file, resolveModel, { onRecord: (r) => r.kind === 'step' && progress.tick(r.step.index + 1) });
    progress.clear();
    done.push({ result, seconds: (performance.now() - start) / 1000 });
    if (result.status === 'invalid') process.stderr.write(`lockstep: ${result.invalid.message}\n`);
    else if (!flags.json) out.write(`${resultLine(result)}\n`);
  }
  const count = (s: TraceFileResult['status']): number => done.filter((d) => d.result.status === s).length;
  const summary = { traces: done.length, ok: count('ok'), diverged: count('diverged'), invalid: count('invalid') };
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ ...summary, results: done.map((d) => jsonResult(d)) }, null, 2)}\n`);
  } else if (done.length > 1) {
    const text = `${summary.traces} traces: ${summary.ok} ok, ${summary.diverged} diverged, ${summary.invalid} invalid`;
    out.write(`${summary.ok === summary.traces ? paint.green(text) : paint.red(text)}\n`);
  }
  if (flags.junit !== undefined) writeJunit(flags.junit, done.map(junitCase));
  return summary.invalid > 0 ? EXIT.usage : summary.diverged > 0 ? EXIT.failed : EXIT.ok;
}

function resultLine(r: Exclude<TraceFileResult, { status: 'invalid' }>): string {
  if (r.status === 'ok') return `${paint.green('✓ ok')}       ${r.file} (${r.steps} steps replayed identically)`;
  return `${paint.red('✗ diverged')} ${r.file}\n${formatDivergence(r.divergence)}`;
}

function jsonResult({ result, seconds }: Timed): object {
  switch (result.status) {
    case 'ok':
      return { file: result.file, status: 'ok', steps: result.steps, seconds };
    case 'diverged':
      return { file: result.file, status: 'diverged', steps: result.steps, seconds, divergence: result.divergence };
    case 'invalid':
      return { file: result.file, status: 'invalid', seconds, error: result.invalid };
    default: {
      const never: never = result;
      throw new Error(`unhandled result ${JSON.stringify(never)}`);
    }
  }
}

function junitCase({ result, seconds }: Timed): JunitCase {
  const base = { name: result.file, seconds, failure: null, error: null };
  switch (result.status) {
    case 'ok':
      return base;
    case 'diverged':
      return { ...base, failure: { message: result.divergence.message, type: 'divergence', details: stripVTControlCharacters(formatDivergence(result.divergence)) } };
    case 'invalid':
      return { ...base, error: { message: result.invalid.message, type: result.invalid.kind, details: result.invalid.message } };
    default: {
      const never: never = result;
      throw new Error(`unhandled result ${JSON.stringify(never)}`);
    }
  }
}
