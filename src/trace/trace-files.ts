/**
 * Trace files on disk: finding them and replaying one into a verdict.
 *
 * Shell code (it reads the file system), shared by `lockstep replay` and the
 * `lockstep/vitest` helper so that both find the same files in the same order
 * and classify them the same way.
 *
 * Details:
 * - {@link collectTraces} expands directories recursively to every
 *   `*.lstrace` file, sorted by path in code-unit order (not locale order), so
 *   output and test order are the same on every machine.
 * - {@link replayTraceFile} streams the file through `replay` and never
 *   throws for a bad file: a damaged file, a newer format version or an
 *   unknown model is an `invalid` result carrying the reason (and the byte
 *   offset for format damage).
 *
 * Gotcha: symbolic links to directories are not followed (no cycles); links
 * to files are included.
 *
 * @example
 * ```ts
 * for (const file of collectTraces(['traces/'])) {
 *   const r = replayTraceFile(file, resolveModel);
 *   if (r.status !== 'ok') console.error(file, r.status);
 * }
 * ```
 * @module
 */
import { readdirSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { DeterminismViolation } from '../sim/determinism-guard.js';
import { TraceFormatError, type TraceFormatErrorKind } from './errors.js';
import { readTraceRecords, type TraceRecordStream } from './file-reader.js';
import type { RecordFeed } from './record-feed.js';
import type { TraceRecord } from './decoder.js';
import { replay, type Divergence, type ModelResolver } from './replay.js';

/** Extension of trace files. */
export const TRACE_EXTENSION = '.lstrace';

/** Why a path given to {@link collectTraces} could not be used. */
export class TracePathError extends Error {
  constructor(
    readonly path: string,
    readonly reason: 'missing' | 'empty-directory' | 'not-a-trace',
    message: string,
  ) {
    super(message);
    this.name = 'TracePathError';
  }
}

const byPath = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function walk(dir: string, out: string[]): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) walk(path, out);
    else if (entry.name.endsWith(TRACE_EXTENSION) && (entry.isFile() || (entry.isSymbolicLink() && statOrNull(path)?.isFile() === true))) out.push(path);
  }
}

/**
 * The trace files named by `paths`: a file is taken as given (whatever its
 * extension), a directory contributes every `*.lstrace` below it, sorted.
 * Duplicates are dropped. Throws {@link TracePathError} for a path that does
 * not exist or a directory without traces.
 */
export function collectTraces(paths: readonly string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    const st = statOrNull(p);
    if (st === null) throw new TracePathError(p, 'missing', `no such trace file or directory: ${p}`);
    if (st.isDirectory()) {
      const found: string[] = [];
      walk(p, found);
      if (found.length === 0) throw new TracePathError(p, 'empty-directory', `no ${TRACE_EXTENSION} files under ${p}`);
      out.push(...found.sort(byPath));
    } else if (st.isFile()) {
      out.push(p);
    } else {
      throw new TracePathError(p, 'not-a-trace', `not a file or directory: ${p}`);
    }
  }
  return [...new Set(out)];
}

/** Why a trace file could not be replayed at all. */
export interface InvalidTrace {
  /** A {@link TraceFormatErrorKind}, or `unknown-model` / `unreadable`. */
  readonly kind: TraceFormatErrorKind | 'unknown-model' | 'unreadable';
  /** Byte offset of format damage; null for other problems. */
  readonly offset: number | null;
  readonly reason: string;
  /** One line naming the file, e.g. `invalid trace file x.lstrace at byte 15: truncated ...`. */
  readonly message: string;
}

/** The result of replaying one file. */
export type TraceFileResult =
  | { readonly status: 'ok'; readonly file: string; readonly steps: number }
  | { readonly status: 'diverged'; readonly file: string; readonly steps: number; readonly divergence: Divergence }
  | { readonly status: 'invalid'; readonly file: string; readonly invalid: InvalidTrace };

/** Options of {@link replayTraceFile}. */
export interface ReplayFileOptions {
  /** Called with each record as it is read (e.g. to show progress); must not touch simulated state. */
  readonly onRecord?: (record: TraceRecord) => void;
}

/** `records`, calling `onRecord` with each one as it goes by, whether they are iterated or fed. */
function observed(records: TraceRecordStream, onRecord: (r: TraceRecord) => void): RecordFeed {
  return {
    *[Symbol.iterator]() {
      for (const r of records) {
        onRecord(r);
        yield r;
      }
    },
    feed: (consumer) =>
      records.feed({
        header(header) {
          onRecord({ kind: 'header', header });
          consumer.header(header);
        },
        step(step) {
          onRecord({ kind: 'step', step });
          consumer.step(step);
        },
        footer(footer) {
          onRecord({ kind: 'footer', footer });
          consumer.footer(footer);
        },
      }),
  };
}

/** Replay the trace file at `path`; see the module documentation. */
export function replayTraceFile(path: string, resolveModel: ModelResolver, options: ReplayFileOptions = {}): TraceFileResult {
  const records = readTraceRecords(path);
  let modelError: string | null = null;
  const resolver: ModelResolver = (name) => {
    try {
      return resolveModel(name);
    } catch (e) {
      modelError = e instanceof Error ? e.message : String(e);
      throw e;
    }
  };
  try {
    const verdict = replay(options.onRecord === undefined ? records : observed(records, options.onRecord), resolver);
    return verdict.ok ? { status: 'ok', file: path, steps: verdict.steps } : { status: 'diverged', file: path, steps: verdict.steps, divergence: verdict.divergence };
  } catch (e) {
    if (e instanceof TraceFormatError) {
      const err = e.source === undefined ? e.withSource(path) : e;
      return { status: 'invalid', file: path, invalid: { kind: err.kind, offset: err.offset, reason: err.reason, message: err.message } };
    }
    if (e instanceof DeterminismViolation) throw e;
    if (modelError !== null) return { status: 'invalid', file: path, invalid: { kind: 'unknown-model', offset: null, reason: modelError, message: `trace file ${path}: ${modelError}` } };
    const code = (e as NodeJS.ErrnoException).code;
    if (typeof code === 'string' && e instanceof Error) {
      return { status: 'invalid', file: path, invalid: { kind: 'unreadable', offset: null, reason: e.message, message: `cannot read trace file ${path}: ${e.message}` } };
    }
    throw e;
  }
}
