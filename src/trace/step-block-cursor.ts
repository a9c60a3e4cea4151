/**
 * {@link BlockCursor}: the byte-level reading shared by both passes of
 * `BlockReader` (step-block-reader.ts): bounds, varints, the u64 fields, and
 * the block's string table and object key lists.
 *
 * Details: strings are decoded (and their UTF-8 checked) once, by the first
 * pass; `defined` counts the strings the current pass has passed, so the
 * second pass skips a string's bytes where the first defined it. Every
 * malformed byte is a {@link RecordShapeError} naming what was wrong.
 *
 * Gotcha: a string reference is checked against `defined`, not the table's
 * length, so that the second pass refuses nothing the first accepted.
 *
 * @example
 * ```ts
 * class Reader extends BlockCursor {
 *   first(): number { return this.varint(); } // the block's first step index
 * }
 * ```
 * @module
 */
import { hex16 } from '../sim/digest.js';
import { T_STR, T_STR_INLINE } from './step-codec.js';
import { RecordShapeError } from './validate.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/** A read position in one block, with the block's strings. */
export class BlockCursor {
  protected at = 0;
  /** The block's strings, decoded by the first pass; `defined` counts those the current pass has passed. */
  protected readonly strings: string[] = [];
  protected defined = 0;
  /** Parsed key lists by block string index (an array: looked up twice per decision). */
  private readonly keyLists: (readonly string[] | undefined)[] = [];
  protected readonly view: DataView;

  constructor(protected readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** Go back to block offset `at` for another pass (strings already decoded are kept). */
  protected rewind(at: number): void {
    this.at = at;
    this.defined = 0;
  }

  protected need(n: number): void {
    if (this.at + n > this.bytes.length) throw new RecordShapeError('step', `block ends inside a record (needs ${n} more bytes at block offset ${this.at})`);
  }

  protected skip(n: number): void {
    this.need(n);
    this.at += n;
  }

  protected byte(): number {
    this.need(1);
    return this.bytes[this.at++] as number;
  }

  protected varint(): number {
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

  /** A u64 LE as decimal text (BigInt's own conversion: faster than assembling it from two halves, and flat). */
  protected decimalU64(): string {
    const s = this.view.getBigUint64(this.at, true).toString();
    this.at += 8;
    return s;
  }

  /** The digest (u64 LE) as 16 lowercase hex digits (one flat string: see `hex16`). */
  protected hexDigest(): string {
    const lo = this.view.getUint32(this.at, true);
    const hi = this.view.getUint32(this.at + 4, true);
    this.at += 8;
    return hex16(hi, lo);
  }

  protected str(): string {
    return this.strings[this.strRef()] as string;
  }

  protected strRef(): number {
    return this.strRefAfter(this.byte());
  }

  /** The index of the string at a string tag; a string new to the block is decoded by `check` and skipped by `next`. */
  protected strRefAfter(tag: number): number {
    if (tag >= T_STR_INLINE) return this.known(tag - T_STR_INLINE);
    if (tag !== T_STR) throw new RecordShapeError('step', `expected a string, got tag 0x${tag.toString(16)} at block offset ${this.at - 1}`);
    const k = this.varint();
    if (k < this.defined) return k;
    if (k !== this.defined) throw new RecordShapeError('step', `string reference ${k} beyond the block's ${this.defined} strings`);
    const len = this.varint();
    this.need(len);
    if (k === this.strings.length) {
      try {
        this.strings.push(decoder.decode(this.bytes.subarray(this.at, this.at + len)));
      } catch {
        throw new RecordShapeError('step', `invalid UTF-8 in a string at block offset ${this.at}`);
      }
    }
    this.at += len;
    this.defined++;
    return k;
  }

  protected known(k: number): number {
    if (k >= this.defined) throw new RecordShapeError('step', `string reference ${k} beyond the block's ${this.defined} strings`);
    return k;
  }

  /** An object's key list (checked and parsed once per block string). */
  protected keys(): readonly string[] {
    const k = this.strRef();
    const cached = this.keyLists[k];
    if (cached !== undefined) return cached;
    const text = this.strings[k] as string;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string') || new Set(parsed).size !== parsed.length || parsed.includes('__proto__')) {
      throw new RecordShapeError('step', `bad object key list ${JSON.stringify(text.slice(0, 40))}`);
    }
    this.keyLists[k] = parsed as string[];
    return parsed as string[];
  }
}
