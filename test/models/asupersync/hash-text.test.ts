import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashText } from '../../../src/models/asupersync/transport.js';

describe('hashText (the remembered decimal text of replay hashes)', () => {
  it('is hash.toString() for any sequence of hashes, repeats and recent ones included', () => {
    const hashes = fc.oneof(fc.constantFrom(0n, 1n, 2n ** 64n - 1n, 2n ** 53n), fc.bigInt(0n, 2n ** 64n - 1n), fc.bigInt(0n, 9n));
    fc.assert(
      fc.property(fc.array(hashes, { maxLength: 40 }), (seq) => {
        for (const h of seq) expect(hashText(h)).toBe(h.toString());
      }),
      { numRuns: 500 },
    );
  });
});
