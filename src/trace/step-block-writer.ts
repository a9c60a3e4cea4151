/**
 * {@link BlockWriter}: encodes steps into one block of the compact step
 * encoding (layout and rationale in `step-codec.ts`).
 * @module
 */
import type { Json } from '../sim/json.js';
import { INLINE_STRINGS, T_ARRAY, T_F64, T_FALSE, T_NEG, T_NULL, T_OBJECT, T_STR, T_STR_INLINE, T_TRUE, T_UINT } from './step-codec.js';
import type { TraceStep } from './types.js';

const encoder = new TextEncoder();

/** Appends steps to one block. */
export class BlockWriter {
  private buf = new Uint8Array(64 * 1024);
  private at = 0;
  private readonly strings = new Map<string, number>();
  /** Envelope hashes written new in this block (decimal text), by the order they were written in. */
  private readonly hashes = new Map<string, number>();
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
    for (const e of step.envelopes) this.envelope(e);
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

  /** Format 4: `d` >= 1 refers to the d-th most recently written new hash of the block, 0 writes a new one. */
  private envelope(e: string): void {
    const k = this.hashes.get(e);
    if (k !== undefined) {
      this.varint(this.hashes.size - k);
      return;
    }
    this.hashes.set(e, this.hashes.size);
    this.byte(0);
    this.u64(BigInt(e));
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
