import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { digestText, Fnv64, Hash64 } from '../../src/sim/digest.js';

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

  it('reset starts over exactly like a fresh hasher', () => {
    const h = new Hash64().str('junk').num(7);
    expect(h.reset().str('x').big(3n).hex()).toBe(hex((g) => g.str('x').big(3n)));
  });
});
