/**
 * The envelope `replay_hash`, bit-exact with the Rust seed.
 *
 * ```text
 * h = message_id * 0x9E3779B185EBCA87 + rotl(seq_no, 13)
 *     ^ rotl(decision_seq, 23) ^ rotl(seed, 29) ^ rotl(issued_at_turn, 47)
 * for b in worker_id (UTF-8, if present): h = (rotl(h, 7) ^ b) * 0x100000001B3
 * for b in serde_json(op) (UTF-8):       h = (rotl(h, 5) ^ b) * 0x100000001B3
 * ```
 * all mod 2^64. The state lives in two 32-bit limbs; the FNV prime
 * 0x100_0000_01B3 is `2^40 + 0x1B3`, so each byte costs a shift of the low
 * word plus a few 32-bit integer multiplications by 0x1B3, and no allocation.
 * Strings are hashed straight from their UTF-16 code units, encoded to UTF-8
 * on the fly, so the op's JSON text is never copied into a byte array.
 * @module
 */
import { HI, joinU64, LO, U64_LIMBS, U64_SCRATCH } from './u64.js';

const TWO_32 = 4294967296;
const FNV_LO = 0x1b3;

// Hash state (high, low limb). Module-level so the per-byte helpers need no closure or object; a typed
// array rather than two `let`s, whose writes of a value above 2^30 would each allocate a heap number.
const HL = new Uint32Array(2);

function rotl(hi: number, lo: number, n: number): void {
  if (n >= 32) {
    const t = hi;
    hi = lo;
    lo = t;
    n -= 32;
  }
  if (n === 0) {
    HL[0] = hi;
    HL[1] = lo;
    return;
  }
  HL[0] = ((hi << n) | (lo >>> (32 - n))) >>> 0;
  HL[1] = ((lo << n) | (hi >>> (32 - n))) >>> 0;
}

/** state = (ah, al) * (bh, bl) mod 2^64, schoolbook on 16-bit digits. */
function mul(ah: number, al: number, bh: number, bl: number): void {
  const a48 = ah >>> 16;
  const a32 = ah & 0xffff;
  const a16 = al >>> 16;
  const a00 = al & 0xffff;
  const b48 = bh >>> 16;
  const b32 = bh & 0xffff;
  const b16 = bl >>> 16;
  const b00 = bl & 0xffff;
  let c00 = a00 * b00;
  let c16 = c00 >>> 16;
  c00 &= 0xffff;
  c16 += a16 * b00;
  let c32 = c16 >>> 16;
  c16 &= 0xffff;
  c16 += a00 * b16;
  c32 += c16 >>> 16;
  c16 &= 0xffff;
  c32 += a32 * b00;
  let c48 = c32 >>> 16;
  c32 &= 0xffff;
  c32 += a16 * b16;
  c48 += c32 >>> 16;
  c32 &= 0xffff;
  c32 += a00 * b32;
  c48 += c32 >>> 16;
  c32 &= 0xffff;
  c48 += a48 * b00 + a32 * b16 + a16 * b32 + a00 * b48;
  c48 &= 0xffff;
  HL[0] = ((c48 << 16) | c32) >>> 0;
  HL[1] = ((c16 << 16) | c00) >>> 0;
}

/** One FNV-style round: h = (rotl(h, r) ^ byte) * 0x100000001B3. */
function absorbByte(byte: number, r: number): void {
  const hi = (((HL[0] as number) << r) | ((HL[1] as number) >>> (32 - r))) >>> 0;
  const lo = ((((HL[1] as number) << r) | ((HL[0] as number) >>> (32 - r))) ^ byte) >>> 0;
  const t = lo * FNV_LO; // < 2^41: exact in a double
  HL[1] = t >>> 0;
  // 0x100_0000_01B3 = 2^40 + 0x1B3, so the 2^40 term adds lo << 8 to the high word.
  HL[0] = (Math.imul(hi, FNV_LO) + (t - (HL[1] as number)) / TWO_32 + (lo << 8)) >>> 0;
}

/**
 * Absorb the UTF-8 bytes of the non-ASCII character at `text[i]` into the state;
 * returns the index of its last UTF-16 code unit (i + 1 for a surrogate pair).
 */
function absorbNonAscii(text: string, i: number, r: number): number {
  let c = text.charCodeAt(i);
  if (c < 0x800) {
    absorbByte(0xc0 | (c >> 6), r);
    absorbByte(0x80 | (c & 0x3f), r);
    return i;
  }
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) {
      const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
      absorbByte(0xf0 | (cp >> 18), r);
      absorbByte(0x80 | ((cp >> 12) & 0x3f), r);
      absorbByte(0x80 | ((cp >> 6) & 0x3f), r);
      absorbByte(0x80 | (cp & 0x3f), r);
      return i + 1;
    }
  }
  // A lone surrogate cannot come from Rust; encode it as U+FFFD, as TextEncoder does.
  if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
  absorbByte(0xe0 | (c >> 12), r);
  absorbByte(0x80 | ((c >> 6) & 0x3f), r);
  absorbByte(0x80 | (c & 0x3f), r);
  return i;
}

