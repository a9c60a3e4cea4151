/**
 * Reads trace files in fixed-size chunks, record by record.
 *
 * {@link readTraceRecords} never holds more than one chunk plus one partial
 * frame, so a million-step trace can be replayed or inspected in constant
 * memory. Records are yielded as soon as they are decoded and checked; the
 * file's integrity digest is only known at the end, which is why the footer
 * record comes last and only once the whole file verified. A consumer that
 * must not act on unverified steps should drain the iterator (as `replay`
 * does) before trusting a verdict.
 * @module
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { TraceDecoder, type TraceRecord } from './decoder.js';
import { TraceFormatError } from './errors.js';
import type { Trace, TraceFooter, TraceHeader, TraceStep } from './types.js';

/** Options of {@link readTraceRecords}. */
export interface ReadTraceOptions {
  /** Bytes per read; default 64 KiB. */
  readonly chunkSize?: number;
}

/**
 * The records of the trace file at `path`, in order: header, steps, footer.
 * Throws {@link TraceFormatError} (with `source` set to `path`) for any damage.
 * Stopping early (e.g. `break`) closes the file.
 */
export function* readTraceRecords(path: string, options: ReadTraceOptions = {}): Generator<TraceRecord, void, undefined> {
  const chunk = new Uint8Array(Math.max(1, options.chunkSize ?? 64 * 1024));
  const decoder = new TraceDecoder();
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const n = readSync(fd, chunk, 0, chunk.length, null);
      const items = n === 0 ? attribute(() => decoder.end(), path) : attribute(() => decoder.pushBlocks(chunk.subarray(0, n)), path);
      for (const item of items) {
        // A block's steps are built as they are consumed, so they do not outlive the step that checks them.
        if (item.kind !== 'block') yield item;
        else for (let i = 0; i < item.block.count; i++) yield { kind: 'step', step: item.block.next() };
      }
      if (n === 0) return;
    }
  } finally {
    closeSync(fd);
  }
}

function attribute<T>(fn: () => T, path: string): T {
  try {
    return fn();
  } catch (e) {
    throw e instanceof TraceFormatError ? e.withSource(path) : e;
  }
}

/** Read a whole trace file into memory (convenient for small traces; stream large ones with {@link readTraceRecords}). */
export function readTraceFile(path: string, options: ReadTraceOptions = {}): Trace {
  let header: TraceHeader | undefined;
  let footer: TraceFooter | undefined;
  const steps: TraceStep[] = [];
  for (const r of readTraceRecords(path, options)) {
    if (r.kind === 'header') header = r.header;
    else if (r.kind === 'step') steps.push(r.step);
    else footer = r.footer;
  }
  if (header === undefined || footer === undefined) throw new Error(`readTraceFile: ${path} yielded an incomplete trace`);
  return { header, steps, footer };
}
