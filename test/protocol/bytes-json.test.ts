import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { opJsonParts } from '../../src/protocol/canonical-json.js';
import { bytesToJson, MAX_PAYLOAD_BYTES, opToJson, replayHash } from '../../src/protocol/index.js';
import { hashHi, hashLo, replayHashLimbsOfParts } from '../../src/protocol/replay-hash.js';
import { joinU64 } from '../../src/protocol/u64.js';
import { arbCoordinatorOp, arbWorkerSessionOp } from './arbitraries.js';

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

describe('replay hash of an op in parts (payload hashed from its bytes)', () => {
  const arbMeta = fc.record({
    messageId: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
    seqNo: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
    decisionSeq: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
    seed: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
    issuedAtTurn: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
    workerId: fc.option(fc.string({ maxLength: 6 }), { nil: null }),
  });

  it('equals the hash of the whole text, for any payload and any text around it', () => {
    fc.assert(
      fc.property(arbMeta, fc.string({ maxLength: 8 }), fc.option(fc.uint8Array({ maxLength: 600 }), { nil: null }), fc.string({ maxLength: 4 }), (meta, head, payload, tail) => {
        replayHashLimbsOfParts(meta, head, payload, tail);
        const parts = joinU64(hashHi, hashLo);
        expect(parts).toBe(replayHash(meta, head + (payload === null ? '' : bytesToJson(payload)) + tail));
      }),
      { numRuns: 300 },
    );
  });

  it('splits every op so that its parts join to opToJson', () => {
    fc.assert(
      fc.property(fc.oneof(arbCoordinatorOp, arbWorkerSessionOp), (op) => {
        const p = opJsonParts(op);
        expect(p.head + (p.payload === null ? '' : bytesToJson(p.payload)) + p.tail).toBe(opToJson(op));
      }),
      { numRuns: 300 },
    );
  });
});
