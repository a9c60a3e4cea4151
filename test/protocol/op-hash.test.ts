import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { opToJson, replayHash, type ReplayHashInput, type WorkerOp } from '../../src/protocol/index.js';
import { replayHashLimbsOfOp, replayHashMatches, replayHashOfOp } from '../../src/protocol/op-hash.js';
import { hashHi, hashLo } from '../../src/protocol/replay-hash.js';
import { joinU64 } from '../../src/protocol/u64.js';
import { arbMeta, arbOp } from './arbitraries.js';

// The hash absorbed piece by piece must be the hash of the whole canonical text.
const arbHashMeta = fc
  .tuple(arbMeta, fc.option(fc.string({ maxLength: 6 }), { nil: null }))
  .map(([meta, workerId]): ReplayHashInput => ({ ...meta, workerId }));

function pieces(meta: ReplayHashInput, op: WorkerOp): bigint {
  replayHashLimbsOfOp(meta.messageId, meta.seqNo, meta.decisionSeq, meta.seed, meta.issuedAtTurn, meta.workerId, op);
  return joinU64(hashHi, hashLo);
}

describe('replay hash of an op absorbed without its text', () => {
  it('equals replayHash(meta, opToJson(op)) for every op variant, u64 extremes and tricky strings', () => {
    fc.assert(
      fc.property(arbHashMeta, arbOp, (meta, op) => {
        const expected = replayHash(meta, opToJson(op));
        expect(pieces(meta, op)).toBe(expected);
        expect(replayHashOfOp(meta.messageId, meta.seqNo, meta.decisionSeq, meta.seed, meta.issuedAtTurn, meta.workerId, op)).toBe(expected);
        expect(replayHashMatches({ ...meta, op, replayHash: expected })).toBe(true);
        expect(replayHashMatches({ ...meta, op, replayHash: expected ^ 1n })).toBe(false);
        expect(replayHashMatches({ ...meta, op, replayHash: expected ^ (1n << 63n) })).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('writes every magnitude of u64 digits as its decimal text (int32, double and bigint paths)', () => {
    const meta = { messageId: 7n, seqNo: 8n, decisionSeq: 9n, seed: 10n, issuedAtTurn: 11n, workerId: null };
    const magnitudes = fc.oneof(fc.bigInt(0n, 2n ** 31n), fc.bigInt(2n ** 31n - 2n, 2n ** 53n + 2n), fc.bigInt(2n ** 53n - 2n, 2n ** 64n - 1n));
    fc.assert(
      fc.property(magnitudes, (jobId) => {
        const op: WorkerOp = { type: 'PollStatus', jobId };
        expect(pieces(meta, op)).toBe(replayHash(meta, opToJson(op)));
      }),
      { numRuns: 2000 },
    );
  });

  it('escapes what JSON.stringify escapes, lone surrogates included', () => {
    const meta = { messageId: 1n, seqNo: 2n, decisionSeq: 3n, seed: 4n, issuedAtTurn: 5n, workerId: 'w1' };
    for (const reason of ['', 'plain', 'a"b', 'a\\b', '\n\t\u0001', 'é', '\u{1F600}', '\ud800', 'x\udc00y', '\u007f', '\u2028']) {
      const op: WorkerOp = { type: 'CancelJob', jobId: 2n ** 64n - 1n, reason };
      expect(pieces(meta, op)).toBe(replayHash(meta, opToJson(op)));
    }
  });
});
