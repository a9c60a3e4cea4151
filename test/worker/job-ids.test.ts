import { describe, expect, it } from 'vitest';
import type { WorkerEndpoint, WorkerJobState } from '../../src/worker/index.js';
import { fromCoord, OK_7, readyWorker, spawnOp, value } from './helpers.js';

const STEPPABLE: ReadonlySet<WorkerJobState> = new Set(['Queued', 'Running']);
const viaViews = (w: WorkerEndpoint, states: ReadonlySet<WorkerJobState>): bigint[] =>
  w.jobs()
    .filter((j) => states.has(j.state))
    .map((j) => j.jobId);

describe('jobIdsIn', () => {
  it('lists the ids of jobs in the given states, sorted by id whatever the spawn order, as filtering jobs() would', () => {
    const worker = readyWorker({ steps: 2, outcome: OK_7 });
    let seq = 0n;
    for (const id of [5n, 2n, 9n, 1n]) value(worker.handleInbound(fromCoord(++seq, spawnOp(id))));
    expect(worker.jobIdsIn(STEPPABLE)).toEqual([1n, 2n, 5n, 9n]);
    value(worker.stepJob(9n)); // Running
    value(worker.handleInbound(fromCoord(++seq, { type: 'CancelJob', jobId: 2n, reason: 'r' }))); // Draining
    while (worker.jobState(5n) !== 'Completed') value(worker.stepJob(5n));
    expect(worker.jobIdsIn(STEPPABLE)).toEqual([1n, 9n]);
    expect(worker.jobIdsIn(new Set(['Draining', 'Completed']))).toEqual([2n, 5n]);
    for (const states of [STEPPABLE, new Set<WorkerJobState>(['Completed']), new Set<WorkerJobState>()]) {
      expect(worker.jobIdsIn(states)).toEqual(viaViews(worker, states));
    }
  });
});
