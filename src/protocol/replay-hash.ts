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
 * 0x100_0000_01B3 is `2^40 + 0x1B3`, so each byte costs two small exact
 * multiplications and no allocation. Strings are hashed straight from their
 * UTF-16 code units, encoded to UTF-8 on the fly, so the op's JSON text is
 * never copied into a byte array.
 * @module
 */
import { joinU64, limbHi, limbLo, splitU64 } from './u64.js';

const TWO_32 = 4294967296;
const FNV_LO = 0x1b3;

// Hash state. Module-level so the per-byte helpers need no closure or object.
let H = 0;
let L = 0;

function rotl(hi: number, lo: number, n: number): void {
  if (n >= 32) {
    const t = hi;
    hi = lo;
    lo = t;
    n -= 32;
  }
  if (n === 0) {
    H = hi;
    L = lo;
    return;
  }
  H = ((hi << n) | (lo >>> (32 - n))) >>> 0;
  L = ((lo << n) | (hi >>> (32 - n))) >>> 0;
}

/** (H, L) = (ah, al) * (bh, bl) mod 2^64, schoolbook on 16-bit digits. */
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
  H = ((c48 << 16) | c32) >>> 0;
  L = ((c16 << 16) | c00) >>> 0;
}

/** One FNV-style round: h = (rotl(h, r) ^ byte) * 0x100000001B3. */
function absorbByte(byte: number, r: number): void {
  const hi = ((H << r) | (L >>> (32 - r))) >>> 0;
  const lo = (((L << r) | (H >>> (32 - r))) ^ byte) >>> 0;
  const t = lo * FNV_LO; // < 2^41: exact in a double
  L = t >>> 0;
  // 0x100_0000_01B3 = 2^40 + 0x1B3, so the 2^40 term adds lo << 8 to the high word.
  H = (Math.imul(hi, FNV_LO) + (t - L) / TWO_32 + (lo << 8)) >>> 0;
}

/** Absorb the UTF-8 encoding of `text`, rotating by `r` per byte. */
function absorbUtf8(text: string, r: number): void {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c < 0x80) {
      absorbByte(c, r);
      continue;
    }
    if (c < 0x800) {
      absorbByte(0xc0 | (c >> 6), r);
      absorbByte(0x80 | (c & 0x3f), r);
      continue;
    }
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        i++;
        absorbByte(0xf0 | (cp >> 18), r);
        absorbByte(0x80 | ((cp >> 12) & 0x3f), r);
        absorbByte(0x80 | ((cp >> 6) & 0x3f), r);
        absorbByte(0x80 | (cp & 0x3f), r);
        continue;
      }
    }
    // A lone surrogate cannot come from Rust; encode it as U+FFFD, as TextEncoder does.
    if (c >= 0xd800 && c <= 0xdfff) c = 0xfffd;
    absorbByte(0xe0 | (c >> 12), r);
    absorbByte(0x80 | ((c >> 6) & 0x3f), r);
    absorbByte(0x80 | (c & 0x3f), r);
  }
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
  splitU64(meta.messageId);
  mul(limbHi, limbLo, 0x9e3779b1, 0x85ebca87);
  let hi = H;
  let lo = L;
  splitU64(meta.seqNo);
  rotl(limbHi, limbLo, 13);
  const sum = lo + L;
  lo = sum >>> 0;
  hi = (hi + H + (sum >= TWO_32 ? 1 : 0)) >>> 0;
  splitU64(meta.decisionSeq);
  rotl(limbHi, limbLo, 23);
  hi ^= H;
  lo ^= L;
  splitU64(meta.seed);
  rotl(limbHi, limbLo, 29);
  hi ^= H;
  lo ^= L;
  splitU64(meta.issuedAtTurn);
  rotl(limbHi, limbLo, 47);
  H = (hi ^ H) >>> 0;
  L = (lo ^ L) >>> 0;
  if (meta.workerId !== null) absorbUtf8(meta.workerId, 7);
  absorbUtf8(opJson, 5);
  hashHi = H;
  hashLo = L;
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
