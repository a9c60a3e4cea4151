import { describe, expect, it } from 'vitest';
import { copyEnvelope } from '../../../src/models/asupersync/envelope-copy.js';
import { WORKER_OP_TYPES, type WorkerEnvelope, type WorkerOp } from '../../../src/protocol/index.js';
import { simulate } from '../../../src/sim/simulate.js';
import { model } from './helpers.js';

const OPS: readonly WorkerOp[] = [
  { type: 'BootstrapReady', workerId: 'w1' },
  { type: 'BootstrapFailed', workerId: 'w2', reason: 'boom' },
  { type: 'SpawnJob', request: { jobId: 1n, regionId: 100n, taskId: 101n, obligationId: 102n, payload: new Uint8Array([1, 2, 3]) } },
  { type: 'PollStatus', jobId: 2n },
  { type: 'StatusSnapshot', snapshot: { jobId: 3n, state: 'Running', detail: '1/3 steps' } },
  { type: 'StatusSnapshot', snapshot: { jobId: 3n, state: 'Queued', detail: null } },
  { type: 'JobCompleted', result: { jobId: 4n, outcome: { status: 'Ok', payload: new Uint8Array([9, 8]) } } },
  { type: 'JobCompleted', result: { jobId: 4n, outcome: { status: 'Err', code: 'E', message: 'm' } } },
  { type: 'JobCompleted', result: { jobId: 4n, outcome: { status: 'Cancelled', reason: 'r' } } },
  { type: 'JobCompleted', result: { jobId: 4n, outcome: { status: 'Panicked', message: 'p' } } },
  { type: 'CancelJob', jobId: 5n, reason: 'user' },
  { type: 'CancelAcknowledged', jobId: 5n },
  { type: 'DrainJob', jobId: 6n },
  { type: 'DrainCompleted', jobId: 6n },
  { type: 'FinalizeJob', jobId: 7n },
  { type: 'FinalizeCompleted', jobId: 7n },
  { type: 'ShutdownWorker', reason: 'bye' },
  { type: 'ShutdownCompleted' },
  { type: 'Diagnostic', event: { level: 'Warn', category: 'c', message: 'm', metadata: null } },
];

const envelope = (op: WorkerOp, workerId: string | null = 'w1'): WorkerEnvelope => ({
  version: 1,
  messageId: 11n,
  seqNo: 12n,
  decisionSeq: 13n,
  seed: 2n ** 64n - 1n,
  issuedAtTurn: 14n,
  workerId,
  replayHash: 0xdead_beef_cafe_f00dn,
  op,
});

/** Every object and typed array reachable from `x`. */
function objects(x: unknown, out: unknown[] = []): unknown[] {
  if (x !== null && typeof x === 'object') {
    out.push(x);
    if (!ArrayBuffer.isView(x)) for (const v of Object.values(x)) objects(v, out);
  }
  return out;
}

describe('copyEnvelope', () => {
  it('covers every op type', () => {
    expect(new Set(OPS.map((o) => o.type))).toEqual(new Set(WORKER_OP_TYPES));
  });

  it('equals structuredClone (same fields, types and values) and shares no object with the original', () => {
    for (const op of OPS) {
      for (const env of [envelope(op), envelope(op, null)]) {
        const copy = copyEnvelope(env);
        expect(copy).toStrictEqual(structuredClone(env));
        const mine = new Set(objects(env));
        for (const o of objects(copy)) expect(mine.has(o), op.type).toBe(false);
      }
    }
  });

  it('a receiver that writes into its payload does not change the original', () => {
    const env = envelope(OPS[2] as WorkerOp);
    const copy = copyEnvelope(env);
    if (copy.op.type !== 'SpawnJob' || env.op.type !== 'SpawnJob') throw new Error('not a spawn');
    copy.op.request.payload[0] = 42;
    expect(env.op.request.payload[0]).toBe(1);
  });

  it('is what the model channels copy with: every envelope sent in real runs equals its structured clone', () => {
    let checked = 0;
    const seen = new WeakSet<WorkerEnvelope>();
    const wrapped = {
      ...model,
      apply: (s: Parameters<typeof model.apply>[0], a: Parameters<typeof model.apply>[1]) => {
        const effects = model.apply(s, a);
        for (const g of s.gens) {
          for (const env of [...g.down.items(), ...g.up.items(), ...g.down.deliveredLog(), ...g.up.deliveredLog()]) {
            if (seen.has(env)) continue;
            seen.add(env);
            expect(copyEnvelope(env)).toStrictEqual(structuredClone(env));
            checked++;
          }
        }
        return effects;
      },
    };
    for (let seed = 1; seed <= 20; seed++) simulate({ model: wrapped, seed, profile: 'adversarial', stopOnViolation: false });
    expect(checked).toBeGreaterThan(400);
  });
});
