/**
 * Plain JSON values and their canonical text.
 *
 * Decisions, options and outcomes are plain JSON so traces can store them and
 * replays can compare them. Canonical text sorts object keys, so two equal
 * values always have the same text regardless of construction order.
 * @module
 */

/** A JSON value that lockstep can store in a trace. Numbers must be finite. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** Canonical JSON text: object keys sorted, no whitespace. */
export function canonicalJson(value: Json): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) {
      throw new TypeError(`canonicalJson: non-finite number ${value}`);
    }
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return '[' + value.map((v: Json) => canonicalJson(v)).join(',') + ']';
  const obj = value as { readonly [key: string]: Json };
  const keys = Object.keys(obj).sort();
  let out = '{';
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i] as string;
    if (i > 0) out += ',';
    out += JSON.stringify(k) + ':' + canonicalJson(obj[k] as Json);
  }
  return out + '}';
}
