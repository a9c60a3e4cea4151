/**
 * {@link RecordFeed}: a source of trace records that can push them to a
 * {@link RecordConsumer} in one loop instead of being iterated.
 *
 * Details: iterating costs an iterator result and a `{ kind: 'step' }`
 * wrapper per step. `replay` feeds itself from a source that offers `feed`
 * (a file's `TraceRecordStream` does), and iterates any other. Kept apart
 * from the file reader so that `replay` stays free of I/O imports.
 * @module
 */
import type { TraceRecord } from './decoder.js';
import type { TraceFooter, TraceHeader, TraceStep } from './types.js';

/** Receives the records of one trace in file order: a header, steps, then a footer. */
export interface RecordConsumer {
  header(header: TraceHeader): void;
  step(step: TraceStep): void;
  footer(footer: TraceFooter): void;
}

/** Records that can be iterated, or pushed all at once to a consumer (which then owns them). */
export interface RecordFeed extends Iterable<TraceRecord> {
  /** Hand every remaining record to `consumer`, in order; throws what iterating would throw, at the same record. */
  feed(consumer: RecordConsumer): void;
}

/** Whether `source` offers {@link RecordFeed.feed}. */
export function isRecordFeed(source: Iterable<TraceRecord>): source is RecordFeed {
  return typeof (source as Partial<RecordFeed>).feed === 'function';
}
