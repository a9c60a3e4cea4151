// BlockReader checks a whole block before it builds any step, then builds them one at a time, and
// the streaming reader hands steps out as they are built. These tests pin that the split changed
// nothing observable: the same blocks accepted, equal steps, the same first error for damage, and
// the same records yielded before a damaged block's error.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TraceDecoder, type TraceRecord } from '../../src/trace/decoder.js';
import { encodeTrace } from '../../src/trace/encoder.js';
import { TraceFormatError } from '../../src/trace/errors.js';
import { readTraceRecords } from '../../src/trace/file-reader.js';
import { FRAME_HEADER_LENGTH, FrameType, PREAMBLE_LENGTH, readFrameHeader } from '../../src/trace/format.js';
import { BlockReader } from '../../src/trace/step-block-reader.js';
import { BlockWriter } from '../../src/trace/step-block-writer.js';
import type { TraceStep } from '../../src/trace/types.js';
import { parseStep } from '../../src/trace/validate.js';
import { counterTrace, tempDir } from './helpers.js';
import { SinglePassBlockReader } from './support/single-pass-block-reader.js';

// Few distinct values, so that blocks repeat strings, key lists and envelope hashes (back-references).
const word = fc.constantFrom('type', 'deliver', 'w1', 'a', '', 'é€😀', 'n');
const hash = fc.constantFrom(0n, 5n, (1n << 53n) + 1n, 10n ** 19n, (1n << 64n) - 1n).map(String);
const json = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constantFrom(null, true, false, 0, 127, 128, -1, -(2 ** 40), 0.5, 2 ** 53 - 1),
    word,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(word, tie('value'), { maxKeys: 3 }),
  ),
})).value;
const decision = fc.tuple(word, fc.dictionary(word, json, { maxKeys: 3 })).map(([type, rest]) => ({ ...rest, type }) as TraceStep['decision']);
const step = (index: number): fc.Arbitrary<TraceStep> =>
  fc
    .record({
      phase: fc.constantFrom('fault', 'heal'),
      actor: word,
      decision,
      fault: fc.option(word, { nil: null }),
      envelopes: fc.array(hash, { maxLength: 4 }),
      error: fc.option(word, { nil: null }),
      events: fc.array(word, { maxLength: 4 }),
      digest: fc.constantFrom('0123456789abcdef', 'ffffffffffffffff', '0000000000000000', 'a0b1c2d3e4f56789'),
    })
    .map((s) => parseStep({ index, ...s }, index));
const block = fc
  .tuple(fc.nat({ max: 300 }), fc.integer({ min: 1, max: 12 }))
  .chain(([first, n]) => fc.tuple(fc.constant(first), fc.tuple(...Array.from({ length: n }, (_, i) => step(first + i)))))
  .map(([first, steps]) => {
    const w = new BlockWriter(first);
    for (const s of steps) w.add(s);
    return { first, bytes: w.finish() };
  });
// Damage favours small numbers (counts, references, varint ends) and tags, which random bytes rarely hit.
const byte = fc.oneof(fc.nat({ max: 255 }), fc.nat({ max: 4 }), fc.integer({ min: 0x80, max: 0x88 }), fc.integer({ min: 0xa0, max: 0xa4 }));
const damage = fc.array(
  fc.record({ kind: fc.constantFrom('set', 'set', 'insert', 'delete', 'truncate'), at: fc.nat(), value: byte }),
  { minLength: 1, maxLength: 3 },
);

function damaged(bytes: Uint8Array, edits: readonly { kind: string; at: number; value: number }[]): Uint8Array {
  const b = [...bytes];
  for (const { kind, at, value } of edits) {
    const i = b.length === 0 ? 0 : at % b.length;
    if (kind === 'set') b[i] = value;
    else if (kind === 'insert') b.splice(i, 0, value);
    else if (kind === 'delete') b.splice(i, 1);
    else b.length = i;
  }
  return Uint8Array.from(b);
}

