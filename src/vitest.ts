/**
 * `lockstep/vitest`: saved traces as regression tests in your own vitest suite.
 *
 * {@link replayTraces} registers one vitest test per `*.lstrace` file under a
 * directory (recursively, sorted by path), named after the file's path
 * relative to that directory. Each test replays its trace and fails with the
 * first divergence, or with the file's damage (byte offset and reason).
 *
 * This entry point imports vitest, which is why it is a separate subpath
 * export (`lockstep/vitest`) and vitest an optional peer dependency: the main
 * `lockstep` entry never loads it.
 *
 * Gotcha: files are listed when the test file is collected, so a trace
 * added while vitest is watching needs a re-run of that test file.
 *
 * @example
 * ```ts
 * // test/regressions.test.ts
 * import { replayTraces } from 'lockstep/vitest';
 * replayTraces('traces/');
 * // custom models: resolve them by the name recorded in the trace header
 * replayTraces('traces/mine', { resolveModel: (name) => (name === myModel.name ? myModel : resolveModel(name)) });
 * ```
 * @module
 */
import { relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { describe, it } from 'vitest';
import { formatDivergence } from './cli/report.js';
import { resolveModel as builtIn } from './models/registry.js';
import type { ModelResolver } from './trace/replay.js';
import { collectTraces, replayTraceFile, type TraceFileResult } from './trace/trace-files.js';

export { collectTraces, replayTraceFile, type TraceFileResult } from './trace/trace-files.js';

/** Options of {@link replayTraces}. */
export interface ReplayTracesOptions {
  /** Finds the model named in a trace header; default: the built-in models. */
  readonly resolveModel?: ModelResolver;
  /** Name of the enclosing `describe` block; default `regression traces in <dir>`. */
  readonly name?: string;
}

/**
 * Why `result` is not a pass, as one message (plain text), or null for a pass.
 * Exposed so that suites with their own test layout report the same way.
 */
export function traceFailure(result: TraceFileResult): string | null {
  switch (result.status) {
    case 'ok':
      return null;
    case 'diverged':
      return `${result.file} no longer replays as recorded:\n${stripVTControlCharacters(formatDivergence(result.divergence))}`;
    case 'invalid':
      return result.invalid.message;
    default: {
      const never: never = result;
      throw new Error(`unhandled result ${JSON.stringify(never)}`);
    }
  }
}

/** Register one test per trace under `dir`; see the module documentation. Throws now if `dir` is missing or holds no traces. */
export function replayTraces(dir: string, options: ReplayTracesOptions = {}): void {
  const resolve = options.resolveModel ?? builtIn;
  const files = collectTraces([dir]);
  describe(options.name ?? `regression traces in ${dir}`, () => {
    for (const file of files) {
      it(relative(dir, file), () => {
        const failure = traceFailure(replayTraceFile(file, resolve));
        if (failure !== null) throw new Error(failure);
      });
    }
  });
}
