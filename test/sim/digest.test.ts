import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestText, Fnv64, Hash64, hex16 } from '../../src/sim/digest.js';

describe('Hash64', () => {
  it('is 16 lowercase hex digits and the same whether text arrives whole or in pieces (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 20 }), { maxLength: 6 }), (parts) => {
        const h = new Hash64();
        for (const p of parts) h.update(p);
        expect(h.hex()).toBe(digestText(parts.join('')));
        expect(h.hex()).toMatch(/^[0-9a-f]{16}$/);
      }),
    );
  });

  it('separates texts that differ in one code unit, order or length', () => {
    const texts = new Set<string>();
    const digests = new Set<string>();
    for (let i = 0; i < 20_000; i++) {
      for (const t of [`c|w1|1|0|${i}|`, `${i}|0|1|w1|c`, 'x'.repeat(i % 300) + String.fromCharCode(i)]) {
        texts.add(t);
        digests.add(digestText(t));
      }
    }
    expect(digests.size).toBe(texts.size);
    expect(digestText('')).not.toBe(digestText('\0'));
    expect(digestText('ab')).not.toBe(digestText('ba'));
  });

  it('keeps FNV-1a 64 (format 1) available with its published test vector', () => {
    // FNV-1a 64 of the empty input is the offset basis; of "a" as UTF-16 LE bytes 61 00:
    expect(new Fnv64().hex()).toBe('cbf29ce484222325');
    expect(new Fnv64().update('a').hex()).toBe(
      [0x61, 0x00]
        .reduce((h, b) => BigInt.asUintN(64, (h ^ BigInt(b)) * 0x100000001b3n), 0xcbf29ce484222325n)
        .toString(16)
        .padStart(16, '0'),
    );
  });
});

describe('Hash64 fields (structural digests)', () => {
  const hex = (feed: (h: Hash64) => unknown): string => {
    const h = new Hash64();
    feed(h);
    return h.hex();
  };

  it('keeps adjacent strings, nulls, numbers and bigints apart', () => {
    expect(hex((h) => h.str('ab').str('c'))).not.toBe(hex((h) => h.str('a').str('bc')));
    expect(hex((h) => h.optStr(null))).not.toBe(hex((h) => h.str('')));
    expect(hex((h) => h.num(2 ** 32))).not.toBe(hex((h) => h.num(1)));
    expect(hex((h) => h.num(2 ** 32 + 5))).not.toBe(hex((h) => h.num(5)));
    expect(hex((h) => h.big(2n ** 32n))).not.toBe(hex((h) => h.big(1n)));
    expect(hex((h) => h.big(2n ** 64n))).not.toBe(hex((h) => h.big(0n)));
    expect(hex((h) => h.big(-1n))).not.toBe(hex((h) => h.big(2n ** 64n - 1n)));
    expect(hex((h) => h.bool(true))).not.toBe(hex((h) => h.bool(false)));
  });

  it('separates distinct u64 values and num pairs (property)', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (a, b) => {
        expect(hex((h) => h.big(a)) === hex((h) => h.big(b))).toBe(a === b);
      }),
    );
    fc.assert(
      fc.property(fc.maxSafeNat(), fc.maxSafeNat(), (a, b) => {
        expect(hex((h) => h.num(a)) === hex((h) => h.num(b))).toBe(a === b);
      }),
    );
  });

  it('feeds num, big, str, optStr and json as the words their docs define (property)', () => {
    // The compound methods are unrolled for speed; every trace's digests depend on them meaning exactly this.
    const words = (...ws: number[]): string => hex((h) => ws.forEach((w) => h.word(w)));
    const units = (s: string): number[] => Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));
    const num = fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.constantFrom(0, -0, 2 ** 32 - 1, 2 ** 32, -(2 ** 32), 2 ** 53 - 1, -(2 ** 53) + 1, 0.5, -0.5, 2 ** 32 - 0.5));
    fc.assert(
      fc.property(num, (n) => {
        expect(hex((h) => h.num(n))).toBe(words(n >>> 0, Math.floor(n / 4294967296) | 0));
      }),
      { numRuns: 500 },
    );
    const big = fc.oneof(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }), fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.constantFrom(0n, 2n ** 32n - 1n, 2n ** 32n, 2n ** 53n + 1n, 2n ** 64n - 1n, 2n ** 64n, -1n));
    fc.assert(
      fc.property(big, (n) => {
        const u64 = n >= 0n && n < 2n ** 64n;
        const expected = u64 ? words(0, Number(n & 0xffffffffn), Number(n >> 32n)) : hex((h) => h.word(1).word(n.toString().length).update(n.toString()));
        expect(hex((h) => h.big(n))).toBe(expected);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 12 }), fc.option(fc.string({ maxLength: 4 }), { nil: null }), (s, t) => {
        expect(hex((h) => h.str(s))).toBe(words(s.length, ...units(s)));
        expect(hex((h) => h.optStr(t))).toBe(t === null ? words(0xffffffff) : words(t.length, ...units(t)));
      }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string({ unit: 'binary', maxLength: 3 }), fc.boolean(), { maxKeys: 12 }), (obj) => {
        const keys = Object.keys(obj).sort();
        const expected = hex((h) => {
          h.word(7).word(keys.length);
          for (const k of keys) h.str(k).word(obj[k] ? 2 : 1);
        });
        expect(hex((h) => h.json(obj))).toBe(expected);
      }),
    );
  });

  it('words(ws) absorbs exactly what word() on each element does (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer(), fc.nat(0xffffffff)), { maxLength: 40 }), fc.string({ maxLength: 4 }), (ws, prefix) => {
        const bulk = new Hash64().update(prefix).words(ws);
        const one = new Hash64().update(prefix);
        for (const w of ws) one.word(w);
        expect(bulk.hex()).toBe(one.hex());
        expect(bulk.str('after').hex()).toBe(one.str('after').hex());
      }),
    );
  });

  it('hex16 writes hi then lo as 16 lowercase hex digits (property)', () => {
    fc.assert(
      fc.property(fc.nat(0xffffffff), fc.nat(0xffffffff), (hi, lo) => {
        expect(hex16(hi, lo)).toBe(hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0'));
      }),
    );
  });

  it('reset starts over exactly like a fresh hasher', () => {
    const h = new Hash64().str('junk').num(7);
    expect(h.reset().str('x').big(3n).hex()).toBe(hex((g) => g.str('x').big(3n)));
  });
});
