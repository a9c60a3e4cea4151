/**
 * {@link U64List}: an append-only list of distinct u64s with a hash index,
 * for the envelope hashes a step block writes new (format 4 refers back to
 * them by position, see `step-codec.ts`).
 *
 * Details: the values are kept as 32-bit halves in typed arrays and found
 * by open addressing (linear probing) over their positions. The block writer
 * used a `Map` keyed by each hash's decimal text before; every envelope is a
 * fresh string, so each lookup first hashed its 20 digits, and that map was
 * about half of the cost of recording a step.
 *
 * Gotcha: the writer looks values up by number, so two texts find each other
 * exactly when they are the same u64; for the canonical decimals it accepts
 * (no sign, no leading zero) that is exactly when the texts are equal.
 *
 * @example
 * ```ts
 * const list = new U64List();
 * list.indexOrAdd(7, 0); // -1: added at position 0
 * list.indexOrAdd(7, 0); // 0
 * list.size; // 1
 * ```
 * @module
 */

/** An append-only list of distinct u64s (as low and high 32-bit halves), each found by value. */
export class U64List {
  private lo: Uint32Array = new Uint32Array(64);
  private hi: Uint32Array = new Uint32Array(64);
  /** Position + 1 of the value in each slot, 0 for an empty slot; at most half full. */
  private slots = new Int32Array(128);
  private count = 0;

  /** Values in the list. */
  get size(): number {
    return this.count;
  }

  /** The position of `hi:lo` if the list has it; else append it and return -1. */
  indexOrAdd(lo: number, hi: number): number {
    const slots = this.slots;
    const mask = slots.length - 1;
    let s = slotOf(lo, hi, mask);
    for (let p = slots[s] as number; p !== 0; p = slots[s] as number) {
      if (this.lo[p - 1] === lo && this.hi[p - 1] === hi) return p - 1;
      s = (s + 1) & mask;
    }
    const k = this.count++;
    if (k === this.lo.length) {
      this.lo = grow(this.lo);
      this.hi = grow(this.hi);
    }
    this.lo[k] = lo;
    this.hi[k] = hi;
    slots[s] = k + 1;
    if (this.count * 2 > slots.length) this.reindex(slots.length * 2);
    return -1;
  }

  /** Forget every value from position `n` on. */
  truncate(n: number): void {
    if (n >= this.count) return;
    this.count = n;
    this.reindex(this.slots.length);
  }

  private reindex(size: number): void {
    const slots = new Int32Array(size);
    const mask = size - 1;
    for (let k = 0; k < this.count; k++) {
      let s = slotOf(this.lo[k] as number, this.hi[k] as number, mask);
      while (slots[s] !== 0) s = (s + 1) & mask;
      slots[s] = k + 1;
    }
    this.slots = slots;
  }
}

/** A slot for `hi:lo`: both halves mixed, so values that differ in either half spread. */
function slotOf(lo: number, hi: number, mask: number): number {
  const h = Math.imul(lo ^ Math.imul(hi, 0x85ebca6b), 0x9e3779b1);
  return (h ^ (h >>> 16)) & mask;
}

function grow(a: Uint32Array): Uint32Array {
  const b = new Uint32Array(a.length * 2);
  b.set(a);
  return b;
}
