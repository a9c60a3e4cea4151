/**
 * {@link BlockWriter}: encodes steps into one block of the compact step
 * encoding (layout and rationale in `step-codec.ts`).
 * @module
 */
import { INLINE_STRINGS, T_ARRAY, T_F64, T_FALSE, T_NEG, T_NULL, T_OBJECT, T_STR, T_STR_INLINE, T_TRUE, T_UINT } from './step-codec.js';
import type { TraceStep } from './types.js';
import { isPlainObject, MAX_DEPTH } from './validate.js';

const encoder = new TextEncoder();

/** Value of each ASCII code of a lowercase hex digit, -1 for everything else. */
const HEX_VALUE = Int8Array.from({ length: 128 }, (_, c) => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1));

/** A trie over object key sequences, caching each sequence's key-list JSON (see {@link BlockWriter.keysJson}). */
interface KeysNode {
  readonly next: Map<string, KeysNode>;
  json: string | undefined;
}

/**
 * Appends steps to one block.
 *
 * Gotcha: {@link BlockWriter.tryAdd} checks every field it encodes while it
 * encodes it, exactly as strictly as `parseStep` checks them, so a step it
 * accepts reads back equal. It does not check the record's shape (a plain
 * object with exactly the nine fields): callers must, or know it.
 */
export class BlockWriter {
  private buf = new Uint8Array(64 * 1024);
  private at = 0;
  private readonly strings = new Map<string, number>();
  private readonly keys: KeysNode = { next: new Map(), json: undefined };
  /** Envelope hashes written new in this block (decimal text), by the order they were written in. */
  private readonly hashes = new Map<string, number>();
  private count = 0;

  constructor(private readonly first: number) {}

  /** Steps in the block so far. */
  get steps(): number {
    return this.count;
  }

  /** Append one step that passed `parseStep`; throws (leaving the block unchanged) if it cannot be encoded. */
  add(step: TraceStep): void {
    if (!this.tryAdd(step)) throw new Error(`BlockWriter: step ${String(step.index)} cannot be encoded; check it with parseStep first`);
  }

  /**
   * Append one step if every field it encodes is valid (see the class
   * gotcha); otherwise leave the block unchanged and return false, so the
   * caller can report the problem (`parseStep` says what it is).
   */
  tryAdd(step: TraceStep): boolean {
    const at = this.at;
    const known = this.strings.size;
    const knownHashes = this.hashes.size;
    if (this.encode(step)) {
      this.count++;
      return true;
    }
    this.at = at;
    // Forget the strings and hashes this step added: the bytes that defined them are gone.
    if (this.strings.size > known) for (const [s, k] of this.strings) if (k >= known) this.strings.delete(s);
    if (this.hashes.size > knownHashes) for (const [h, k] of this.hashes) if (k >= knownHashes) this.hashes.delete(h);
    return false;
  }

  private encode(step: TraceStep): boolean {
    const { phase, actor, fault, error, envelopes, events, digest } = step;
    if ((phase !== 'fault' && phase !== 'heal') || !Array.isArray(envelopes) || !Array.isArray(events)) return false;
    if (typeof actor !== 'string' || (fault !== null && typeof fault !== 'string') || (error !== null && typeof error !== 'string')) return false;
    const decision: unknown = step.decision;
    if (!isPlainObject(decision) || typeof decision.type !== 'string') return false;
    const ne = envelopes.length;
    const nv = events.length;
    this.byte(
      (phase === 'heal' ? 1 : 0) |
        (fault !== null ? 2 : 0) |
        (error !== null ? 4 : 0) |
        (Math.min(ne, 3) << 3) |
        (Math.min(nv, 3) << 5),
    );
    this.str(actor);
    if (!this.value(decision, 0)) return false;
    if (fault !== null) this.str(fault);
    if (error !== null) this.str(error);
    if (ne >= 3) this.varint(ne);
    for (let i = 0; i < ne; i++) if (!this.envelope(envelopes[i])) return false;
    if (nv >= 3) this.varint(nv);
    for (let i = 0; i < nv; i++) {
      const e: unknown = events[i];
      if (typeof e !== 'string') return false;
      this.str(e);
    }
    return this.hexDigest(digest);
  }

  /** The block payload. */
  finish(): Uint8Array {
    const head = new BlockWriter(0);
    head.varint(this.first);
    head.varint(this.count);
    const out = new Uint8Array(head.at + this.at);
    out.set(head.buf.subarray(0, head.at));
    out.set(this.buf.subarray(0, this.at), head.at);
    return out;
  }

  private room(n: number): void {
    if (this.at + n <= this.buf.length) return;
    const grown = new Uint8Array(Math.max(this.buf.length * 2, this.at + n));
    grown.set(this.buf.subarray(0, this.at));
    this.buf = grown;
  }

  private byte(b: number): void {
    this.room(1);
    this.buf[this.at++] = b;
  }

