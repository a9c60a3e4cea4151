/**
 * Incremental trace decoder: bytes in, checked records out.
 *
 * Pure (no fs) and push-based, so the same code reads an in-memory byte array
 * or a file chunk by chunk. Only the current partial frame is buffered; a
 * chunk's complete frames are decoded in place. The footer is held back until
 * {@link TraceDecoder.end} has confirmed the end-frame digest and that nothing
 * follows it, so a consumer that has seen the footer has seen a verified file.
 * @module
 */
import { createHash } from 'node:crypto';
import { BlockReader } from './step-block-reader.js';
import { RecordShapeError, parseFooter, parseHeader } from './validate.js';
import { TraceFormatError } from './errors.js';
import {
  checkPreamble,
  DIGEST_LENGTH,
  FRAME_HEADER_LENGTH,
  frameName,
  MAX_FRAME_PAYLOAD,
  PREAMBLE_LENGTH,
  readFrameHeader,
  unpackRecord,
  type FrameName,
} from './format.js';
import { TRACE_FORMAT_VERSION, type Trace, type TraceFooter, type TraceHeader, type TraceStep } from './types.js';

/** One record of a trace, in file order: a header, steps, then a footer. */
export type TraceRecord =
  | { readonly kind: 'header'; readonly header: TraceHeader }
  | { readonly kind: 'step'; readonly step: TraceStep }
  | { readonly kind: 'footer'; readonly footer: TraceFooter };

/**
 * What {@link TraceDecoder.pushBlocks} returns: a record, or a whole checked
 * block of steps that builds them one at a time (`block.next()`, `block.count` times).
 */
export type DecodedItem = TraceRecord | { readonly kind: 'block'; readonly block: BlockReader };

type Stage = 'preamble' | 'header' | 'steps' | 'end' | 'done';

/** Which frame each stage accepts. */
const EXPECTED: Record<Exclude<Stage, 'preamble' | 'done'>, readonly FrameName[]> = {
  header: ['header'],
  steps: ['step', 'footer'],
  end: ['end'],
};

/** Decodes one trace; throws {@link TraceFormatError} at the first problem. */
export class TraceDecoder {
  private readonly hash = createHash('sha256');
  // A partial frame carried over to the next push, in a buffer that grows by doubling so a
  // large frame arriving in many small chunks costs linear, not quadratic, copying.
  private buf = new Uint8Array(0);
  private len = 0;
  private base = 0; // file offset of the first byte not yet consumed
  private stage: Stage = 'preamble';
  /** Format version from the preamble: how step blocks are encoded. */
  private version = TRACE_FORMAT_VERSION;
  private count = 0;
  private held: TraceFooter | undefined;

  /** Feed the next bytes; returns the records they completed. The decoder does not keep `chunk`. */
  push(chunk: Uint8Array): TraceRecord[] {
    const out: TraceRecord[] = [];
    for (const item of this.pushBlocks(chunk)) {
      if (item.kind !== 'block') out.push(item);
      else for (let i = 0; i < item.block.count; i++) out.push({ kind: 'step', step: item.block.next() });
    }
    return out;
  }

  /**
   * {@link TraceDecoder.push}, but each block of steps comes as one item that
   * builds its steps on demand. Every byte the items cover is already checked
   * (a damaged block throws here, as in `push`); building the steps one at a
   * time lets them be collected young (see `step-block-reader.ts`). A block
   * holds its own copy of its bytes, so `chunk` may be reused at once.
   */
  pushBlocks(chunk: Uint8Array): DecodedItem[] {
    const out: DecodedItem[] = [];
    if (this.len === 0) {
      // Nothing carried over: decode complete frames straight out of the caller's chunk.
      this.keep(chunk.subarray(this.drain(chunk, out)));
    } else {
      this.keep(chunk);
      const used = this.drain(this.buf.subarray(0, this.len), out);
      this.buf.copyWithin(0, used, this.len);
      this.len -= used;
    }
    return out;
  }

  /** Signal end of input; returns the footer record once the file proved complete and intact. */
  end(): TraceRecord[] {
    const got = this.len;
    const at = this.base;
    if (this.stage === 'preamble') {
      throw new TraceFormatError('truncated', 0, `truncated preamble (expected ${PREAMBLE_LENGTH} bytes, got ${got})`);
    }
    if (got > 0 && got < FRAME_HEADER_LENGTH) {
      throw new TraceFormatError('truncated', at, `truncated frame at offset ${at} (expected ${FRAME_HEADER_LENGTH} header bytes, got ${got})`);
    }
    if (got > 0) {
      const { length, type } = readFrameHeader(this.buf, 0);
      const size = FRAME_HEADER_LENGTH + length;
      throw new TraceFormatError('truncated', at, `truncated ${frameName(type) ?? '?'} frame at offset ${at} (expected ${size} bytes, got ${got})`);
    }
    switch (this.stage) {
      case 'header':
        throw new TraceFormatError('truncated', at, 'file ends before the header frame');
      case 'steps':
        throw new TraceFormatError('missing-footer', at, `missing footer: file ends after ${this.count} steps`);
      case 'end':
        throw new TraceFormatError('truncated', at, 'file ends after the footer without an end frame');
      case 'done':
        break;
    }
    const footer = this.held;
    this.held = undefined;
    return footer === undefined ? [] : [{ kind: 'footer', footer }];
  }