/**
 * Absorb the UTF-8 encoding of `text`, rotating by `r` per byte.
 *
 * Hot path: ASCII bytes are absorbed inline on local int32 limbs, so the state
 * stays in registers instead of the module-level state array. The 2^40 term of the FNV prime adds `lo << 8` to the high
 * word; `lo * 0x1B3` is split into 16-bit halves so its carry into the high
 * word is computed with integer ops only. Non-ASCII characters take the
 * {@link absorbByte} path.
 */
function absorbUtf8(text: string, r: number): void {
  const s = 32 - r;
  const n = text.length;
  let hi = (HL[0] as number) | 0;
  let lo = (HL[1] as number) | 0;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      const rh = (hi << r) | (lo >>> s);
      const rl = ((lo << r) | (hi >>> s)) ^ c;
      const carry = ((rl >>> 16) * FNV_LO + (((rl & 0xffff) * FNV_LO) >>> 16)) >>> 16;
      lo = Math.imul(rl, FNV_LO);
      hi = (Math.imul(rh, FNV_LO) + carry + (rl << 8)) | 0;
      continue;
    }
    HL[0] = hi >>> 0;
    HL[1] = lo >>> 0;
    i = absorbNonAscii(text, i, r);
    hi = (HL[0] as number) | 0;
    lo = (HL[1] as number) | 0;
  }
  HL[0] = hi >>> 0;
  HL[1] = lo >>> 0;
}

// ASCII digits of every byte value (what serde_json writes for a u8), bare and after a comma.
const BYTE_DIGITS: readonly (readonly number[])[] = Array.from({ length: 256 }, (_, b) => Array.from(String(b), (c) => c.charCodeAt(0)));
const COMMA_DIGITS: readonly (readonly number[])[] = BYTE_DIGITS.map((d) => [0x2c, ...d]);

/**
 * Absorb the JSON array text of `bytes` (`[1,2,3]`, as serde_json writes a
 * `Vec<u8>`) straight from the bytes, rotating by `r` per text byte: the
 * same state as {@link absorbUtf8} of `bytesToJson(bytes)`, without building
 * the text (a 256 KiB payload is about a megabyte of it). Same inline round
 * as `absorbUtf8`'s ASCII path.
 */
function absorbBytesJson(bytes: Uint8Array, r: number): void {
  absorbUtf8('[', r);
  const s = 32 - r;
  let hi = (HL[0] as number) | 0;
  let lo = (HL[1] as number) | 0;
  for (let i = 0; i < bytes.length; i++) {
    const text = (i === 0 ? BYTE_DIGITS : COMMA_DIGITS)[bytes[i] as number] as readonly number[];
    for (let k = 0; k < text.length; k++) {
      const rh = (hi << r) | (lo >>> s);
      const rl = ((lo << r) | (hi >>> s)) ^ (text[k] as number);
      const carry = ((rl >>> 16) * FNV_LO + (((rl & 0xffff) * FNV_LO) >>> 16)) >>> 16;
      lo = Math.imul(rl, FNV_LO);
      hi = (Math.imul(rh, FNV_LO) + carry + (rl << 8)) | 0;
    }
  }
  HL[0] = hi >>> 0;
  HL[1] = lo >>> 0;
  absorbUtf8(']', r);
}

/** Envelope metadata that feeds the hash, in the Rust argument order. */
export interface ReplayHashInput {
  readonly messageId: bigint;
  readonly seqNo: bigint;
  readonly decisionSeq: bigint;
  readonly seed: bigint;
  readonly issuedAtTurn: bigint;
  readonly workerId: string | null;
}

/** High limb of the last {@link replayHashLimbs} result. */
export let hashHi = 0;
/** Low limb of the last {@link replayHashLimbs} result. */
export let hashLo = 0;

/**
 * Compute the replay hash into {@link hashHi}/{@link hashLo} without building
 * a bigint. `opJson` must be the canonical (serde_json) text of the op.
 */
export function replayHashLimbs(meta: ReplayHashInput, opJson: string): void {
  absorbMeta(meta);
  absorbUtf8(opJson, 5);
  hashHi = HL[0] as number;
  hashLo = HL[1] as number;
}

/** The hash state after the metadata and the worker id, before the op. */
function absorbMeta(meta: ReplayHashInput): void {
  beginReplayHash(meta.messageId, meta.seqNo, meta.decisionSeq, meta.seed, meta.issuedAtTurn, meta.workerId);
}

/**
 * Start a replay hash: absorb the metadata and the worker id (the Rust
 * argument order). Then absorb the op's canonical text piece by piece with
 * {@link absorbOpText}, {@link absorbOpDecimal} and {@link absorbOpBytesJson},
 * and finish with {@link endReplayHash}. `op-hash.ts` does this for a whole
 * op without building its text.
 */
