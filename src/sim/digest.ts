/**
 * 64-bit FNV-1a over UTF-16 code units of canonical text, in 32-bit limbs.
 *
 * Used for state digests and the trace's rolling step hash. It hashes a
 * canonical text encoding chosen by the model, never msgpack bytes, whose
 * layout depends on key order and encoder state.
 * @module
 */

const PRIME_LO = 0x1b3;

/** An incremental FNV-1a 64 hasher. */
export class Fnv64 {
  private hi = 0xcbf29ce4;
  private lo = 0x84222325;

  /** Absorb each UTF-16 code unit of `text` (two bytes, low first). */
  update(text: string): this {
    let hi = this.hi;
    let lo = this.lo;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      for (let k = 0; k < 2; k++) {
        lo = (lo ^ (k === 0 ? c & 0xff : c >>> 8)) >>> 0;
        const t = lo * PRIME_LO;
        const nlo = t >>> 0;
        hi = (Math.imul(hi, PRIME_LO) + (t - nlo) / 4294967296 + (lo << 8)) >>> 0;
        lo = nlo;
      }
    }
    this.hi = hi;
    this.lo = lo;
    return this;
  }

  /** The digest as 16 lowercase hex digits. */
  hex(): string {
    return this.hi.toString(16).padStart(8, '0') + this.lo.toString(16).padStart(8, '0');
  }
}

/** FNV-1a 64 of `text` as 16 hex digits. */
export function digestText(text: string): string {
  return new Fnv64().update(text).hex();
}
