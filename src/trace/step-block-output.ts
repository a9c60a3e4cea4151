/**
 * {@link BlockOutput}: the byte-level writing under `BlockWriter`
 * (step-block-writer.ts): the growing buffer, varints, the block's string
 * table, the u64 fields (decimal envelope hashes, the hex digest) and the
 * block payload with its head. The writer's counterpart of `BlockCursor`
 * (step-block-cursor.ts).
 *
 * Details: the u64 readers take the text the model produced and refuse what
 * `parseStep` refuses, so that a field written is a field that reads back
 * equal; they return false instead of throwing, because a refused step is an
 * ordinary outcome for `BlockWriter.tryAdd`.
 *
 * Gotcha: {@link BlockOutput.mark} and {@link BlockOutput.rollback} undo the
 * bytes and the strings of one step that turned out not to be encodable; a
 * string the step defined must be forgotten with its bytes, or a later step
 * would refer to a definition the block no longer holds.
 *
 * @example
 * ```ts
 * class Writer extends BlockOutput {
 *   one(s: string): Uint8Array { this.str(s); return this.payload(0, 1); }
 * }
 * ```
 * @module
 */
import { INLINE_STRINGS, T_STR, T_STR_INLINE } from './step-codec.js';

const encoder = new TextEncoder();

/** Value of each ASCII code of a lowercase hex digit, -1 for everything else. */
const HEX_VALUE = Int8Array.from({ length: 128 }, (_, c) => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1));

/** Append the varint of `n` to `out` (as {@link BlockOutput}'s own varints). */
function varintInto(out: number[], n: number): void {
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
}

/** The bytes of one block being written, with the block's string table. */
export class BlockOutput {
  private buf = new Uint8Array(64 * 1024);
  private at = 0;
  private readonly strings = new Map<string, number>();
  /** Where {@link mark} left the bytes and the string table. */
  private markAt = 0;
  private markStrings = 0;
  /** The value {@link decimalU64} read last, as 32-bit halves. */
  protected u64Lo = 0;
  protected u64Hi = 0;

  /** Empty the bytes and the string table, keeping the buffer. */
  protected clear(): void {
    this.at = 0;
    this.strings.clear();
  }

  /** Remember the current end of the block, for {@link rollback}. */
  protected mark(): void {
    this.markAt = this.at;
    this.markStrings = this.strings.size;
  }

  /** Drop the bytes written since {@link mark}, and forget the strings they defined. */
  protected rollback(): void {
    this.at = this.markAt;
    const known = this.markStrings;
    if (this.strings.size > known) for (const [s, k] of this.strings) if (k >= known) this.strings.delete(s);
  }

  /** The block payload: the varints of `first` and `count`, then the bytes written. */
  protected payload(first: number, count: number): Uint8Array {
    const head: number[] = [];
    varintInto(head, first);
    varintInto(head, count);
    const out = new Uint8Array(head.length + this.at);
    out.set(head);
    out.set(this.buf.subarray(0, this.at), head.length);
    return out;
  }

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.at + n));
    grown.set(this.buf.subarray(0, this.at));
    this.buf = grown;
  }

  protected byte(b: number): void {
    this.room(1);
    this.buf[this.at++] = b;
  }

  protected varint(n: number): void {
    this.room(10);
    while (n >= 0x80) {
      this.buf[this.at++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.at++] = n;
  }

  /** A float64 LE (the caller writes its tag). */
  protected f64(v: number): void {
    this.room(8);
    new DataView(this.buf.buffer).setFloat64(this.at, v, true);
    this.at += 8;
  }

  /** A string through the block's table: its index if the block already defined it, else its definition. */
  protected str(s: string): void {
    const k = this.strings.get(s);
    if (k !== undefined) {
      if (k < INLINE_STRINGS) this.byte(T_STR_INLINE + k);
      else {
        this.byte(T_STR);
        this.varint(k);
      }
      return;
    }
    const index = this.strings.size;
    this.strings.set(s, index);
    const bytes = encoder.encode(s);
    this.byte(T_STR);
    this.varint(index);
    this.varint(bytes.length);
    this.room(bytes.length);
    this.buf.set(bytes, this.at);
    this.at += bytes.length;
  }

  /** A zero byte, then the u64 `hi * 2^32 + lo` LE: a new envelope hash (format 4, see `step-codec.ts`). */
  protected taggedU64(lo: number, hi: number): void {
    this.room(9);
    const buf = this.buf;
    const at = this.at;
    buf[at] = 0;
    for (let i = 0; i < 4; i++) {
      buf[at + 1 + i] = (lo >>> (8 * i)) & 0xff;
      buf[at + 5 + i] = (hi >>> (8 * i)) & 0xff;
    }
    this.at = at + 9;
  }

  /**
   * Read a decimal u64 (as `parseStep` accepts it: no sign, no leading
   * zero) into {@link u64Lo} and {@link u64Hi}, without BigInt; false if
   * `v` is not one. The digits are read as two doubles, the last
   * ten and the rest (each below 10^10, exact), and combined in 16- and
   * 32-bit pieces that stay exact: digit by digit with a division each was
   * most of the cost of an envelope.
   */
  protected decimalU64(v: string): boolean {
    const n = v.length;
    if (n === 0 || n > 20 || (n > 1 && v.charCodeAt(0) === 48)) return false;
    const split = n > 10 ? n - 10 : 0;
    let high = 0;
    for (let i = 0; i < split; i++) {
      const d = v.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return false;
      high = high * 10 + d;
    }
    let low = 0;
    for (let i = split; i < n; i++) {
      const d = v.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return false;
      low = low * 10 + d;
    }
    // value = high * 10^10 + low, high = h1 * 2^16 + h0 (h1 < 2^18), so
    // value = p * 2^16 + h0 * 10^10 + low with p = h1 * 10^10 < 2^52.
    // Remainders by floor and multiply: `%` on doubles past 2^31 is a call to fmod.
    const h1 = Math.floor(high / 65536);
    const h0 = high - h1 * 65536;
    const p = h1 * 1e10;
    const pHigh = Math.floor(p / 65536);
    // q < 2^32 + 2^50: exact.
    const q = (p - pHigh * 65536) * 65536 + h0 * 1e10 + low;
    const qHigh = Math.floor(q / 4294967296);
    const lo = q - qHigh * 4294967296;
    const hi = pHigh + qHigh;
    if (hi > 0xffffffff) return false;
    this.u64Lo = lo;
    this.u64Hi = hi;
    return true;
  }

  /**
   * A digest of 16 lowercase hex digits as a u64 LE (low half first), a byte
   * per digit pair straight into the buffer, without slicing or parseInt. (A
   * table per pair of digits was slower in a run: 32 KiB the rest of the step evicts.)
   */
  protected hexDigest(v: unknown): boolean {
    if (typeof v !== 'string' || v.length !== 16) return false;
    this.room(8);
    const buf = this.buf;
    const at = this.at;
    let bad = 0;
    for (let i = 0; i < 8; i++) {
      const a = v.charCodeAt(2 * i);
      const b = v.charCodeAt(2 * i + 1);
      const x = a < 128 ? (HEX_VALUE[a] as number) : -1;
      const y = b < 128 ? (HEX_VALUE[b] as number) : -1;
      bad |= x | y;
      // The first pair is the most significant byte: it goes last.
      buf[at + 7 - i] = (x << 4) | y;
    }
    if (bad < 0) return false;
    this.at = at + 8;
    return true;
  }
}
