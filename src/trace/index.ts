/**
 * Trace records, the binary trace file format, and replay.
 * @module
 */
export * from './types.js';
export { TraceFormatError, type TraceFormatErrorKind } from './errors.js';
export { MAGIC, FrameType, MAX_FRAME_PAYLOAD } from './format.js';
export { TraceEncoder, encodeTrace } from './encoder.js';
export { TraceDecoder, decodeTrace, type TraceRecord } from './decoder.js';
export { TraceFileWriter, type TraceFileWriterOptions } from './file-writer.js';
export { readTraceFile, readTraceRecords, TraceRecordStream, type ReadTraceOptions } from './file-reader.js';
export { isRecordFeed, type RecordConsumer, type RecordFeed } from './record-feed.js';
export { replay, traceRecords, type Divergence, type DivergenceField, type ModelResolver, type ReplayVerdict, type TraceSource } from './replay.js';
export { MemorySink, teeSink } from './memory-sink.js';