  /** Decode every complete frame in `bytes`; returns how many bytes were consumed. */
  private drain(bytes: Uint8Array, out: DecodedItem[]): number {
    let at = 0;
    for (;;) {
      const avail = bytes.length - at;
      const offset = this.base;
      if (avail === 0) return at;
      if (this.stage === 'done') {
        throw new TraceFormatError('trailing-bytes', offset, `${avail}+ trailing bytes after the end frame`);
      }
      if (this.stage === 'preamble') {
        const version = checkPreamble(bytes.subarray(at, at + PREAMBLE_LENGTH));
        if (version === undefined) return at;
        this.version = version;
        this.consume(bytes, at, PREAMBLE_LENGTH);
        at += PREAMBLE_LENGTH;
        this.stage = 'header';
        continue;
      }
      if (avail < FRAME_HEADER_LENGTH) return at;
      const { length, type } = readFrameHeader(bytes, at);
      const name = this.checkFrame(type, length, offset);
      if (avail < FRAME_HEADER_LENGTH + length) return at;
      const payload = bytes.subarray(at + FRAME_HEADER_LENGTH, at + FRAME_HEADER_LENGTH + length);
      if (name === 'end') {
        const expected = this.hash.digest();
        if (!expected.equals(payload)) {
          throw new TraceFormatError('digest-mismatch', offset, 'digest mismatch: the file was modified or damaged before the end frame');
        }
        this.stage = 'done';
        this.base += FRAME_HEADER_LENGTH + length;
      } else {
        this.consume(bytes, at, FRAME_HEADER_LENGTH + length);
        if (name === 'step') this.block(payload, offset, out);
        else {
          const record = this.record(name, unpackRecord(payload, offset, name), offset);
          if (record !== undefined) out.push(record);
        }
      }
      at += FRAME_HEADER_LENGTH + length;
    }
  }

  /** Validate a frame header against the grammar before its payload is buffered. */
  private checkFrame(type: number, length: number, offset: number): FrameName {
    const name = frameName(type);
    if (name === undefined) throw new TraceFormatError('unknown-frame-type', offset + 4, `unknown frame type ${type} at offset ${offset}`);
    if (this.stage === 'steps' && name === 'end') {
      throw new TraceFormatError('missing-footer', offset, `missing footer: end frame follows ${this.count} steps`);
    }
    const allowed = EXPECTED[this.stage as keyof typeof EXPECTED];
    if (!allowed.includes(name)) {
      throw new TraceFormatError('unexpected-frame', offset, `unexpected ${name} frame at offset ${offset} (expected ${allowed.join(' or ')})`);
    }
    if (name === 'end' && length !== DIGEST_LENGTH) {
      throw new TraceFormatError('invalid-record', offset, `end frame payload must be ${DIGEST_LENGTH} bytes, got ${length}`);
    }
    if (length > MAX_FRAME_PAYLOAD) {
      throw new TraceFormatError('frame-too-large', offset, `${name} frame of ${length} bytes exceeds the ${MAX_FRAME_PAYLOAD}-byte limit`);
    }
    return name;
  }

  /** Check a block of steps (see `step-codec.ts`); its steps are built later, from a copy of `payload`. */
  private block(payload: Uint8Array, offset: number, out: DecodedItem[]): void {
    const block = new BlockReader(payload.slice(), this.version);
    try {
      block.check(this.count);
    } catch (e) {
      if (!(e instanceof RecordShapeError)) throw e;
      throw new TraceFormatError('invalid-record', offset, `invalid step frame at offset ${offset}: ${e.message}`);
    }
    out.push({ kind: 'block', block });
    this.count += block.count;
  }

  private record(name: Exclude<FrameName, 'end' | 'step'>, value: unknown, offset: number): TraceRecord | undefined {
    try {
      switch (name) {
        case 'header': {
          const header = parseHeader(value);
          if (header.formatVersion !== this.version) throw new RecordShapeError('header.formatVersion', 'differs from the preamble version');
          this.stage = 'steps';
          return { kind: 'header', header };
        }
        case 'footer':
          this.held = parseFooter(value, this.count);
          this.stage = 'end';
          return undefined;
      }
    } catch (e) {
      if (!(e instanceof RecordShapeError)) throw e;
      throw new TraceFormatError('invalid-record', offset, `invalid ${name} record at offset ${offset}: ${e.message}`);
    }
  }

  /** Append `bytes` to the carried-over buffer. */
  private keep(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    const need = this.len + bytes.length;
    if (need > this.buf.length) {
      const grown = new Uint8Array(Math.max(need, this.buf.length * 2, 64 * 1024));
      grown.set(this.buf.subarray(0, this.len));
      this.buf = grown;
    }
    this.buf.set(bytes, this.len);
    this.len = need;
  }

  private consume(bytes: Uint8Array, at: number, n: number): void {
    this.hash.update(bytes.subarray(at, at + n));
    this.base += n;
  }
}

/** Decode a whole trace held in memory (the bytes of a trace file). */
export function decodeTrace(bytes: Uint8Array): Trace {
  const decoder = new TraceDecoder();
  let header: TraceHeader | undefined;
  let footer: TraceFooter | undefined;
  const steps: TraceStep[] = [];
  for (const r of [...decoder.push(bytes), ...decoder.end()]) {
    if (r.kind === 'header') header = r.header;
    else if (r.kind === 'step') steps.push(r.step);
    else footer = r.footer;
  }
  // The decoder only returns a footer after a header and a verified end frame.
  if (header === undefined || footer === undefined) throw new Error('decodeTrace: decoder returned an incomplete trace');
  return { header, steps, footer };
}
