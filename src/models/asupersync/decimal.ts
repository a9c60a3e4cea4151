/**
 * Decimal text of the protocol's u64 sequence numbers, and comparing such
 * texts, without BigInt on the common path: views and step records carry
 * `seqNo`s as decimal strings, built and compared on every step.
 *
 * Details:
 * - {@link decimalText} is exactly `n.toString()`; a bigint whose magnitude
 *   is a safe integer goes through `Number`, whose decimal text is the same
 *   digits and which V8 formats (and caches for small values) more cheaply.
 * - {@link compareDecimal} orders two texts as `BigInt(a)` and `BigInt(b)`
 *   would: texts of at most 15 plain digits are read as doubles (exact below
 *   10^15); anything else (longer, signed, hex, blank, malformed) is handed
 *   to `BigInt`, so it is accepted or refused exactly as before.
 *
 * Gotcha: a message that prints a sequence number must still print the
 * BigInt's text (`${BigInt(a)}`), not `a`: `BigInt('007')` prints as `7`.
 *
 * @example
 * ```ts
 * decimalText(18446744073709551615n); // '18446744073709551615'
 * compareDecimal('9', '10'); // -1 (numerically, not as text)
 * ```
 * @module
 */

/** `n.toString()`, via `Number` when that is exact. */
export function decimalText(n: bigint): string {
  const x = Number(n);
  // Number rounds monotonically, so |x| <= 2^53 - 1 only when n itself is that small: then x === n exactly.
  return x <= Number.MAX_SAFE_INTEGER && x >= -Number.MAX_SAFE_INTEGER ? `${x}` : n.toString();
}

/** The value of a text of 1 to 15 plain decimal digits, else -1. */
function plainDigits(text: string): number {
  const n = text.length;
  if (n === 0 || n > 15) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * The sign of `BigInt(a) - BigInt(b)`: -1, 0 or 1. Throws what `BigInt`
 * throws for a text it refuses, `a` read first.
 */
export function compareDecimal(a: string, b: string): number {
  const x = plainDigits(a);
  const y = x < 0 ? -1 : plainDigits(b);
  if (y >= 0) return x < y ? -1 : x > y ? 1 : 0;
  const p = BigInt(a);
  const q = BigInt(b);
  return p < q ? -1 : p > q ? 1 : 0;
}
