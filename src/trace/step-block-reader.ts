/**
 * {@link BlockReader}: decodes one block of the compact step encoding
 * (layout and rationale in `step-codec.ts`), checking every byte.
 *
 * Details: two passes. {@link BlockReader.check} walks the whole block and
 * throws its first problem without building any step, then
 * {@link BlockReader.next} builds the steps one at a time from the checked
 * bytes. A streaming reader thus still refuses a damaged block before
 * handing out any of its steps, yet never holds a block's 4096 decoded steps
 * at once: each step dies young, as in recording, instead of surviving
 * (and being copied by) the young-generation collections that a whole
 * decoded block lived through.
 *
 * Gotcha: the reader keeps `bytes` until its last step is built, so a caller
 * whose buffer will be reused must pass a copy.
 *
 * @example
 * ```ts
 * const reader = new BlockReader(payload, 4);
 * const n = reader.check(4096); // throws RecordShapeError for a damaged block
 * for (let i = 0; i < n; i++) use(reader.next());
 * ```
 * @module
 */
import type { Json } from '../sim/json.js';
import { BlockCursor } from './step-block-cursor.js';
import { MAX_BLOCK_STEPS, T_ARRAY, T_F64, T_FALSE, T_NEG, T_NULL, T_OBJECT, T_TRUE, T_UINT } from './step-codec.js';
import { TRACE_FORMAT_VERSION, type TraceStep } from './types.js';
import { RecordShapeError } from './validate.js';

/** What {@link BlockReader.skipValue} passed over, as far as the decision's shape check needs. */
const OTHER = 0;
const STRING = 1;
const TYPED_OBJECT = 2;
/** The envelopes or events of a step that has none: shared, as most steps have no events. */
const NONE: readonly never[] = Object.freeze([]);

/**
 * Reads one block; every malformed byte is a {@link RecordShapeError} naming what was wrong.
 * `version` is the file's format version: 3 stores every envelope hash in full, 4 refers back
 * to hashes the block already holds.
 */
export class BlockReader extends BlockCursor {
  /** Format 4: envelope hashes written new in this block, in order (built by `next`); null for format 3. */
  private readonly hashes: string[] | null;
  /** Format 4: how many new envelope hashes `check` has passed. */
  private hashCount = 0;
  private first = 0;
  private total = 0;
  private built = 0;

  constructor(bytes: Uint8Array, version: number = TRACE_FORMAT_VERSION) {
    super(bytes);
    this.hashes = version >= 4 ? [] : null;
  }

  /** Steps in the block (0 until {@link BlockReader.check} succeeded). */
  get count(): number {
    return this.total;
  }

  /** Decode the block, whose first step must be `expectedFirst`. */
  steps(expectedFirst: number): TraceStep[] {
    const n = this.check(expectedFirst);
    const out: TraceStep[] = [];
    for (let i = 0; i < n; i++) out.push(this.next());
    return out;
  }

  /** Check the whole block, whose first step must be `expectedFirst`; returns its step count. */
  check(expectedFirst: number): number {
    const first = this.varint();
    if (first !== expectedFirst) throw new RecordShapeError('step', `block starts at step ${first}, expected step ${expectedFirst} (a block is missing or out of order)`);
    const n = this.varint();
    if (n === 0 || n > MAX_BLOCK_STEPS) throw new RecordShapeError('step', `block of ${n} steps (must be 1..${MAX_BLOCK_STEPS})`);
    const body = this.at;
    for (let i = 0; i < n; i++) this.checkStep(first + i);
    if (this.at !== this.bytes.length) throw new RecordShapeError('step', `${this.bytes.length - this.at} bytes left over after ${n} steps`);
    this.rewind(body);
    this.first = first;
    this.total = n;
    return n;
  }

