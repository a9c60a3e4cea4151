import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkerCoordinator, workerEnvelope, type WorkerEnvelope } from '../../src/protocol/index.js';
import { EnvelopeQueue } from '../../src/protocol/envelope-queue.js';
import { drain, fromCoord, makeWorker, OK_7, spawnOp } from '../worker/helpers.js';

const env = (n: number): WorkerEnvelope => workerEnvelope('w-1', BigInt(n), BigInt(n), 1n, 0n, { type: 'BootstrapReady', workerId: 'w-1' });

describe('pendingCount (outbox size without the copy)', () => {
  it('EnvelopeQueue.size is pending().length through any push/shift/clear sequence', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('push', 'push', 'shift', 'clear'), { maxLength: 60 }), (ops) => {
        const q = new EnvelopeQueue();
        let n = 1;
        for (const op of ops) {
          if (op === 'push') q.push(env(n++));
          else if (op === 'shift') q.shift();
          else q.clear();
          expect(q.size).toBe(q.pending().length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is pendingOutbox().length on the coordinator and the worker', () => {
    const worker = makeWorker({ steps: 0, outcome: OK_7 });
    const coord = new WorkerCoordinator(42n);
    expect(worker.pendingCount).toBe(0);
    expect(coord.pendingCount).toBe(0);
    worker.bootstrap();
    expect(worker.pendingCount).toBe(1);
    for (const e of drain(worker)) coord.handleInbound(e);
    expect(worker.pendingCount).toBe(0);
    worker.handleInbound(fromCoord(1n, spawnOp(1n)));
    worker.handleInbound(fromCoord(2n, spawnOp(2n)));
    worker.stepJob(1n);
    worker.stepJob(2n);
    expect(worker.pendingCount).toBe(2);
    expect(worker.pendingCount).toBe(worker.pendingOutbox().length);
    worker.drainOutbox();
    expect(worker.pendingCount).toBe(1);
    coord.spawnJob(1n, 1n, 1n, 1n, new Uint8Array());
    coord.spawnJob(2n, 1n, 1n, 1n, new Uint8Array());
    expect(coord.pendingCount).toBe(2);
    expect(coord.pendingCount).toBe(coord.pendingOutbox().length);
    coord.drainOutbox();
    expect(coord.pendingCount).toBe(1);
  });
});
