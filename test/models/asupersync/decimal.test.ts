import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDecimal, decimalText } from '../../../src/models/asupersync/decimal.js';

// Both helpers stand in for BigInt on hot paths, so BigInt itself is the reference.
const reference = (a: string, b: string): number => {
  const p = BigInt(a);
  const q = BigInt(b);
  return p < q ? -1 : p > q ? 1 : 0;
};

const EDGES = [0n, 1n, 9n, 10n, 999_999_999_999_999n, 1_000_000_000_000_000n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 64n - 1n, 2n ** 64n, 2n ** 70n];

describe('decimalText', () => {
  it('is bigint toString at the double boundaries', () => {
    for (const n of EDGES) {
      expect(decimalText(n)).toBe(n.toString());
      expect(decimalText(-n)).toBe((-n).toString());
    }
  });

  it('is bigint toString for any bigint', () => {
    fc.assert(fc.property(fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }), (n) => decimalText(n) === n.toString()));
    fc.assert(fc.property(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), (n) => decimalText(n) === n.toString()));
  });
});

describe('compareDecimal', () => {
  it('orders canonical texts numerically, not as text', () => {
    expect(compareDecimal('9', '10')).toBe(-1);
    expect(compareDecimal('10', '9')).toBe(1);
    expect(compareDecimal('42', '42')).toBe(0);
    expect(compareDecimal('999999999999999', '1000000000000000')).toBe(-1);
  });

  it('agrees with BigInt on every pair of u64 texts', () => {
    const u64 = fc.oneof(fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }), fc.bigInt({ min: 0n, max: 2n ** 20n }), fc.constantFrom(...EDGES));
    fc.assert(fc.property(u64, u64, (a, b) => compareDecimal(a.toString(), b.toString()) === reference(a.toString(), b.toString())));
  });

  it('reads texts BigInt reads differently from plain digits the way BigInt does', () => {
    const odd = ['007', '0', '', ' 12 ', '-5', '+5', '0x1f', '0b11', '0o17', '12345678901234567', '0000000000000000009'];
    for (const a of odd) for (const b of odd) expect(compareDecimal(a, b)).toBe(reference(a, b));
  });

  it('refuses what BigInt refuses, with its error', () => {
    for (const bad of ['1e3', '1.0', 'abc', 'Infinity']) {
      expect(() => compareDecimal(bad, '1')).toThrow(SyntaxError);
      expect(() => compareDecimal('1', bad)).toThrow(SyntaxError);
    }
  });
});
