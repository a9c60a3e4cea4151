import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TraceDecoder, decodeTrace, type TraceRecord } from '../../src/trace/decoder.js';
import { TraceEncoder, encodeTrace } from '../../src/trace/encoder.js';
import { readTraceFile, readTraceRecords } from '../../src/trace/file-reader.js';
import { TraceFormatError } from '../../src/trace/errors.js';
import { TraceFileWriter } from '../../src/trace/file-writer.js';
import { FRAME_HEADER_LENGTH, FrameType, MAGIC, PREAMBLE_LENGTH, readFrameHeader } from '../../src/trace/format.js';
import { TRACE_FORMAT_VERSION, type Trace } from '../../src/trace/types.js';
import { RecordShapeError } from '../../src/trace/validate.js';
import { counterTrace, tempDir } from './helpers.js';

// Plain-data view of a trace, to compare decoded records with the originals.
const plain = (t: Trace): unknown => JSON.parse(JSON.stringify(t));

describe('trace format', () => {
  it('starts with the magic and version, and frames records header, steps, footer, end', () => {
    const trace = counterTrace(1);
    const bytes = encodeTrace(trace);
    expect(Buffer.from(bytes.subarray(0, MAGIC.length)).toString('latin1')).toBe('\x89LOCKSTEP\r\n\x1a\n');
    expect(bytes[MAGIC.length]! | (bytes[MAGIC.length + 1]! << 8)).toBe(TRACE_FORMAT_VERSION);
    const types: number[] = [];
    for (let at = PREAMBLE_LENGTH; at < bytes.length; ) {
      const { length, type } = readFrameHeader(bytes, at);
      types.push(type);
      at += FRAME_HEADER_LENGTH + length;
    }
    // Steps travel in blocks of up to MAX_BLOCK_STEPS per step frame.
    expect(types).toEqual([FrameType.header, FrameType.step, FrameType.footer, FrameType.end]);
  });

  it('round-trips in memory, with violations, liveness failures and faults', () => {
    for (const trace of [counterTrace(1), counterTrace(2, { failAt: 5 }), counterTrace(3, { cap: 1 }), counterTrace(4, {}, { profile: 'swarm' })]) {
      const bytes = encodeTrace(trace);
      const back = decodeTrace(bytes);
      expect(plain(back)).toEqual(plain(trace));
      expect(encodeTrace(back)).toEqual(bytes);
    }
  });

  it('decodes the same records whatever the chunk boundaries', () => {
    const trace = counterTrace(5);
    const bytes = encodeTrace(trace);
    for (const size of [1, 2, 5, 13, 100, 4096]) {
      const decoder = new TraceDecoder();
      const records: TraceRecord[] = [];
      for (let at = 0; at < bytes.length; at += size) records.push(...decoder.push(bytes.subarray(at, at + size)));
      records.push(...decoder.end());
      expect(records.map((r) => r.kind)).toEqual(['header', ...trace.steps.map(() => 'step'), 'footer']);
      expect(records.at(-1)).toEqual({ kind: 'footer', footer: trace.footer });
    }
  });

  it('writes a file byte-identical to encodeTrace and reads it back', () => {
    const dir = tempDir();
    const trace = counterTrace(6);
    const path = join(dir, 'six.lstrace');
    const writer = new TraceFileWriter(path, { bufferSize: 4096 });
    writer.header(trace.header);
    for (const s of trace.steps) writer.step(s);
    writer.footer(trace.footer);
    expect(writer.committed).toBe(true);
    expect(new Uint8Array(readFileSync(path))).toEqual(encodeTrace(trace));
    for (const chunkSize of [1, 7, 65536]) expect(plain(readTraceFile(path, { chunkSize }))).toEqual(plain(trace));
  });

  it('yields the header before reading the rest of the file, and closes on early exit', () => {
    const dir = tempDir();
    const trace = counterTrace(7);
    const path = join(dir, 'seven.lstrace');
    const writer = new TraceFileWriter(path, { fsync: false });
    writer.header(trace.header);
    trace.steps.forEach((s) => writer.step(s));
    writer.footer(trace.footer);
    const it = readTraceRecords(path, { chunkSize: 64 });
    const first = it.next();
    expect(first.value).toEqual({ kind: 'header', header: trace.header });
    expect(it.return(undefined).done).toBe(true);
    expect(it.next().done).toBe(true);
  });

  it('opens the file at the first read and closes it when done, stopped early, or damaged', () => {
    const openFds = (): number => readdirSync('/proc/self/fd').length;
    const dir = tempDir();
    const trace = counterTrace(7);
    const path = join(dir, 'seven.lstrace');
    writeFileSync(path, encodeTrace(trace));
    const before = openFds();
    const missing = readTraceRecords(join(dir, 'missing.lstrace'));
    expect(() => missing.next()).toThrow(/ENOENT/);
    const stopped = readTraceRecords(path, { chunkSize: 64 });
    stopped.next();
    expect(openFds()).toBe(before + 1);
    for (const r of stopped) if (r.kind === 'step') break; // break calls return()
    expect(openFds()).toBe(before);
    const steps: number[] = [];
    readTraceRecords(path, { chunkSize: 64 }).feed({ header: () => {}, step: (s) => steps.push(s.index), footer: () => {} });
    expect(steps).toEqual(trace.steps.map((s) => s.index));
    const abandoned = readTraceRecords(path, { chunkSize: 64 });
    const boom = new Error('consumer gave up');
    expect(() => abandoned.feed({ header: () => {}, step: () => { throw boom; }, footer: () => {} })).toThrow(boom);
    expect(abandoned.next().done).toBe(true);
    expect(openFds()).toBe(before);
    const damaged = join(dir, 'damaged.lstrace');
    writeFileSync(damaged, encodeTrace(trace).subarray(0, 40));
    expect(() => readTraceRecords(damaged).feed({ header: () => {}, step: () => {}, footer: () => {} })).toThrow(TraceFormatError);
    expect(openFds()).toBe(before);
  });

  it('refuses to encode records it could not read back', () => {
    const trace = counterTrace(8);
    const step = trace.steps[0]!;
    const bad: unknown[] = [
      { ...step, index: 3 },
      { ...step, digest: 'XYZ' },
      { ...step, envelopes: ['-1'] },
      { ...step, decision: { type: 'inc', when: new Date(0) } },
      { ...step, decision: { type: 'inc', x: Number.NaN } },
      { ...step, decision: { type: 'inc', x: undefined } },
      { ...step, extra: 1 },
    ];
    for (const s of bad) {
      const encoder = new TraceEncoder();
      encoder.header(trace.header);
      expect(() => encoder.step(s as typeof step)).toThrow(RecordShapeError);
    }
    const encoder = new TraceEncoder();
    expect(() => encoder.step(step)).toThrow(/before the header/);
    encoder.header(trace.header);
    expect(() => encoder.footer({ ...trace.footer, steps: 1 })).toThrow(/footer counts 1 steps/);
  });
});