  /** Build the next step of a checked block. */
  next(): TraceStep {
    if (this.built >= this.total) throw new Error('BlockReader.next: no step left (call check first)');
    const index = this.first + this.built++;
    const flags = this.byte();
    const actor = this.str();
    const decision = this.value() as TraceStep['decision'];
    const fault = flags & 2 ? this.str() : null;
    const error = flags & 4 ? this.str() : null;
    let ne = (flags >> 3) & 3;
    if (ne === 3) ne = this.varint();
    const envelopes = ne === 0 ? NONE : this.envelopeList(ne);
    let nv = (flags >> 5) & 3;
    if (nv === 3) nv = this.varint();
    const events = nv === 0 ? NONE : this.stringList(nv);
    const digest = this.hexDigest();
    return { index, phase: flags & 1 ? 'heal' : 'fault', actor, decision, fault, envelopes, error, events, digest };
  }

  /** A step's `n` envelope hashes: in full (format 3), or new or referring back (format 4). */
  private envelopeList(n: number): string[] {
    // Most steps move one envelope: a literal makes a list of exactly one, where push would reserve 17 slots.
    if (n === 1) return [this.envelope()];
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.envelope());
    return out;
  }

  private envelope(): string {
    const hashes = this.hashes;
    if (hashes === null) return this.decimalU64();
    const d = this.varint();
    if (d === 0) hashes.push(this.decimalU64());
    return hashes[hashes.length - (d === 0 ? 1 : d)] as string;
  }

  private stringList(n: number): string[] {
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(this.str());
    return out;
  }

  private checkStep(index: number): void {
    const flags = this.byte();
    if (flags & 0x80) throw new RecordShapeError(`step[${index}].flags`, `reserved bit set (0x${flags.toString(16)})`);
    this.strRef();
    if (this.skipValue(0) !== TYPED_OBJECT) throw new RecordShapeError(`step[${index}].decision`, 'expected an object with a string "type"');
    if (flags & 2) this.strRef();
    if (flags & 4) this.strRef();
    let ne = (flags >> 3) & 3;
    if (ne === 3) ne = this.varint();
    for (let i = 0; i < ne; i++) {
      if (this.hashes === null) this.skip(8);
      else this.skipEnvelope();
    }
    let nv = (flags >> 5) & 3;
    if (nv === 3) nv = this.varint();
    for (let i = 0; i < nv; i++) this.strRef();
    this.skip(8);
  }

  /** Format 4's envelope entry: varint d, then a new hash for d = 0, else the d-th most recent one. */
  private skipEnvelope(): void {
    const at = this.at;
    const d = this.varint();
    if (d === 0) {
      this.skip(8);
      this.hashCount++;
    } else if (d > this.hashCount) {
      throw new RecordShapeError('step', `envelope back-reference ${d} beyond the block's ${this.hashCount} envelope hashes at block offset ${at}`);
    }
  }

  /** Check one value; says whether it was a string or an object with a string "type". */
  private skipValue(depth: number): number {
    if (depth > 200) throw new RecordShapeError('step', 'decision nested deeper than 200 levels');
    const tag = this.byte();
    if (tag < 0x80) return OTHER;
    switch (tag) {
      case T_NULL:
      case T_FALSE:
      case T_TRUE:
        return OTHER;
      case T_UINT:
      case T_NEG:
        this.varint();
        return OTHER;
      case T_F64: {
        this.need(8);
        const v = this.view.getFloat64(this.at, true);
        this.at += 8;
        if (!Number.isFinite(v)) throw new RecordShapeError('step', `non-finite number ${v}`);
        return OTHER;
      }
      case T_ARRAY: {
        const n = this.varint();
        for (let i = 0; i < n; i++) this.skipValue(depth + 1);
        return OTHER;
      }
      case T_OBJECT: {
        let typed = false;
        for (const k of this.keys()) if (this.skipValue(depth + 1) === STRING && k === 'type') typed = true;
        return typed ? TYPED_OBJECT : OTHER;
      }
      default:
        this.strRefAfter(tag);
        return STRING;
    }
  }

  /** Build one checked value. */
  private value(): Json {
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
        const v = this.view.getFloat64(this.at, true);
        this.at += 8;
        return v;
      }
      case T_ARRAY: {
        const n = this.varint();
        const out: Json[] = [];
        for (let i = 0; i < n; i++) out.push(this.value());
        return out;
      }
      case T_OBJECT: {
        const out: { [key: string]: Json } = {};
        for (const k of this.keys()) out[k] = this.value();
        return out;
      }
      default:
        return this.strings[this.strRefAfter(tag)] as string;
    }
  }


}
