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
 *
 * Details: the stream is a plain iterator that is also a {@link RecordFeed}:
 * `replay` has it push every record in one loop (see `record-feed.ts`).
 * @module
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { TraceDecoder, type DecodedItem, type TraceRecord } from './decoder.js';
import { TraceFormatError } from './errors.js';
import type { RecordConsumer, RecordFeed } from './record-feed.js';
import type { Trace, TraceFooter, TraceHeader, TraceStep } from './types.js';

/** Options of {@link readTraceRecords}. */
export interface ReadTraceOptions {
  /** Bytes per read; default 64 KiB. */
  readonly chunkSize?: number;
}

/**
 * The records of one trace file, in order. An iterator (stopping early with
 * `break` or `return()` closes the file) that can also push its records to a
 * consumer with {@link TraceRecordStream.feed}.
 */
export class TraceRecordStream implements IterableIterator<TraceRecord>, RecordFeed {
  private readonly chunk: Uint8Array;
  private readonly decoder = new TraceDecoder();
  /** Opened at the first read, so that making a stream touches no file; null once closed. */
  private fd: number | undefined | null = undefined;
  private items: DecodedItem[] = [];
  private itemAt = 0;
  /** Steps of the current block still to hand out (through `next`). */
  private pending = 0;

  constructor(
    readonly path: string,
    options: ReadTraceOptions = {},
  ) {
    this.chunk = new Uint8Array(Math.max(1, options.chunkSize ?? 64 * 1024));
  }

  [Symbol.iterator](): this {
    return this;
  }

  next(): IteratorResult<TraceRecord, undefined> {
    for (;;) {
      const item = this.items[this.itemAt];
      if (item === undefined) {
        if (!this.refill()) return { done: true, value: undefined };
        continue;
      }
      if (item.kind !== 'block') {
        this.itemAt++;
        return { done: false, value: item };
      }
      if (this.pending === 0) this.pending = item.block.count;
      // A block's steps are built as they are consumed, so they do not outlive the step that checks them.
      const step = item.block.next();
      if (--this.pending === 0) this.itemAt++;
      return { done: false, value: { kind: 'step', step } };
    }
  }

  /** Close the file; the stream then reports no further records. */
  return(_value?: unknown): IteratorResult<TraceRecord, undefined> {
    this.close();
    this.items = [];
    this.itemAt = 0;
    return { done: true, value: undefined };
  }

  /** {@link RecordFeed.feed}; the stream is closed and done afterwards, whether it ran out or something threw. */
  feed(consumer: RecordConsumer): void {
    try {
      for (;;) {
        const items = this.items;
        for (let i = this.itemAt; i < items.length; i++) {
          const item = items[i] as DecodedItem;
          switch (item.kind) {
            case 'header':
              consumer.header(item.header);
              break;
            case 'block': {
              const block = item.block;
              for (let k = this.pending === 0 ? block.count : this.pending; k > 0; k--) consumer.step(block.next());
              this.pending = 0;
              break;
            }
            case 'step':
              consumer.step(item.step);
              break;
            case 'footer':
              consumer.footer(item.footer);
              break;
            default: {
              const never: never = item;
              throw new Error(`TraceRecordStream.feed: unknown item ${String(never)}`);
            }
          }
        }
        this.itemAt = items.length;
        if (!this.refill()) return;
      }
    } finally {
      // Done, or a consumer threw: either way the stream has nothing more to give.
      this.return();
    }
  }

  /** Decode the next chunk into `items`; false once the file is done (and closed). */
  private refill(): boolean {
    if (this.fd === null) return false;
    let n: number;
    try {
      this.fd ??= openSync(this.path, 'r');
      n = readSync(this.fd, this.chunk, 0, this.chunk.length, null);
      this.items = n === 0 ? this.decoder.end() : this.decoder.pushBlocks(this.chunk.subarray(0, n));
    } catch (e) {
      this.close();
      throw e instanceof TraceFormatError ? e.withSource(this.path) : e;
    }
    this.itemAt = 0;
    if (n === 0) this.close();
    return true;
  }

  private close(): void {
    if (typeof this.fd === 'number') closeSync(this.fd);
    this.fd = null;
  }
}

/**
 * The records of the trace file at `path`, in order: header, steps, footer.
 * Throws {@link TraceFormatError} (with `source` set to `path`) for any damage.
 * Stopping early (e.g. `break`) closes the file.
 */
export function readTraceRecords(path: string, options: ReadTraceOptions = {}): TraceRecordStream {
  return new TraceRecordStream(path, options);
}

/** Read a whole trace file into memory (convenient for small traces; stream large ones with {@link readTraceRecords}). */
export function readTraceFile(path: string, options: ReadTraceOptions = {}): Trace {
  let header: TraceHeader | undefined;
  let footer: TraceFooter | undefined;
  const steps: TraceStep[] = [];
  readTraceRecords(path, options).feed({
    header: (h) => (header = h),
    step: (s) => steps.push(s),
    footer: (f) => (footer = f),
  });
  if (header === undefined || footer === undefined) throw new Error(`readTraceFile: ${path} yielded an incomplete trace`);
  return { header, steps, footer };
}
