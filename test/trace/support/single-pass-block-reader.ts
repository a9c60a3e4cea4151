/**
 * The single-pass block reader as it was before `BlockReader` split checking
 * from building (commit 5d60c2b), kept unchanged as a test oracle: the
 * two-pass reader must accept exactly the same blocks, build equal steps,
 * and throw the same first error for every damaged one.
 * @module
 */
import { hex8 } from '../../../src/sim/digest.js';
import type { Json } from '../../../src/sim/json.js';
import { MAX_BLOCK_STEPS, T_ARRAY, T_F64, T_FALSE, T_NEG, T_NULL, T_OBJECT, T_STR, T_STR_INLINE, T_TRUE, T_UINT } from '../../../src/trace/step-codec.js';
import { TRACE_FORMAT_VERSION, type TraceStep } from '../../../src/trace/types.js';
import { RecordShapeError } from '../../../src/trace/validate.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads one block; every malformed byte is a {@link RecordShapeError} naming what was wrong.
 * `version` is the file's format version: 3 stores every envelope hash in full, 4 refers back
 * to hashes the block already holds.
 */
export class SinglePassBlockReader {
  private at = 0;
  private readonly strings: string[] = [];
  /** Format 4: envelope hashes written new in this block, in order; null for format 3. */
  private readonly hashes: string[] | null;
  private readonly keyLists = new Map<number, readonly string[]>();
  private readonly view: DataView;

  constructor(
    private readonly bytes: Uint8Array,
    version: number = TRACE_FORMAT_VERSION,
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.hashes = version >= 4 ? [] : null;
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
    const flags = this.byte();
    if (flags & 0x80) throw new RecordShapeError(`step[${index}].flags`, `reserved bit set (0x${flags.toString(16)})`);
    const actor = this.str();
    const decision = this.value(0);
    if (decision === null || typeof decision !== 'object' || Array.isArray(decision) || typeof (decision as { type?: unknown }).type !== 'string') {
      throw new RecordShapeError(`step[${index}].decision`, 'expected an object with a string "type"');
    }
    const fault = flags & 2 ? this.str() : null;
    const error = flags & 4 ? this.str() : null;
    let ne = (flags >> 3) & 3;
    if (ne === 3) ne = this.varint();
    const envelopes: string[] = [];
    for (let i = 0; i < ne; i++) envelopes.push(this.hashes === null ? this.decimalU64() : this.envelope(this.hashes));
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

  /** Format 4's envelope entry: varint d, then a new hash for d = 0, else the d-th most recent one. */
  private envelope(hashes: string[]): string {
    const at = this.at;
    const d = this.varint();
    if (d === 0) {
      const h = this.decimalU64();
      hashes.push(h);
      return h;
    }
    const h = hashes[hashes.length - d];
    if (h === undefined) throw new RecordShapeError('step', `envelope back-reference ${d} beyond the block's ${hashes.length} envelope hashes at block offset ${at}`);
    return h;
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
