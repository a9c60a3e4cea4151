import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeTrace } from '../../src/trace/decoder.js';
import { encodeTrace } from '../../src/trace/encoder.js';
import { TraceFormatError, type TraceFormatErrorKind } from '../../src/trace/errors.js';
import { readTraceFile } from '../../src/trace/file-reader.js';
import { encodeFrame, encodePreamble, FrameType, MAGIC, MAX_FRAME_PAYLOAD, packRecord, PREAMBLE_LENGTH } from '../../src/trace/format.js';
import { BlockWriter } from '../../src/trace/step-block-writer.js';
import { counterTrace, tempDir } from './helpers.js';

const trace = counterTrace(11, { actors: 2, target: 3 });
const bytes = encodeTrace(trace);
const headerFrame = encodeFrame(FrameType.header, packRecord(trace.header));

/** The TraceFormatError that decoding `b` throws (fails the test if it does not throw one). */
function failure(b: Uint8Array): TraceFormatError {
  try {
    decodeTrace(b);
  } catch (e) {
    if (e instanceof TraceFormatError) return e;
    throw new Error(`expected a TraceFormatError, got ${String(e)}`);
  }
  throw new Error('expected a TraceFormatError, but the bytes decoded');
}

function join2(...parts: Uint8Array[]): Uint8Array {
  return Uint8Array.from(parts.flatMap((p) => [...p]));
}

/** Append a correct end frame, so only the content under test is wrong. */
function seal(b: Uint8Array): Uint8Array {
  return join2(b, encodeFrame(FrameType.end, createHash('sha256').update(b).digest()));
}

function expectError(b: Uint8Array, kind: TraceFormatErrorKind, offset: number, reason: RegExp): void {
  const e = failure(b);
  expect({ kind: e.kind, offset: e.offset }).toEqual({ kind, offset });
  expect(e.reason).toMatch(reason);
  expect(e.message).toContain(`at byte ${offset}`);
}

