/**
 * The compact binary encoding of a block of step records (trace format 2).
 *
 * A step frame carries a block of consecutive steps (up to
 * {@link MAX_BLOCK_STEPS}), so the 5-byte frame header is paid once per
 * block. Layout (varints are unsigned LEB128):
 *
 * ```text
 * block   varint first step index | varint step count | step*
 * step    u8 flags | str actor | value decision | [str fault] | [str error]
 *         [varint envelope count] u64 LE envelope* | [varint event count] str event* | u64 LE digest
 * flags   bit 0 phase heal | bit 1 fault | bit 2 error | bits 3-4 envelope count 0-2, 3 = varint
 *         follows | bits 5-6 event count 0-2, 3 = varint follows | bit 7 zero
 * str     u8 0xa0+k: the block's k-th string (k < 96) | 0x86 varint k: the k-th string (any k),
 *         or k = the table size and a new string follows as varint byte length + UTF-8
 * value   u8 0x00-0x7f: that integer | 0x80 null | 0x81 false | 0x82 true | 0x83 varint uint
 *         | 0x84 varint n: the integer -n-1 | 0x85 f64 LE | str | 0x87 varint n, n values
 *         | 0x88 str keys (JSON array of the key names), then one value per key
 * ```
 *
 * Why: the format-1 step (a msgpack map with nine named fields, hashes as
 * text) took about 165 bytes; this takes about 21 for the asupersync model
 * (one byte each for flags and actor, 5 for a typical decision, 8 per moved
 * envelope, 8 for the digest). Nothing is dropped or truncated: envelope
 * hashes and the 64-bit state digest are stored in full, so replay checks
 * every step exactly as before. Strings are interned per block, so a block
 * decodes on its own and a damaged block cannot desynchronise the next.
 *
 * Gotcha: the encoding is exact only for records that passed `parseStep`
 * (decimal u64 envelopes, 16-hex-digit digests, JSON decisions); the encoder
 * validates before it encodes.
 * @module
 */
import { hex8 } from '../sim/digest.js';
import type { Json } from '../sim/json.js';
import { RecordShapeError } from './validate.js';
import type { TraceStep } from './types.js';

/** Steps per block: bounds a reader's buffer (about 100 KiB) and the steps lost with a damaged block. */
export const MAX_BLOCK_STEPS = 4096;

const T_NULL = 0x80;
const T_FALSE = 0x81;
const T_TRUE = 0x82;
const T_UINT = 0x83;
const T_NEG = 0x84;
const T_F64 = 0x85;
const T_STR = 0x86;
const T_ARRAY = 0x87;
const T_OBJECT = 0x88;
const T_STR_INLINE = 0xa0;
const INLINE_STRINGS = 0x100 - T_STR_INLINE;

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Appends steps to one block. */
export class BlockWriter {
  private buf = new Uint8Array(64 * 1024);
  private at = 0;
  private readonly strings = new Map<string, number>();
  private count = 0;

  constructor(private readonly first: number) {}

  /** Steps in the block so far. */
  get steps(): number {
    return this.count;
  }

  /** Append one (already validated) step. */
  add(step: TraceStep): void {
    const ne = step.envelopes.length;
    const nv = step.events.length;
    this.byte(
      (step.phase === 'heal' ? 1 : 0) |
        (step.fault !== null ? 2 : 0) |
        (step.error !== null ? 4 : 0) |
        (Math.min(ne, 3) << 3) |
        (Math.min(nv, 3) << 5),
    );
    this.str(step.actor);
    this.value(step.decision);
    if (step.fault !== null) this.str(step.fault);
    if (step.error !== null) this.str(step.error);
    if (ne >= 3) this.varint(ne);
    for (const e of step.envelopes) this.u64(BigInt(e));
    if (nv >= 3) this.varint(nv);
    for (const e of step.events) this.str(e);
    this.u32(parseInt(step.digest.slice(8), 16));
    this.u32(parseInt(step.digest.slice(0, 8), 16));
    this.count++;
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

  private u64(v: bigint): void {
    this.u32(Number(v & 0xffffffffn));
    this.u32(Number(v >> 32n));
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

  private value(v: Json): void {
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
        this.byte(T_F64);
        this.room(8);
        new DataView(this.buf.buffer).setFloat64(this.at, v, true);
        this.at += 8;
      }
    } else if (typeof v === 'string') this.str(v);
    else if (Array.isArray(v)) {
      this.byte(T_ARRAY);
      this.varint(v.length);
      for (const x of v as readonly Json[]) this.value(x);
    } else {
      const obj = v as { readonly [key: string]: Json };
      const keys = Object.keys(obj);
      this.byte(T_OBJECT);
      this.str(JSON.stringify(keys));
      for (const k of keys) this.value(obj[k] as Json);
    }
  }
}

/** Reads one block; every malformed byte is a {@link RecordShapeError} naming what was wrong. */
export class BlockReader {
  private at = 0;
  private readonly strings: string[] = [];
  private readonly keyLists = new Map<number, readonly string[]>();
  private readonly view: DataView;

