/**
 * A strict JSON reader that keeps integers exact.
 *
 * `JSON.parse` turns `18446744073709551615` into a double and loses the low
 * bits, so envelopes written by Rust cannot go through it. This reader
 * returns integer literals as `bigint` (floats stay `number`; so does `-0`,
 * which serde_json also parses as a float), keeps object members in source
 * order with their offsets, and rejects what serde_json rejects: trailing
 * characters, raw control characters in strings, lone surrogate escapes,
 * leading zeros. Like serde_json it does not reject repeated keys itself: it
 * keeps the first value and records the repeat in `duplicates`, because serde's
 * derived `Deserialize` only rejects a repeated *declared* field and ignores
 * repeated unknown ones.
 * @module
 */

/** A parsed JSON value. Objects keep member order and each value's source offset. */
export type JsonValue = null | boolean | string | number | bigint | JsonValue[] | JsonObject;

/** A parsed JSON object. */
export interface JsonObject {
  readonly kind: 'object';
  readonly members: ReadonlyMap<string, JsonValue>;
  readonly offsets: ReadonlyMap<string, number>;
  /** Keys that occur more than once, with the offset of their first repeat. */
  readonly duplicates: ReadonlyMap<string, number>;
  readonly offset: number;
}

/** A syntax error at a UTF-16 offset of the source text. */
export class JsonSyntaxError extends Error {
  constructor(
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`invalid JSON at offset ${offset}: ${reason}`);
    this.name = 'JsonSyntaxError';
  }
}

/** Whether a parsed value is a JSON object. */
export function isJsonObject(v: JsonValue): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
};

/** Parse a complete JSON text. */
export function readJson(text: string): JsonValue {
  let i = 0;
  const fail = (reason: string, at = i): never => {
    throw new JsonSyntaxError(at, reason);
  };
  const ws = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else return;
    }
  };
  const hex4 = (): number => {
    const h = text.slice(i, i + 4);
    if (!/^[0-9a-fA-F]{4}$/.test(h)) fail('invalid \\u escape');
    i += 4;
    return parseInt(h, 16);
  };
  const str = (): string => {
    i++; // opening quote
    let out = '';
    let start = i;
    for (;;) {
      if (i >= text.length) fail('unterminated string');
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        out += text.slice(start, i);
        i++;
        return out;
      }
      if (c < 0x20) fail('control character in string');
      if (c !== 0x5c) {
        i++;
        continue;
      }
      out += text.slice(start, i);
      const e = text[i + 1];
      i += 2;
      if (e === 'u') {
        const u = hex4();
        if (u >= 0xd800 && u <= 0xdbff) {
          if (text[i] !== '\\' || text[i + 1] !== 'u') fail('lone leading surrogate in \\u escape');
          i += 2;
          const lo = hex4();
          if (lo < 0xdc00 || lo > 0xdfff) fail('invalid trailing surrogate in \\u escape');
          out += String.fromCharCode(u, lo);
        } else if (u >= 0xdc00 && u <= 0xdfff) {
          fail('lone trailing surrogate in \\u escape');
        } else {
          out += String.fromCharCode(u);
        }
      } else {
        const r = e === undefined ? undefined : ESCAPES[e];
        if (r === undefined) fail('invalid escape', i - 1);
        out += r;
      }
      start = i;
    }
  };
  const num = (): number | bigint => {
    const m = /^-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (m === null) return fail('invalid number');
    const lit = m[0];
    i += lit.length;
    // serde_json de.rs `parse_number`: "Convert into a float if we underflow, or on `-0`."
    if (m[1] === undefined && m[2] === undefined) return lit === '-0' ? -0 : BigInt(lit);
    return Number(lit);
  };
  const value = (depth: number): JsonValue => {
    if (depth > 128) fail('nesting too deep');
    ws();
    const c = text[i];
    switch (c) {
      case '{': {
        const offset = i++;
        const members = new Map<string, JsonValue>();
        const offsets = new Map<string, number>();
        const duplicates = new Map<string, number>();
        ws();
        if (text[i] === '}') {
          i++;
          return { kind: 'object', members, offsets, duplicates, offset };
        }
        for (;;) {
          ws();
          if (text[i] !== '"') fail('expected a string key');
          const keyAt = i;
          const key = str();
          ws();
          if (text[i] !== ':') fail("expected ':'");
          i++;
          ws();
          const valueAt = i;
          const v = value(depth + 1);
          if (!members.has(key)) {
            members.set(key, v);
            offsets.set(key, valueAt);
          } else if (!duplicates.has(key)) {
            duplicates.set(key, keyAt);
          }
          ws();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === '}') {
            i++;
            return { kind: 'object', members, offsets, duplicates, offset };
          }
          fail("expected ',' or '}'");
        }
      }
      case '[': {
        i++;
        const items: JsonValue[] = [];
        ws();
        if (text[i] === ']') {
          i++;
          return items;
        }
        for (;;) {
          items.push(value(depth + 1));
          ws();
          if (text[i] === ',') {
            i++;
            continue;
          }
          if (text[i] === ']') {
            i++;
            return items;
          }
          fail("expected ',' or ']'");
        }
      }
      case '"':
        return str();
      case 't':
        if (text.startsWith('true', i)) {
          i += 4;
          return true;
        }
        return fail('invalid literal');
      case 'f':
        if (text.startsWith('false', i)) {
          i += 5;
          return false;
        }
        return fail('invalid literal');
      case 'n':
        if (text.startsWith('null', i)) {
          i += 4;
          return null;
        }
        return fail('invalid literal');
      case undefined:
        return fail('unexpected end of input');
      default:
        return num();
    }
  };
  const v = value(0);
  ws();
  if (i < text.length) fail('trailing characters');
  return v;
}
