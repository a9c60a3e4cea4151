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