/** The steps a reader builds from `bytes`, or the message of the error it throws. */
function outcome(read: () => TraceStep[]): { steps: TraceStep[] } | { error: string } {
  try {
    return { steps: read() };
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

describe('two-pass block reader', () => {
  it('builds the same steps as the single-pass reader from intact blocks, format 3 and 4 (property)', () => {
    fc.assert(
      fc.property(block, fc.constantFrom(3, 4), ({ first, bytes }, version) => {
        expect(outcome(() => new BlockReader(bytes, version).steps(first))).toEqual(outcome(() => new SinglePassBlockReader(bytes, version).steps(first)));
      }),
      { numRuns: 300 },
    );
  });

  it('accepts and refuses exactly what the single-pass reader does, with the same first error (property)', () => {
    fc.assert(
      fc.property(block, damage, fc.constantFrom(3, 4), fc.boolean(), ({ first, bytes }, edits, version, offByOne) => {
        const bad = damaged(bytes, edits);
        const expectedFirst = offByOne ? first + 1 : first;
        expect(outcome(() => new BlockReader(bad, version).steps(expectedFirst))).toEqual(outcome(() => new SinglePassBlockReader(bad, version).steps(expectedFirst)));
      }),
      { numRuns: 1500 },
    );
  });

  it('refuses a decision without a string "type" exactly as the single-pass reader does', () => {
    // One step: flags, actor "a" (new string 0), the decision, a digest. String 1 is the key list ["type"].
    const str = (k: number, text: string): number[] => [0x86, k, Buffer.byteLength(text), ...Buffer.from(text)];
    const digest = [1, 2, 3, 4, 5, 6, 7, 8];
    const decisions: number[][] = [
      [0x88, ...str(1, '["type"]'), 0x88, 0xa1, ...str(2, 't')], // {type: {type: "t"}}
      [0x88, ...str(1, '["type"]'), 5], // {type: 5}
      [0x88, ...str(1, '["type"]'), 0x87, 1, ...str(2, 't')], // {type: ["t"]}
      [0x88, ...str(1, '[]')], // {}
      [0x88, ...str(1, '["x"]'), ...str(2, 't')], // {x: "t"}
      [0x87, 1, ...str(1, 't')], // ["t"]
      [...str(1, 'type')], // "type"
      [0x88, ...str(1, '["x","type"]'), 0x80, ...str(2, 't')], // {x: null, type: "t"}: valid
    ];
    for (const d of decisions) {
      const bytes = Uint8Array.from([0, 1, 0, ...str(0, 'a'), ...d, ...digest]);
      const got = outcome(() => new BlockReader(bytes).steps(0));
      expect(got).toEqual(outcome(() => new SinglePassBlockReader(bytes).steps(0)));
      expect('error' in got).toBe(d !== decisions[decisions.length - 1]);
    }
  });

  it('refuses decisions nested past 200 levels at the same depth as the single-pass reader', () => {
    for (const depth of [199, 200, 201, 202]) {
      // {type: "t", x: [[[...null...]]]} with `depth` arrays.
      const bytes = Uint8Array.from([0, 1, 0, 0x86, 0, 1, 0x61, 0x88, 0x86, 1, 12, ...Buffer.from('["type","x"]'), 0x86, 2, 1, 0x74, ...Array.from({ length: depth }, () => [0x87, 1]).flat(), 0x80, 1, 2, 3, 4, 5, 6, 7, 8]);
      const got = outcome(() => new BlockReader(bytes).steps(0));
      expect(got).toEqual(outcome(() => new SinglePassBlockReader(bytes).steps(0)));
      expect('error' in got).toBe(depth >= 200);
    }
  });

  it('builds nothing before its check and no step past the count', () => {
    const w = new BlockWriter(0);
    w.add(parseStep({ index: 0, phase: 'fault', actor: 'a', decision: { type: 't' }, fault: null, envelopes: [], error: null, events: [], digest: '0123456789abcdef' }, 0));
    const reader = new BlockReader(w.finish());
    expect(() => reader.next()).toThrow('no step left');
    expect(reader.check(0)).toBe(1);
    expect(reader.next().digest).toBe('0123456789abcdef');
    expect(() => reader.next()).toThrow('no step left');
  });
});

describe('streaming reader over checked blocks', () => {
  // At least two blocks; the damaged copy has a wrong step count in its second block.
  const trace = counterTrace(3, { actors: 2, target: 3000 }, { maxSteps: 6000 });
  const bytes = encodeTrace(trace);
  const frames: number[] = [];
  for (let at = PREAMBLE_LENGTH; at < bytes.length; ) {
    const { length, type } = readFrameHeader(bytes, at);
    if (type === FrameType.step) frames.push(at);
    at += FRAME_HEADER_LENGTH + length;
  }

  /** What reading `file` record by record yields before it throws, and what it throws. */
  function streamed(read: () => Iterable<TraceRecord>): { records: TraceRecord[]; error: string | null } {
    const records: TraceRecord[] = [];
    try {
      for (const r of read()) records.push(r);
      return { records, error: null };
    } catch (e) {
      if (!(e instanceof TraceFormatError)) throw e;
      return { records, error: `${e.kind} at ${e.offset}: ${e.reason}` };
    }
  }

  /** The same, through `TraceRecordStream.feed` (which pushes records to a consumer instead of yielding them). */
  function fed(path: string, chunkSize: number): { records: TraceRecord[]; error: string | null } {
    const records: TraceRecord[] = [];
    try {
      readTraceRecords(path, { chunkSize }).feed({
        header: (header) => records.push({ kind: 'header', header }),
        step: (step) => records.push({ kind: 'step', step }),
        footer: (footer) => records.push({ kind: 'footer', footer }),
      });
      return { records, error: null };
    } catch (e) {
      if (!(e instanceof TraceFormatError)) throw e;
      return { records, error: `${e.kind} at ${e.offset}: ${e.reason}` };
    }
  }

  /** The same, through `TraceDecoder.push` (which builds every record of a chunk before returning). */
  function pushed(b: Uint8Array, chunkSize: number): { records: TraceRecord[]; error: string | null } {
    return streamed(function* () {
      const d = new TraceDecoder();
      for (let at = 0; at < b.length; at += chunkSize) yield* d.push(b.subarray(at, at + chunkSize));
      yield* d.end();
    });
  }

  it('yields (or feeds) the same records, and the same ones before a damaged block throws, as push does (any chunk size)', () => {
    expect(frames.length).toBeGreaterThanOrEqual(2);
    const second = frames[1] as number;
    const bad = Uint8Array.from(bytes);
    // The payload starts with the first step's index, 4096 (two varint bytes), then the step count.
    expect([...bad.subarray(second + FRAME_HEADER_LENGTH, second + FRAME_HEADER_LENGTH + 2)]).toEqual([0x80, 0x20]);
    bad[second + FRAME_HEADER_LENGTH + 2] = 1;
    const dir = tempDir();
    for (const [name, b] of [['good', bytes], ['bad', bad]] as const) {
      const path = join(dir, `${name}.lstrace`);
      writeFileSync(path, b);
      for (const chunkSize of [1, 100, 4096, 65536, b.length]) {
        const got = streamed(() => readTraceRecords(path, { chunkSize }));
        const want = pushed(b, chunkSize);
        expect(got.error).toEqual(want.error);
        expect(got.records).toEqual(want.records);
        expect(fed(path, chunkSize)).toEqual(got);
        if (name === 'good') expect(got.records.filter((r) => r.kind === 'step').map((r) => (r.kind === 'step' ? r.step : null))).toEqual(trace.steps);
        else expect(got.error).toMatch(/^invalid-record at \d+: invalid step frame at offset \d+: step: /);
      }
    }
  });
});