describe('corruption is always reported, with an offset and a reason', () => {
  it('truncation at every offset', () => {
    for (let n = 0; n < bytes.length; n++) {
      const e = failure(bytes.subarray(0, n));
      expect(['truncated', 'missing-footer']).toContain(e.kind);
      expect(e.offset).toBeLessThanOrEqual(n);
    }
  });

  it('truncation inside a frame names the frame, the expected and the actual size', () => {
    const cut = PREAMBLE_LENGTH + headerFrame.length + 3;
    expectError(bytes.subarray(0, cut), 'truncated', PREAMBLE_LENGTH + headerFrame.length, /expected 5 header bytes, got 3/);
    expectError(bytes.subarray(0, PREAMBLE_LENGTH + 10), 'truncated', PREAMBLE_LENGTH, new RegExp(`truncated header frame at offset ${PREAMBLE_LENGTH} \\(expected ${headerFrame.length} bytes, got 10\\)`));
    expectError(bytes.subarray(0, 4), 'truncated', 0, /truncated preamble \(expected 15 bytes, got 4\)/);
    const beforeFooter = bytes.length - 37 - footerLength();
    expectError(bytes.subarray(0, beforeFooter), 'missing-footer', beforeFooter, /missing footer: file ends after \d+ steps/);
    expectError(bytes.subarray(0, bytes.length - 37), 'truncated', bytes.length - 37, /without an end frame/);
  });

  it('truncation at a random offset is never a crash or a silent success (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 0, max: 40 }), (n, seed) => {
        const b = encodeTrace(counterTrace(seed, { actors: 2, target: 3 }));
        expect(failure(b.subarray(0, Math.min(n, b.length - 1)))).toBeInstanceOf(TraceFormatError);
      }),
      { numRuns: 200 },
    );
  });

  it('a flipped byte anywhere is detected', () => {
    const kinds = new Set<string>();
    for (let i = 0; i < bytes.length; i++) {
      const b = Uint8Array.from(bytes);
      b[i] = b[i]! ^ 0x01;
      kinds.add(failure(b).kind);
    }
    expect(kinds).toContain('digest-mismatch');
    expect(kinds).toContain('bad-magic');
  });

  it('random byte corruption is detected (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: bytes.length - 1 }), fc.integer({ min: 1, max: 255 }), (i, mask) => {
        const b = Uint8Array.from(bytes);
        b[i] = b[i]! ^ mask;
        expect(failure(b)).toBeInstanceOf(TraceFormatError);
      }),
      { numRuns: 500 },
    );
  });

  it('arbitrary bytes after a valid preamble are rejected, never crash (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (junk, afterHeader) => {
        const prefix = afterHeader ? join2(encodePreamble(), headerFrame) : encodePreamble();
        expect(failure(join2(prefix, junk))).toBeInstanceOf(TraceFormatError);
      }),
      { numRuns: 1000 },
    );
  });

  it('a changed value that still decodes is caught by the digest', () => {
    const step = trace.steps[1]!;
    // The state digest is stored as a u64 LE; flip its lowest bit.
    const digest = Buffer.alloc(8);
    digest.writeBigUInt64LE(BigInt('0x' + step.digest));
    const at = Buffer.from(bytes).indexOf(digest);
    expect(at).toBeGreaterThan(0);
    const b = Uint8Array.from(bytes);
    b[at] = b[at]! ^ 1;
    expectError(b, 'digest-mismatch', bytes.length - 37, /digest mismatch/);
  });

  it('bad magic, unsupported version, trailing bytes', () => {
    const magic = Uint8Array.from(bytes);
    magic[3] = 0x78;
    expectError(magic, 'bad-magic', 3, /not a lockstep trace/);
    expectError(Buffer.from('{"header": 1}'), 'bad-magic', 0, /bad magic/);
    const version = Uint8Array.from(bytes);
    version[MAGIC.length] = 9;
    expectError(version, 'unsupported-version', MAGIC.length, /unsupported format version 9 \(this lockstep reads versions 3 to 4\): written by a newer lockstep; upgrade lockstep/);
    version[MAGIC.length] = 5;
    expectError(version, 'unsupported-version', MAGIC.length, /unsupported format version 5 .*newer lockstep/);
    version[MAGIC.length] = 2;
    expectError(version, 'unsupported-version', MAGIC.length, /unsupported format version 2 .*older lockstep; re-record it/);
    version[MAGIC.length] = 1;
    expectError(version, 'unsupported-version', MAGIC.length, /unsupported format version 1 .*older lockstep; re-record it/);
    expectError(join2(bytes, Uint8Array.of(0)), 'trailing-bytes', bytes.length, /trailing bytes after the end frame/);
    expectError(join2(bytes, bytes), 'trailing-bytes', bytes.length, /trailing/);
  });

  it('frame-level errors: unknown type, wrong order, oversized, missing footer', () => {
    const pre = encodePreamble();
    expectError(join2(pre, encodeFrame(9, Uint8Array.of(0xc0))), 'unknown-frame-type', PREAMBLE_LENGTH + 4, /unknown frame type 9/);
    expectError(join2(pre, encodeFrame(FrameType.step, block(0, trace.steps[0]!))), 'unexpected-frame', PREAMBLE_LENGTH, /unexpected step frame.*expected header/);
    const huge = Uint8Array.of(0xff, 0xff, 0xff, 0xff, FrameType.header);
    expectError(join2(pre, huge), 'frame-too-large', PREAMBLE_LENGTH, new RegExp(`exceeds the ${MAX_FRAME_PAYLOAD}-byte limit`));
    expectError(seal(join2(pre, headerFrame)), 'missing-footer', PREAMBLE_LENGTH + headerFrame.length, /end frame follows 0 steps/);
    expectError(join2(pre, headerFrame), 'missing-footer', PREAMBLE_LENGTH + headerFrame.length, /file ends after 0 steps/);
    expectError(join2(pre, headerFrame, encodeFrame(FrameType.header, packRecord(trace.header))), 'unexpected-frame', PREAMBLE_LENGTH + headerFrame.length, /unexpected header frame/);
  });

  it('payload errors: undecodable msgpack and invalid record shapes', () => {
    const pre = encodePreamble();
    expectError(seal(join2(pre, encodeFrame(FrameType.header, Uint8Array.of(0x92, 0x01)))), 'decode-error', PREAMBLE_LENGTH, /msgpack decode error in header frame/);
    expectError(seal(join2(pre, encodeFrame(FrameType.header, Uint8Array.of(0x01, 0x02)))), 'decode-error', PREAMBLE_LENGTH, /msgpack decode error/);
    const shaped = (value: unknown): Uint8Array => seal(join2(pre, encodeFrame(FrameType.header, packRecord(value))));
    expectError(shaped({ ...trace.header, seed: 7 }), 'invalid-record', PREAMBLE_LENGTH, /header\.seed: expected a string/);
    expectError(shaped({ ...trace.header, extra: true }), 'invalid-record', PREAMBLE_LENGTH, /unexpected field "extra"/);
    const { model: _omit, ...noModel } = trace.header;
    expectError(shaped(noModel), 'invalid-record', PREAMBLE_LENGTH, /missing field "model"/);
    expectError(shaped({ ...trace.header, options: { when: new Date(0) } }), 'invalid-record', PREAMBLE_LENGTH, /instance of Date/);
    const frame = (payload: Uint8Array): Uint8Array => seal(join2(pre, headerFrame, encodeFrame(FrameType.step, payload)));
    const s0 = trace.steps[0]!;
    const good = block(0, s0);
    const stepAt = PREAMBLE_LENGTH + headerFrame.length;
    expectError(frame(block(1, { ...s0, index: 1 })), 'invalid-record', stepAt, /block starts at step 1, expected step 0/);
    expectError(frame(Uint8Array.of(0, 0)), 'invalid-record', stepAt, /block of 0 steps/);
    expectError(frame(join2(good, Uint8Array.of(7))), 'invalid-record', stepAt, /1 bytes left over after 1 steps/);
    expectError(frame(good.subarray(0, good.length - 3)), 'invalid-record', stepAt, /block ends inside a record/);
    const flagged = Uint8Array.from(good);
    flagged[2] = flagged[2]! | 0x80;
    expectError(frame(flagged), 'invalid-record', stepAt, /step\[0\]\.flags: reserved bit set/);
    const unknownString = Uint8Array.from(good);
    unknownString[3] = 0xa5; // the actor: a reference to string 5 of a block that has none yet
    expectError(frame(unknownString), 'invalid-record', stepAt, /string reference 5 beyond the block's 0 strings/);
    // Format 4: a step moving one hash twice ends ... 0, u64 hash, 1 (back-reference), u64 digest.
    const twice = block(0, { ...s0, envelopes: ['42', '42'] });
    const refAt = twice.length - 9;
    expect(twice[refAt]).toBe(1);
    const badRef = Uint8Array.from(twice);
    badRef[refAt] = 3;
    expectError(frame(badRef), 'invalid-record', stepAt, new RegExp(`invalid step frame at offset ${stepAt}: step: envelope back-reference 3 beyond the block's 1 envelope hashes at block offset ${refAt}`));
  });

  it('errors from a file name the file', () => {
    const path = join(tempDir(), 'bad.lstrace');
    writeFileSync(path, bytes.subarray(0, 100));
    expect(() => readTraceFile(path)).toThrow(TraceFormatError);
    try {
      readTraceFile(path);
    } catch (e) {
      expect(e).toMatchObject({ kind: 'truncated', source: path });
      expect(String(e)).toContain(path);
    }
  });
});

/** A step frame payload holding `step` as step number `first`. */
function block(first: number, step: (typeof trace.steps)[number]): Uint8Array {
  const w = new BlockWriter(first);
  w.add(step);
  return w.finish();
}

function footerLength(): number {
  return encodeFrame(FrameType.footer, packRecord(trace.footer)).length;
}