export function beginReplayHash(messageId: bigint, seqNo: bigint, decisionSeq: bigint, seed: bigint, issuedAtTurn: bigint, workerId: string | null): void {
  // Each u64 is split through the shared scratch (reduced mod 2^64 as Rust's u64 is) and read as two limbs.
  U64_SCRATCH[0] = messageId;
  mul(U64_LIMBS[HI] as number, U64_LIMBS[LO] as number, 0x9e3779b1, 0x85ebca87);
  let hi = HL[0] as number;
  let lo = HL[1] as number;
  U64_SCRATCH[0] = seqNo;
  rotl(U64_LIMBS[HI] as number, U64_LIMBS[LO] as number, 13);
  const sum = lo + (HL[1] as number);
  lo = sum >>> 0;
  hi = (hi + (HL[0] as number) + (sum >= TWO_32 ? 1 : 0)) >>> 0;
  U64_SCRATCH[0] = decisionSeq;
  rotl(U64_LIMBS[HI] as number, U64_LIMBS[LO] as number, 23);
  hi ^= HL[0] as number;
  lo ^= HL[1] as number;
  U64_SCRATCH[0] = seed;
  rotl(U64_LIMBS[HI] as number, U64_LIMBS[LO] as number, 29);
  hi ^= HL[0] as number;
  lo ^= HL[1] as number;
  U64_SCRATCH[0] = issuedAtTurn;
  rotl(U64_LIMBS[HI] as number, U64_LIMBS[LO] as number, 47);
  HL[0] = (hi ^ (HL[0] as number)) >>> 0;
  HL[1] = (lo ^ (HL[1] as number)) >>> 0;
  if (workerId !== null) absorbUtf8(workerId, 7);
}

/** Absorb a piece of the op's canonical text (its UTF-8 bytes). */
export function absorbOpText(text: string): void {
  absorbUtf8(text, 5);
}

/** Absorb the JSON array text of `bytes` (a `Vec<u8>` of the op) from the bytes. */
export function absorbOpBytesJson(bytes: Uint8Array): void {
  absorbBytesJson(bytes, 5);
}

// Decimal digits of a safe integer, least significant first (scratch: a u64 has at most 20).
const DIGITS = new Uint8Array(20);

/**
 * Absorb the decimal text of `value` (`${value}`, what serde_json writes for
 * a u64) without building it when it is a safe non-negative integer.
 */
export function absorbOpDecimal(value: bigint): void {
  let x = Number(value);
  // Number rounds monotonically, so x <= 2^53 - 1 only when value itself is that small: then x === value exactly.
  if (!(x >= 0 && x <= Number.MAX_SAFE_INTEGER)) {
    absorbUtf8(`${value}`, 5);
    return;
  }
  let n = 0;
  // Above 2^31 the digits are peeled with float division (exact: x < 2^53), then with int32 arithmetic.
  while (x > 0x7fffffff) {
    const q = Math.floor(x / 10);
    DIGITS[n++] = 48 + (x - q * 10);
    x = q;
  }
  let y = x | 0;
  do {
    const q = (y / 10) | 0;
    DIGITS[n++] = 48 + (y - q * 10);
    y = q;
  } while (y > 0);
  let hi = (HL[0] as number) | 0;
  let lo = (HL[1] as number) | 0;
  while (n > 0) {
    const c = DIGITS[--n] as number;
    const rh = (hi << 5) | (lo >>> 27);
    const rl = ((lo << 5) | (hi >>> 27)) ^ c;
    const carry = ((rl >>> 16) * FNV_LO + (((rl & 0xffff) * FNV_LO) >>> 16)) >>> 16;
    lo = Math.imul(rl, FNV_LO);
    hi = (Math.imul(rh, FNV_LO) + carry + (rl << 8)) | 0;
  }
  HL[0] = hi >>> 0;
  HL[1] = lo >>> 0;
}

/** Finish a hash started with {@link beginReplayHash}: the result goes to {@link hashHi}/{@link hashLo}. */
export function endReplayHash(): void {
  hashHi = HL[0] as number;
  hashLo = HL[1] as number;
}

/** Finish a hash started with {@link beginReplayHash}, as a u64 bigint (the limbs exported above are left alone). */
export function endReplayHashValue(): bigint {
  return joinU64(HL[0] as number, HL[1] as number);
}

/** Finish a hash started with {@link beginReplayHash}: whether it equals `value` reduced mod 2^64 (the caller checks the range). */
export function endReplayHashEquals(value: bigint): boolean {
  U64_SCRATCH[0] = value;
  return U64_LIMBS[HI] === HL[0] && U64_LIMBS[LO] === HL[1];
}

/**
 * The Rust `replay_hash(message_id, seq_no, decision_seq, seed,
 * issued_at_turn, worker_id, op)` as a u64 bigint, given the op's canonical
 * JSON text.
 */
export function replayHash(meta: ReplayHashInput, opJson: string): bigint {
  replayHashLimbs(meta, opJson);
  return joinU64(hashHi, hashLo);
}
