/**
 * The lockstep trace file format: byte layout and frame primitives.
 *
 * A trace file is a preamble followed by length-prefixed frames:
 *
 * ```text
 * preamble  89 4C 4F 43 4B 53 54 45 50 0D 0A 1A 0A   "\x89LOCKSTEP\r\n\x1a\n" (13 bytes)
 *           u16 LE                                    format version (TRACE_FORMAT_VERSION)
 * frame     u32 LE payload length | u8 frame type | payload
 * ```
 *
 * Frame types, in the only order allowed: one `header` (1), any number of
 * `step` (2), one `footer` (3), one `end` (4), then end of file. Header and
 * footer payloads are one msgpack value each: the record as a plain map with
 * string keys (no msgpackr record/structure extensions, no extension types at
 * all; u64s are decimal strings). A step frame holds a block of consecutive
 * steps in the compact binary encoding of `step-codec.ts` (since format 2;
 * format 4 refers back to envelope hashes already in the block; in format 1
 * it was one msgpack map per step, about 8x larger). The end frame's payload is the
 * 32-byte SHA-256 of every byte before the end frame (preamble included), so
 * truncation, bit flips and spliced files are all detected.
 *
 * Why this shape: the magic's high first byte and CR LF / ^Z / LF guard (as in
 * PNG) catch text-mode transfers; length prefixes let a reader stream
 * frame by frame without parsing ahead; one msgpack value per frame keeps a
 * damaged frame from desynchronising the rest.
 *
 * This module is pure (no fs): it encodes and decodes single frames on
 * `Uint8Array`s. Stream state lives in `encoder.ts` and `decoder.ts`.
 * @module
 */
import { Packr, Unpackr } from 'msgpackr';
import { TraceFormatError } from './errors.js';
import { OLDEST_READABLE_FORMAT_VERSION, TRACE_FORMAT_VERSION } from './types.js';

/** The 13 magic bytes every trace file starts with. */
export const MAGIC: Uint8Array = Uint8Array.from([0x89, ...Buffer.from('LOCKSTEP', 'ascii'), 0x0d, 0x0a, 0x1a, 0x0a]);
/** Magic plus the u16 format version. */
export const PREAMBLE_LENGTH = MAGIC.length + 2;
/** u32 payload length plus u8 frame type. */
export const FRAME_HEADER_LENGTH = 5;
/** Length of the end frame's SHA-256 payload. */
export const DIGEST_LENGTH = 32;
/** Largest payload a reader accepts, so a corrupted length cannot make it allocate gigabytes. */
export const MAX_FRAME_PAYLOAD = 64 * 1024 * 1024;

/** Frame type bytes. */
export const FrameType = { header: 1, step: 2, footer: 3, end: 4 } as const;
/** A frame type name. */
export type FrameName = keyof typeof FrameType;

const NAMES: readonly (FrameName | undefined)[] = [undefined, 'header', 'step', 'footer', 'end'];

/** The name of frame type byte `type`, or undefined for an unknown type. */
export function frameName(type: number): FrameName | undefined {
  return NAMES[type];
}

// Plain, portable msgpack: maps for objects, shortest headers, float64 for non-integers.
const packr = new Packr({ useRecords: false, variableMapSize: true, moreTypes: false, structuredClone: false, bundleStrings: false });
const unpackr = new Unpackr({ useRecords: false, mapsAsObjects: true, moreTypes: false, structuredClone: false, bundleStrings: false });

/** The preamble for `version`. */
export function encodePreamble(version: number = TRACE_FORMAT_VERSION): Uint8Array {
  const out = new Uint8Array(PREAMBLE_LENGTH);
  out.set(MAGIC);
  new DataView(out.buffer).setUint16(MAGIC.length, version, true);
  return out;
}

/**
 * Check the first `bytes.length` bytes of a file (fewer than a preamble is
 * allowed, to fail fast on a wrong file). Returns the version once complete
 * (any from {@link OLDEST_READABLE_FORMAT_VERSION} to
 * {@link TRACE_FORMAT_VERSION}), or undefined if more bytes are needed.
 */
export function checkPreamble(bytes: Uint8Array): number | undefined {
  const n = Math.min(bytes.length, MAGIC.length);
  for (let i = 0; i < n; i++) {
    if (bytes[i] !== MAGIC[i]) throw new TraceFormatError('bad-magic', i, 'bad magic: not a lockstep trace file');
  }
  if (bytes.length < PREAMBLE_LENGTH) return undefined;
  const version = (bytes[MAGIC.length] ?? 0) | ((bytes[MAGIC.length + 1] ?? 0) << 8);
  if (version < OLDEST_READABLE_FORMAT_VERSION || version > TRACE_FORMAT_VERSION) {
    const why =
      version > TRACE_FORMAT_VERSION
        ? 'written by a newer lockstep; upgrade lockstep to read it'
        : 'written by an older lockstep; re-record it from its seed and options with this version';
    throw new TraceFormatError(
      'unsupported-version',
      MAGIC.length,
      `unsupported format version ${version} (this lockstep reads versions ${OLDEST_READABLE_FORMAT_VERSION} to ${TRACE_FORMAT_VERSION}): ${why}`,
    );
  }
  return version;
}

/** One complete frame: header bytes followed by `payload`. */
export function encodeFrame(type: number, payload: Uint8Array): Uint8Array {
  const out = new Uint8Array(FRAME_HEADER_LENGTH + payload.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, payload.length, true);
  view.setUint8(4, type);
  out.set(payload, FRAME_HEADER_LENGTH);
  return out;
}

/** Frame header fields at `at` (needs {@link FRAME_HEADER_LENGTH} bytes there). */
export function readFrameHeader(bytes: Uint8Array, at: number): { readonly length: number; readonly type: number } {
  const length = ((bytes[at] ?? 0) | ((bytes[at + 1] ?? 0) << 8) | ((bytes[at + 2] ?? 0) << 16)) + (bytes[at + 3] ?? 0) * 0x1000000;
  return { length, type: bytes[at + 4] ?? 0 };
}

/** msgpack bytes of a record (a view into a shared buffer: copy before the next call). */
export function packRecord(record: unknown): Uint8Array {
  return packr.pack(record);
}

/** Decode one msgpack value that must fill `payload` exactly; `offset` (the frame's file offset) is reported on failure. */
export function unpackRecord(payload: Uint8Array, offset: number, frame: FrameName): unknown {
  try {
    return unpackr.unpack(payload) as unknown;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new TraceFormatError('decode-error', offset, `msgpack decode error in ${frame} frame payload: ${why}`);
  }
}
