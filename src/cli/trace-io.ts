/**
 * Trace files for the CLI: atomic saving and friendly errors.
 * @module
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { traceRecords } from '../trace/replay.js';
import { TraceFileWriter } from '../trace/file-writer.js';
import type { Trace } from '../trace/types.js';
import { UsageError } from './usage-error.js';

/** Write `trace` to `path` atomically (temporary file, then rename), creating the directory. */
export function saveTrace(path: string, trace: Trace): void {
  mkdirSync(dirname(path), { recursive: true });
  const writer = new TraceFileWriter(path);
  try {
    for (const r of traceRecords(trace)) {
      if (r.kind === 'header') writer.header(r.header);
      else if (r.kind === 'step') writer.step(r.step);
      else writer.footer(r.footer);
    }
  } catch (e) {
    writer.abort();
    throw e;
  }
}

/** Fail with a usage error unless `path` is a readable regular file. */
export function requireFile(path: string): void {
  if (!existsSync(path)) throw new UsageError(`no such trace file: ${path}`);
  if (!statSync(path).isFile()) throw new UsageError(`not a file: ${path}`);
}
