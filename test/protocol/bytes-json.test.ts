import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bytesToJson, MAX_PAYLOAD_BYTES } from '../../src/protocol/index.js';

// serde_json writes Vec<u8> as a plain array of numbers, which is what JSON.stringify does for a number[].
const reference = (bytes: Uint8Array): string => JSON.stringify(Array.from(bytes));

describe('bytesToJson', () => {
  it('matches the plain array text for small and large payloads (both code paths)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        expect(bytesToJson(bytes)).toBe(reference(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('handles a payload at MAX_PAYLOAD_BYTES with every byte value', () => {
    const bytes = Uint8Array.from({ length: MAX_PAYLOAD_BYTES }, (_, i) => (i * 131 + 7) & 0xff);
    expect(bytesToJson(bytes)).toBe(reference(bytes));
  });
});
