import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WorkerEndpoint, WorkerJobState, WorkerJobView } from '../../src/worker/index.js';
import { fromCoord, OK_7, readyWorker, spawnOp } from './helpers.js';

const ALL: ReadonlySet<WorkerJobState> = new Set(['Queued', 'Running', 'Draining', 'Finalizing', 'Completed']);

const plain = (j: WorkerJobView): object => ({
  jobId: j.jobId,
  state: j.state,
  stepsDone: j.stepsDone,
  steps: j.steps,
  cancelReason: j.cancelReason,
  outcome: j.outcome,
});

/** `jobRecords()` against what the endpoint shows otherwise: the ids `jobIdsIn` finds (which reads the table directly), and `jobs()`. */
function expectRecordsFresh(worker: WorkerEndpoint): void {
  const records = worker.jobRecords();
  expect(records.map((j) => j.jobId)).toEqual(worker.jobIdsIn(ALL));
  expect(records.map(plain)).toEqual(worker.jobs().map(plain));
  for (const j of records) expect(j.state).toBe(worker.jobState(j.jobId));
}

type Op = { readonly type: 'spawn' | 'step' | 'cancel' | 'drain' | 'finalize' | 'forget'; readonly job: number };

describe('WorkerEndpoint.jobRecords', () => {
  it('is every tracked job in id order, as jobs() shows it, through spawns in any order, progress, cancels and forgets', () => {
    const op: fc.Arbitrary<Op> = fc.record({
      type: fc.constantFrom('spawn', 'spawn', 'step', 'step', 'cancel', 'drain', 'finalize', 'forget'),
      job: fc.integer({ min: 1, max: 6 }),
    });
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const worker = readyWorker({ steps: 2, outcome: OK_7 });
        let seq = 1n;
        expectRecordsFresh(worker);
        for (const o of ops) {
          const jobId = BigInt(o.job);
          switch (o.type) {
            case 'spawn':
              worker.handleInbound(fromCoord(seq++, spawnOp(jobId)));
              break;
            case 'step':
              worker.stepJob(jobId);
              break;
            case 'cancel':
              worker.handleInbound(fromCoord(seq++, { type: 'CancelJob', jobId, reason: 'r' }));
              break;
            case 'drain':
              worker.handleInbound(fromCoord(seq++, { type: 'DrainJob', jobId }));
              break;
            case 'finalize':
              worker.handleInbound(fromCoord(seq++, { type: 'FinalizeJob', jobId }));
              break;
            case 'forget':
              worker.forgetJob(jobId);
              break;
            default: {
              const never: never = o.type;
              throw new Error(`unknown op ${String(never)}`);
            }
          }
          expectRecordsFresh(worker);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('orders by id, not by spawn order', () => {
    const worker = readyWorker({ steps: 0, outcome: OK_7 });
    worker.handleInbound(fromCoord(1n, spawnOp(5n)));
    worker.handleInbound(fromCoord(2n, spawnOp(3n)));
    expect(worker.jobRecords().map((j) => j.jobId)).toEqual([3n, 5n]);
    worker.stepJob(3n);
    expect(worker.forgetJob(3n)).toBe(true);
    expect(worker.jobRecords().map((j) => j.jobId)).toEqual([5n]);
    worker.handleInbound(fromCoord(3n, spawnOp(3n)));
    worker.handleInbound(fromCoord(4n, spawnOp(9n)));
    expect(worker.jobRecords().map((j) => j.jobId)).toEqual([3n, 5n, 9n]);
    expectRecordsFresh(worker);
  });
});