  constructor(private readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Decode the block, whose first step must be `expectedFirst`. */
  steps(expectedFirst: number): TraceStep[] {
    const first = this.varint();
    if (first !== expectedFirst) throw new RecordShapeError('step', `block starts at step ${first}, expected step ${expectedFirst} (a block is missing or out of order)`);
    const n = this.varint();
    if (n === 0 || n > MAX_BLOCK_STEPS) throw new RecordShapeError('step', `block of ${n} steps (must be 1..${MAX_BLOCK_STEPS})`);
    const out: TraceStep[] = [];
    for (let i = 0; i < n; i++) out.push(this.step(first + i));
    if (this.at !== this.bytes.length) throw new RecordShapeError('step', `${this.bytes.length - this.at} bytes left over after ${n} steps`);
    return out;
  }

  private step(index: number): TraceStep {
    const p = `step[${index}]`;
    const flags = this.byte();
    if (flags & 0x80) throw new RecordShapeError(`${p}.flags`, `reserved bit set (0x${flags.toString(16)})`);
    const actor = this.str();
    const decision = this.value(0);
    if (decision === null || typeof decision !== 'object' || Array.isArray(decision) || typeof (decision as { type?: unknown }).type !== 'string') {
      throw new RecordShapeError(`${p}.decision`, 'expected an object with a string "type"');
    }
    const fault = flags & 2 ? this.str() : null;
    const error = flags & 4 ? this.str() : null;
    let ne = (flags >> 3) & 3;
    if (ne === 3) ne = this.varint();
    const envelopes: string[] = [];
    for (let i = 0; i < ne; i++) envelopes.push(this.decimalU64());
    let nv = (flags >> 5) & 3;
    if (nv === 3) nv = this.varint();
    const events: string[] = [];
    for (let i = 0; i < nv; i++) events.push(this.str());
    this.need(8);
    const lo = this.view.getUint32(this.at, true);
    const digest = hex8(this.view.getUint32(this.at + 4, true)) + hex8(lo);
    this.at += 8;
    return {
      index,
      phase: flags & 1 ? 'heal' : 'fault',
      actor,
      decision: decision as TraceStep['decision'],
      fault,
      envelopes,
      error,
      events,
      digest,
    };
  }

  private need(n: number): void {
    if (this.at + n > this.bytes.length) throw new RecordShapeError('step', `block ends inside a record (needs ${n} more bytes at block offset ${this.at})`);
  }

  private byte(): number {
    this.need(1);
    return this.bytes[this.at++] as number;
  }

  private varint(): number {
    let n = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const b = this.byte();
      n += (b & 0x7f) * scale;
      if (b < 0x80) return n;
      scale *= 0x80;
    }
    throw new RecordShapeError('step', `varint longer than 8 bytes at block offset ${this.at}`);
  }

  /**
   * A u64 LE as decimal text, without BigInt (replay reads one per moved
   * envelope): with 2^32 = 4294 * 10^6 + 967296, the value is
   * `hi * 4294 * 10^6 + (hi * 967296 + lo)`, and every partial stays below 2^53.
   */
  private decimalU64(): string {
    this.need(8);
    const lo = this.view.getUint32(this.at, true);
    const hi = this.view.getUint32(this.at + 4, true);
    this.at += 8;
    if (hi < 0x200000) return String(hi * 0x100000000 + lo);
    const low = hi * 967296 + lo;
    const high = hi * 4294 + Math.floor(low / 1e6);
    return String(high) + String(low % 1e6).padStart(6, '0');
  }

  private str(): string {
    return this.strAfter(this.byte());
  }

  private strAfter(tag: number): string {
    if (tag >= T_STR_INLINE) return this.known(tag - T_STR_INLINE);
    if (tag !== T_STR) throw new RecordShapeError('step', `expected a string, got tag 0x${tag.toString(16)} at block offset ${this.at - 1}`);
    const k = this.varint();
    if (k < this.strings.length) return this.known(k);
    if (k !== this.strings.length) throw new RecordShapeError('step', `string reference ${k} beyond the block's ${this.strings.length} strings`);
    const len = this.varint();
    this.need(len);
    let s: string;
    try {
      s = decoder.decode(this.bytes.subarray(this.at, this.at + len));
    } catch {
      throw new RecordShapeError('step', `invalid UTF-8 in a string at block offset ${this.at}`);
    }
    this.at += len;
    this.strings.push(s);
    return s;
  }

  private known(k: number): string {
    const s = this.strings[k];
    if (s === undefined) throw new RecordShapeError('step', `string reference ${k} beyond the block's ${this.strings.length} strings`);
    return s;
  }

  private value(depth: number): Json {
    if (depth > 200) throw new RecordShapeError('step', 'decision nested deeper than 200 levels');
    const tag = this.byte();
    if (tag < 0x80) return tag;
    switch (tag) {
      case T_NULL:
        return null;
      case T_FALSE:
        return false;
      case T_TRUE:
        return true;
      case T_UINT:
        return this.varint();
      case T_NEG:
        return -this.varint() - 1;
      case T_F64: {
        this.need(8);
        const v = this.view.getFloat64(this.at, true);
        this.at += 8;
        if (!Number.isFinite(v)) throw new RecordShapeError('step', `non-finite number ${v}`);
        return v;
      }
      case T_ARRAY: {
        const n = this.varint();
        const out: Json[] = [];
        for (let i = 0; i < n; i++) out.push(this.value(depth + 1));
        return out;
      }
      case T_OBJECT: {
        const keys = this.keys();
        const out: { [key: string]: Json } = {};
        for (const k of keys) out[k] = this.value(depth + 1);
        return out;
      }
      default:
        return this.strAfter(tag);
    }
  }

  private keys(): readonly string[] {
    const before = this.strings.length;
    const text = this.str();
    const k = this.strings.indexOf(text);
    const cached = this.strings.length === before ? this.keyLists.get(k) : undefined;
    if (cached !== undefined) return cached;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string') || new Set(parsed).size !== parsed.length || parsed.includes('__proto__')) {
      throw new RecordShapeError('step', `bad object key list ${JSON.stringify(text.slice(0, 40))}`);
    }
    this.keyLists.set(k, parsed as string[]);
    return parsed as string[];
  }
}
