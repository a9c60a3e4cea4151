/**
 * {@link BlockWriter}: encodes steps into one block of the compact step
 * encoding (layout and rationale in `step-codec.ts`).
 * @module
 */
import { INLINE_STRINGS, T_ARRAY, T_F64, T_FALSE, T_NEG, T_NULL, T_OBJECT, T_STR, T_STR_INLINE, T_TRUE, T_UINT } from './step-codec.js';
import type { TraceStep } from './types.js';
import { U64List } from './u64-list.js';
import { isPlainObject, MAX_DEPTH } from './validate.js';

const encoder = new TextEncoder();

/** Value of each ASCII code of a lowercase hex digit, -1 for everything else. */
const HEX_VALUE = Int8Array.from({ length: 128 }, (_, c) => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1));

/** Append the varint of `n` to `out` (as {@link BlockWriter}'s own varints). */
function varintInto(out: number[], n: number): void {
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
}

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
  /** The key list of the last decision of each type, and its JSON (see {@link decision}). */
  private readonly shapes = new Map<string, { readonly keys: readonly string[]; readonly json: string }>();
  /** Envelope hashes written new in this block, by the order they were written in. */
  private readonly hashes = new U64List();
  /** The value {@link decimalU64} read last, as 32-bit halves. */
  private u64Lo = 0;
  private u64Hi = 0;
  private count = 0;

  constructor(private first: number) {}

  /**
   * Start a new, empty block at step `first`, keeping the buffers (and the
   * block-independent key-list caches): a trace encoder writes one block
   * after another.
   */
  restart(first: number): void {
    this.first = first;
    this.at = 0;
    this.count = 0;
    this.strings.clear();
    this.hashes.truncate(0);
  }

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
    this.hashes.truncate(knownHashes);
    return false;
  }

  private encode(step: TraceStep): boolean {
    const { phase, actor, fault, error, envelopes, events, digest } = step;
    if ((phase !== 'fault' && phase !== 'heal') || !Array.isArray(envelopes) || !Array.isArray(events)) return false;
    if (typeof actor !== 'string' || (fault !== null && typeof fault !== 'string') || (error !== null && typeof error !== 'string')) return false;
    const decision: unknown = step.decision;
    if (!isPlainObject(decision)) return false;
    const type = decision.type;
    if (typeof type !== 'string') return false;
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
    if (!this.decision(decision, type)) return false;
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

  /**
   * The decision, as {@link value} writes it, through the key list of the
   * last decision of the same type when it has the same own keys in the same
   * order (compared with `for...in`, which allocates nothing: `Object.keys`
   * and the key-list trie were most of a decision's cost). A decision whose
   * keys differ, or whose prototype chain has enumerable keys, takes
   * {@link value}, which also refuses what `checkJson` refuses.
   */
  private decision(d: { readonly [key: string]: unknown }, type: string): boolean {
    const shape = this.shapes.get(type);
    if (shape !== undefined) {
      const keys = shape.keys;
      let i = 0;
      for (const k in d) {
        if (k !== keys[i]) {
          i = -1;
          break;
        }
        i++;
      }
      if (i === keys.length) {
        this.byte(T_OBJECT);
        this.str(shape.json);
        // The same keys again: V8 reads `d[k]` in a for...in over `d` from its enum cache, not by a keyed lookup.
        for (const k in d) if (!this.value(d[k], 1)) return false;
        return true;
      }
    }
    const keys = Object.keys(d);
    const json = this.keysJson(keys);
    if (json === undefined) return false;
    this.shapes.set(type, { keys, json });
    return this.value(d, 0);
  }

  /** The block payload. */
  finish(): Uint8Array {
    const head: number[] = [];
    varintInto(head, this.first);
    varintInto(head, this.count);
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
    if (typeof v !== 'string' || !this.decimalU64(v)) return false;
    const lo = this.u64Lo;
    const hi = this.u64Hi;
    const k = this.hashes.indexOrAdd(lo, hi);
    if (k >= 0) {
      this.varint(this.hashes.size - k);
      return true;
    }
    this.room(9);
    const buf = this.buf;
    const at = this.at;
    buf[at] = 0;
    for (let i = 0; i < 4; i++) {
      buf[at + 1 + i] = (lo >>> (8 * i)) & 0xff;
      buf[at + 5 + i] = (hi >>> (8 * i)) & 0xff;
    }
    this.at = at + 9;
    return true;
  }

  /**
   * Read a decimal u64 (as `parseStep` accepts it: no sign, no leading
   * zero) into {@link u64Lo} and {@link u64Hi}, without BigInt; false if
   * `v` is not one. The digits are read as two doubles, the last
   * ten and the rest (each below 10^10, exact), and combined in 16- and
   * 32-bit pieces that stay exact: digit by digit with a division each was
   * most of the cost of an envelope.
   */
  private decimalU64(v: string): boolean {
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
  private hexDigest(v: unknown): boolean {
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