  private varint(n: number): void {
    this.room(10);
    while (n >= 0x80) {
      this.buf[this.at++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.at++] = n;
  }

  /**
   * Format 4: an envelope hash this block already wrote is a back-reference
   * `d` >= 1 (the d-th most recently written new hash); a new one is 0 and
   * its 8 bytes. False, writing nothing it keeps, if `v` is not a decimal u64.
   */
  private envelope(v: unknown): boolean {
    if (typeof v !== 'string') return false;
    const k = this.hashes.get(v);
    if (k !== undefined) {
      this.varint(this.hashes.size - k);
      return true;
    }
    this.byte(0);
    if (!this.decimalU64(v)) return false;
    this.hashes.set(v, this.hashes.size);
    return true;
  }

  /** A decimal u64 (as `parseStep` accepts it: no sign, no leading zero) as 8 bytes LE, without BigInt. */
  private decimalU64(v: unknown): boolean {
    if (typeof v !== 'string') return false;
    const n = v.length;
    if (n === 0 || n > 20 || (n > 1 && v.charCodeAt(0) === 48)) return false;
    let lo = 0;
    let hi = 0;
    for (let i = 0; i < n; i++) {
      const d = v.charCodeAt(i) - 48;
      if (d < 0 || d > 9) return false;
      // lo * 10 + d < 2^36 and hi * 10 + carry < 2^36: exact in a double.
      const t = lo * 10 + d;
      const carry = Math.floor(t / 4294967296);
      lo = t - carry * 4294967296;
      hi = hi * 10 + carry;
      if (hi > 0xffffffff) return false;
    }
    this.u32(lo);
    this.u32(hi);
    return true;
  }

  /** A digest of 16 lowercase hex digits as a u64 LE (low half first), without slicing or parseInt. */
  private hexDigest(v: unknown): boolean {
    if (typeof v !== 'string' || v.length !== 16) return false;
    let hi = 0;
    let lo = 0;
    for (let i = 0; i < 8; i++) {
      const a = v.charCodeAt(i);
      const b = v.charCodeAt(i + 8);
      const x = a < 128 ? (HEX_VALUE[a] as number) : -1;
      const y = b < 128 ? (HEX_VALUE[b] as number) : -1;
      if ((x | y) < 0) return false;
      hi = (hi << 4) | x;
      lo = (lo << 4) | y;
    }
    this.u32(lo);
    this.u32(hi);
    return true;
  }

  private u32(n: number): void {
    this.room(4);
    this.buf[this.at++] = n & 0xff;
    this.buf[this.at++] = (n >>> 8) & 0xff;
    this.buf[this.at++] = (n >>> 16) & 0xff;
    this.buf[this.at++] = n >>> 24;
  }

  private str(s: string): void {
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

  /**
   * Encode a JSON value, refusing what `checkJson` (`validate.ts`) refuses:
   * non-finite numbers, non-JSON values, class instances, array subclasses,
   * the key "__proto__", nesting of {@link MAX_DEPTH} levels or more.
   */
  private value(v: unknown, depth: number): boolean {
    if (v === null) this.byte(T_NULL);
    else if (v === false) this.byte(T_FALSE);
    else if (v === true) this.byte(T_TRUE);
    else if (typeof v === 'number') {
      if (Number.isSafeInteger(v) && !Object.is(v, -0)) {
        if (v >= 0 && v < 0x80) this.byte(v);
        else if (v >= 0) {
          this.byte(T_UINT);
          this.varint(v);
        } else {
          this.byte(T_NEG);
          this.varint(-v - 1);
        }
      } else {
        if (!Number.isFinite(v)) return false;
        this.byte(T_F64);
        this.room(8);
        new DataView(this.buf.buffer).setFloat64(this.at, v, true);
        this.at += 8;
      }
    } else if (typeof v === 'string') this.str(v);
    else if (depth >= MAX_DEPTH) return false;
    else if (Array.isArray(v)) {
      if (Object.getPrototypeOf(v) !== Array.prototype) return false;
      const list = v as readonly unknown[];
      this.byte(T_ARRAY);
      this.varint(list.length);
      for (let i = 0; i < list.length; i++) if (!this.value(list[i], depth + 1)) return false;
    } else {
      if (!isPlainObject(v)) return false;
      const keys = Object.keys(v);
      const json = this.keysJson(keys);
      if (json === undefined) return false;
      this.byte(T_OBJECT);
      this.str(json);
      for (const k of keys) if (!this.value(v[k], depth + 1)) return false;
    }
    return true;
  }

  /**
   * `JSON.stringify(keys)`, cached per key sequence: decisions repeat a few
   * shapes, and building and hashing that text again for every step showed
   * in profiles. Undefined if a key is "__proto__" (not portable, see `checkJson`).
   */
  private keysJson(keys: readonly string[]): string | undefined {
    let node = this.keys;
    for (const k of keys) {
      let next = node.next.get(k);
      if (next === undefined) {
        if (k === '__proto__') return undefined;
        next = { next: new Map(), json: undefined };
        node.next.set(k, next);
      }
      node = next;
    }
    return (node.json ??= JSON.stringify(keys));
  }
}
