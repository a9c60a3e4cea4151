import { describe, expect, it } from 'vitest';
import {
  MAX_PAYLOAD_BYTES,
  WorkerCoordinator,
  validateEnvelope,
  workerEnvelope,
  type WorkerEnvelope,
  type WorkerOp,
} from '../../src/protocol/index.js';
import { WorkerEndpoint, type JobBehaviour, type WorkerResult } from '../../src/worker/index.js';
import {
  drain,
  error,
  fromCoord,
  makeWorker,
  OK_7,
  ops,
  readyWorker,
  SEED,
  spawnOp,
  toCoordinator,
  toWorker,
  value,
} from './helpers.js';

describe('bootstrap', () => {
  it('sends BootstrapReady stamped with workerId, seed, turn and counters starting at 1', () => {
    const worker = makeWorker();
    expect(worker.state).toBe('booting');
    worker.advanceTurn();
    worker.advanceTurn();
    expect(value(worker.bootstrap())).toBe('ready');
    expect(worker.state).toBe('ready');
    const [env, ...rest] = drain(worker);
    expect(rest).toEqual([]);
    expect(env).toEqual(workerEnvelope('w-1', 1n, 1n, SEED, 2n, { type: 'BootstrapReady', workerId: 'w-1' }));
    expect(env?.decisionSeq).toBe(1n);
    expect(validateEnvelope(env as WorkerEnvelope)).toBeUndefined();
  });

  it('a worker built to fail sends BootstrapFailed and then accepts nothing', () => {
    const worker = makeWorker(undefined, { bootstrapFailure: 'no wasm' });
    expect(value(worker.bootstrap())).toBe('failed');
    expect(worker.state).toBe('failed');
    expect(ops(drain(worker))).toEqual([{ type: 'BootstrapFailed', workerId: 'w-1', reason: 'no wasm' }]);
    expect(error(worker.handleInbound(fromCoord(1n, spawnOp(1n))))).toEqual({ kind: 'WorkerNotReady' });
    expect(error(worker.stepJob(1n))).toEqual({ kind: 'WorkerNotReady' });
    expect(error(worker.bootstrap())).toEqual({ kind: 'AlreadyBootstrapped', state: 'failed' });
    expect(worker.lastInboundSeqNo).toBe(0n);
    expect(worker.jobs()).toEqual([]);
    expect(drain(worker)).toEqual([]);
  });

  it('failBootstrap(reason) fails a booting worker and is refused once bootstrapped', () => {
    const failing = makeWorker();
    expect(value(failing.failBootstrap('oom'))).toBe('failed');
    expect(ops(drain(failing))).toEqual([{ type: 'BootstrapFailed', workerId: 'w-1', reason: 'oom' }]);
    const ready = readyWorker();
    expect(error(ready.failBootstrap('late'))).toEqual({ kind: 'AlreadyBootstrapped', state: 'ready' });
    expect(error(ready.bootstrap())).toEqual({ kind: 'AlreadyBootstrapped', state: 'ready' });
    expect(drain(ready)).toEqual([]);
  });

  it('refuses envelopes and steps before bootstrap', () => {
    const worker = makeWorker();
    expect(error(worker.handleInbound(fromCoord(1n, spawnOp(1n))))).toEqual({ kind: 'WorkerNotReady' });
    expect(error(worker.stepJob(1n))).toEqual({ kind: 'WorkerNotReady' });
    expect(worker.lastInboundSeqNo).toBe(0n);
    expect(drain(worker)).toEqual([]);
  });
});

describe('stamping', () => {
  it('counts messageId, seqNo and decisionSeq up by one and stamps the caller-advanced turn', () => {
    const worker = readyWorker({ steps: 1, outcome: OK_7 }, { snapshotOnStart: true });
    value(worker.handleInbound(fromCoord(1n, spawnOp(1n))));
    worker.advanceTurn();
    value(worker.stepJob(1n));
    worker.advanceTurn();
    worker.advanceTurn();
    value(worker.stepJob(1n));
    const sent = drain(worker);
    expect(sent.map((e) => [e.messageId, e.seqNo, e.decisionSeq, e.issuedAtTurn])).toEqual([
      [2n, 2n, 2n, 1n],
      [3n, 3n, 3n, 3n],
    ]);
    expect(worker.currentTurn).toBe(3n);
    for (const env of sent) {
      expect(env.workerId).toBe('w-1');
      expect(env.seed).toBe(SEED);
      expect(validateEnvelope(env)).toBeUndefined();
    }
  });

  it('is deterministic: the same inputs give identical envelopes', () => {
    const run = (): WorkerEnvelope[] => {
      const worker = makeWorker({ steps: 2, outcome: OK_7 }, { snapshotOnStart: true });
      worker.bootstrap();
      worker.handleInbound(fromCoord(1n, spawnOp(1n)));
      worker.handleInbound(fromCoord(2n, spawnOp(2n)));
      worker.advanceTurn();
      worker.stepJob(2n);
      worker.handleInbound(fromCoord(3n, { type: 'PollStatus', jobId: 2n }));
      worker.handleInbound(fromCoord(4n, { type: 'CancelJob', jobId: 1n, reason: 'r' }));
      worker.stepJob(2n);
      worker.stepJob(2n);
      return drain(worker);
    };
    const a = run();
    expect(a.map((e) => e.op.type)).toEqual([
      'BootstrapReady',
      'StatusSnapshot',
      'StatusSnapshot',
      'CancelAcknowledged',
      'JobCompleted',
    ]);
    expect(run()).toEqual(a);
  });
});

describe('inbound validation', () => {
  it('rejects a tampered replay hash without applying the op', () => {
    const env = fromCoord(1n, spawnOp(1n));
    const tampered = { ...env, replayHash: env.replayHash ^ 1n };
    const worker = readyWorker();
    expect(error(worker.handleInbound(tampered))).toEqual({
      kind: 'ReplayHashMismatch',
      expected: env.replayHash,
      actual: tampered.replayHash,
    });
    // The op changed under an intact hash is caught too.
    const swapped: WorkerEnvelope = { ...env, op: spawnOp(2n) };
    expect(error(worker.handleInbound(swapped))).toMatchObject({ kind: 'ReplayHashMismatch' });
    // A hash outside u64 range whose low 64 bits are right must not pass either.
    for (const outOfRange of [env.replayHash + (1n << 64n), env.replayHash - (1n << 64n)]) {
      expect(error(worker.handleInbound({ ...env, replayHash: outOfRange }))).toMatchObject({
        kind: 'ReplayHashMismatch',
        actual: outOfRange,
      });
    }
    expect(worker.jobs()).toEqual([]);
    expect(worker.lastInboundSeqNo).toBe(0n);
  });

  it('rejects a version mismatch', () => {
    const worker = readyWorker();
    const env = { ...fromCoord(1n, spawnOp(1n)), version: 2 };
    expect(error(worker.handleInbound(env))).toEqual({ kind: 'VersionMismatch', expected: 1, actual: 2 });
  });

  it('rejects a coordinator op carrying a worker id', () => {
    const worker = readyWorker();
    const env = workerEnvelope('w-9', 1n, 1n, SEED, 0n, spawnOp(1n));
    expect(error(worker.handleInbound(env))).toEqual({ kind: 'UnexpectedWorkerSessionIdentity', workerId: 'w-9' });
  });

  it('rejects an oversized spawn payload', () => {
    const worker = readyWorker();
    const env = fromCoord(1n, spawnOp(1n, new Uint8Array(MAX_PAYLOAD_BYTES + 1)));
    expect(error(worker.handleInbound(env))).toEqual({
      kind: 'PayloadTooLarge',
      size: MAX_PAYLOAD_BYTES + 1,
      max: MAX_PAYLOAD_BYTES,
    });
    expect(worker.jobs()).toEqual([]);
  });

  it('rejects worker-originated ops as the wrong direction without touching the high-water mark', () => {
    const worker = readyWorker();
    const looped = workerEnvelope('w-1', 99n, 99n, SEED, 0n, {
      type: 'StatusSnapshot',
      snapshot: { jobId: 1n, state: 'Running', detail: null },
    });
    expect(error(worker.handleInbound(looped))).toEqual({ kind: 'UnexpectedDirection', op: 'Discriminant(4)' });
    const done = workerEnvelope('w-1', 7n, 7n, SEED, 0n, { type: 'ShutdownCompleted' });
    expect(error(worker.handleInbound(done))).toEqual({ kind: 'UnexpectedDirection', op: 'Discriminant(13)' });
    expect(worker.lastInboundSeqNo).toBe(0n);
    expect(worker.state).toBe('ready');
    value(worker.handleInbound(fromCoord(1n, spawnOp(1n))));
  });

  it('requires coordinator seqNo to strictly increase: duplicates and regressions are not fresh', () => {
    const worker = readyWorker();
    const first = fromCoord(5n, spawnOp(1n));
    value(worker.handleInbound(first));
    expect(worker.lastInboundSeqNo).toBe(5n);
    expect(error(worker.handleInbound(first))).toEqual({ kind: 'InboundSequenceNotFresh', lastSeen: 5n, actual: 5n });
    expect(error(worker.handleInbound(fromCoord(3n, spawnOp(2n))))).toEqual({
      kind: 'InboundSequenceNotFresh',
      lastSeen: 5n,
      actual: 3n,
    });
    expect(worker.jobs().map((j) => j.jobId)).toEqual([1n]);
    value(worker.handleInbound(fromCoord(6n, spawnOp(2n))));
    expect(worker.lastInboundSeqNo).toBe(6n);
  });

  it('a fresh envelope whose op is refused still consumes its seqNo', () => {
    const worker = readyWorker();
    expect(error(worker.handleInbound(fromCoord(2n, { type: 'PollStatus', jobId: 9n })))).toEqual({
      kind: 'UnknownJobId',
      jobId: 9n,
    });
    expect(worker.lastInboundSeqNo).toBe(2n);
    expect(error(worker.handleInbound(fromCoord(2n, spawnOp(9n))))).toMatchObject({ kind: 'InboundSequenceNotFresh' });
  });
});

describe('jobs: spawn and step', () => {
  it('SpawnJob queues the job, looks its behaviour up once with the request, and sends nothing', () => {
    const seen: bigint[] = [];
    const worker = new WorkerEndpoint({
      workerId: 'w-1',
      seed: SEED,
      behaviour: (req) => {
        seen.push(req.jobId, req.regionId, req.taskId, req.obligationId, BigInt(req.payload.length));
        return { steps: 1, outcome: OK_7 };
      },
    });
    worker.bootstrap();
    drain(worker);
    expect(value(worker.handleInbound(fromCoord(1n, spawnOp(4n))))).toBe('Handled');
    expect(seen).toEqual([4n, 100n, 200n, 300n, 3n]);
    expect(worker.jobState(4n)).toBe('Queued');
    expect(error(worker.handleInbound(fromCoord(2n, spawnOp(4n))))).toEqual({ kind: 'DuplicateJobId', jobId: 4n });
    expect(seen).toHaveLength(5);
    expect(drain(worker)).toEqual([]);
  });

  it('first step starts the job silently; the step doing the last unit sends JobCompleted', () => {
    const outcome = { status: 'Err', code: 'E42', message: 'bad input' } as const;
    const worker = readyWorker({ steps: 3, outcome });
    value(worker.handleInbound(fromCoord(1n, spawnOp(1n))));
    const notes = [];
    for (let i = 0; i < 3; i++) {
      notes.push(value(worker.stepJob(1n)));
      expect(worker.jobState(1n)).toBe('Running');
      expect(drain(worker)).toEqual([]);
    }
    notes.push(value(worker.stepJob(1n)));
    expect(notes).toEqual(['Started', 'Progressed', 'Progressed', 'Completed']);
    expect(worker.jobState(1n)).toBe('Completed');
    expect(ops(drain(worker))).toEqual([{ type: 'JobCompleted', result: { jobId: 1n, outcome } }]);
    expect(worker.settledJobs()).toEqual([{ jobId: 1n, outcome, via: 'completion' }]);
  });

  it('sends StatusSnapshot(Running) on start when enabled, per endpoint or per behaviour', () => {
    const snapshot = { type: 'StatusSnapshot', snapshot: { jobId: 1n, state: 'Running', detail: null } };
    const endpointWide = readyWorker({ steps: 1, outcome: OK_7 }, { snapshotOnStart: true });
    value(endpointWide.handleInbound(fromCoord(1n, spawnOp(1n))));
    expect(value(endpointWide.stepJob(1n))).toBe('Started');
    expect(ops(drain(endpointWide))).toEqual([snapshot]);

    const perJob = readyWorker({ steps: 1, outcome: OK_7, snapshotOnStart: true });
    value(perJob.handleInbound(fromCoord(1n, spawnOp(1n))));
    value(perJob.stepJob(1n));
    expect(ops(drain(perJob))).toEqual([snapshot]);

    const suppressed = readyWorker({ steps: 1, outcome: OK_7, snapshotOnStart: false }, { snapshotOnStart: true });
    value(suppressed.handleInbound(fromCoord(1n, spawnOp(1n))));
    value(suppressed.stepJob(1n));
    expect(drain(suppressed)).toEqual([]);
  });

  it('steps: 0 completes on the starting step, after the start snapshot', () => {
    const worker = readyWorker({ steps: 0, outcome: OK_7 }, { snapshotOnStart: true });
    value(worker.handleInbound(fromCoord(1n, spawnOp(1n))));
    expect(value(worker.stepJob(1n))).toBe('Completed');
    expect(drain(worker).map((e) => e.op.type)).toEqual(['StatusSnapshot', 'JobCompleted']);
  });

  it('refuses to step a settled or unknown job', () => {
    const worker = readyWorker({ steps: 0, outcome: OK_7 });
    value(worker.handleInbound(fromCoord(1n, spawnOp(1n))));
    value(worker.stepJob(1n));
    drain(worker);
    expect(error(worker.stepJob(1n))).toEqual({ kind: 'InvalidTransition', jobId: 1n, from: 'Completed', to: 'Running' });
    expect(error(worker.stepJob(2n))).toEqual({ kind: 'UnknownJobId', jobId: 2n });
    expect(drain(worker)).toEqual([]);
  });

  it('throws RangeError for a behaviour with invalid steps', () => {
    for (const steps of [-1, 1.5, Number.NaN]) {
      const worker = readyWorker({ steps, outcome: OK_7 } as JobBehaviour);
      expect(() => worker.handleInbound(fromCoord(1n, spawnOp(1n)))).toThrow(RangeError);
    }
  });
});

describe('jobs: poll, cancel, drain, finalize', () => {
  it('PollStatus answers Queued/Running snapshots and stays silent for other or unknown jobs', () => {
    const worker = readyWorker({ steps: 2, outcome: OK_7 });
    value(worker.handleInbound(fromCoord(1n, spawnOp(1n))));
    value(worker.handleInbound(fromCoord(2n, { type: 'PollStatus', jobId: 1n })));
    value(worker.stepJob(1n));
    value(worker.stepJob(1n));
    value(worker.handleInbound(fromCoord(3n, { type: 'PollStatus', jobId: 1n })));
    expect(ops(drain(worker))).toEqual([
      { type: 'StatusSnapshot', snapshot: { jobId: 1n, state: 'Queued', detail: '0/2 steps' } },
      { type: 'StatusSnapshot', snapshot: { jobId: 1n, state: 'Running', detail: '1/2 steps' } },
    ]);
    value(worker.stepJob(1n));
    drain(worker);
    expect(value(worker.handleInbound(fromCoord(4n, { type: 'PollStatus', jobId: 1n })))).toBe('PollNotReported');
    value(worker.handleInbound(fromCoord(5n, spawnOp(2n))));
    value(worker.handleInbound(fromCoord(6n, { type: 'CancelJob', jobId: 2n, reason: 'r' })));
    drain(worker);
    expect(value(worker.handleInbound(fromCoord(7n, { type: 'PollStatus', jobId: 2n })))).toBe('PollNotReported');
    expect(error(worker.handleInbound(fromCoord(8n, { type: 'PollStatus', jobId: 3n })))).toEqual({
      kind: 'UnknownJobId',
      jobId: 3n,
    });
    expect(drain(worker)).toEqual([]);
  });

  it('CancelJob acknowledges a Queued or Running job and stops it', () => {
    const worker = readyWorker({ steps: 5, outcome: OK_7 });
    value(worker.handleInbound(fromCoord(1n, spawnOp(1n))));
    value(worker.handleInbound(fromCoord(2n, spawnOp(2n))));
    value(worker.stepJob(2n));
    value(worker.handleInbound(fromCoord(3n, { type: 'CancelJob', jobId: 1n, reason: 'queued' })));
    value(worker.handleInbound(fromCoord(4n, { type: 'CancelJob', jobId: 2n, reason: 'running' })));
    expect(ops(drain(worker))).toEqual([
      { type: 'CancelAcknowledged', jobId: 1n },
      { type: 'CancelAcknowledged', jobId: 2n },
    ]);
    expect(worker.jobs().map((j) => [j.state, j.cancelReason])).toEqual([
      ['Draining', 'queued'],
      ['Draining', 'running'],
    ]);
    expect(error(worker.stepJob(2n))).toEqual({ kind: 'InvalidTransition', jobId: 2n, from: 'Draining', to: 'Running' });
    expect(error(worker.handleInbound(fromCoord(5n, { type: 'CancelJob', jobId: 2n, reason: 'again' })))).toEqual({
      kind: 'InvalidTransition',
      jobId: 2n,
      from: 'Draining',
      to: 'CancelRequested',
    });
    expect(error(worker.handleInbound(fromCoord(6n, { type: 'CancelJob', jobId: 3n, reason: 'x' })))).toEqual({
      kind: 'UnknownJobId',
      jobId: 3n,
    });
    expect(drain(worker)).toEqual([]);
  });

  it('CancelJob for a job whose JobCompleted was already sent does nothing (the race)', () => {
    const worker = readyWorker({ steps: 0, outcome: OK_7 });
    value(worker.handleInbound(fromCoord(1n, spawnOp(1n))));
    value(worker.stepJob(1n));
    expect(drain(worker).map((e) => e.op.type)).toEqual(['JobCompleted']);
    expect(value(worker.handleInbound(fromCoord(2n, { type: 'CancelJob', jobId: 1n, reason: 'late' })))).toBe(
      'IgnoredLateCancel',
    );
    expect(drain(worker)).toEqual([]);
    expect(worker.settledJobs()).toEqual([{ jobId: 1n, outcome: OK_7, via: 'completion' }]);
  });

  it('DrainJob and FinalizeJob run only in their phase and settle the job as Cancelled', () => {
    const worker = readyWorker({ steps: 5, outcome: OK_7 });
    value(worker.handleInbound(fromCoord(1n, spawnOp(1n))));
    value(worker.stepJob(1n));
    expect(error(worker.handleInbound(fromCoord(2n, { type: 'DrainJob', jobId: 1n })))).toEqual({
      kind: 'InvalidTransition',
      jobId: 1n,
      from: 'Running',
      to: 'Finalizing',
    });
    value(worker.handleInbound(fromCoord(3n, { type: 'CancelJob', jobId: 1n, reason: 'user abort' })));
    expect(error(worker.handleInbound(fromCoord(4n, { type: 'FinalizeJob', jobId: 1n })))).toEqual({
      kind: 'InvalidTransition',
      jobId: 1n,
      from: 'Draining',
      to: 'Completed',
    });
    value(worker.handleInbound(fromCoord(5n, { type: 'DrainJob', jobId: 1n })));
    expect(worker.jobState(1n)).toBe('Finalizing');
    expect(error(worker.handleInbound(fromCoord(6n, { type: 'DrainJob', jobId: 1n })))).toMatchObject({
      kind: 'InvalidTransition',
      from: 'Finalizing',
    });
    value(worker.handleInbound(fromCoord(7n, { type: 'FinalizeJob', jobId: 1n })));
    expect(ops(drain(worker))).toEqual([
      { type: 'CancelAcknowledged', jobId: 1n },
      { type: 'DrainCompleted', jobId: 1n },
      { type: 'FinalizeCompleted', jobId: 1n },
    ]);
    const cancelled = { status: 'Cancelled', reason: 'user abort' };
    expect(worker.settledJobs()).toEqual([{ jobId: 1n, outcome: cancelled, via: 'cancellation' }]);
    expect(error(worker.handleInbound(fromCoord(8n, { type: 'FinalizeJob', jobId: 1n })))).toMatchObject({
      kind: 'InvalidTransition',
      from: 'Completed',
    });
    expect(error(worker.handleInbound(fromCoord(9n, { type: 'DrainJob', jobId: 2n })))).toEqual({
      kind: 'UnknownJobId',
      jobId: 2n,
    });
    expect(drain(worker)).toEqual([]);
  });
});

describe('shutdown and observation', () => {
  it('ShutdownWorker sends ShutdownCompleted after anything queued, then the worker accepts nothing', () => {
    const worker = readyWorker({ steps: 0, outcome: OK_7 });
    value(worker.handleInbound(fromCoord(1n, spawnOp(1n))));
    value(worker.handleInbound(fromCoord(2n, spawnOp(2n))));
    value(worker.stepJob(1n));
    value(worker.handleInbound(fromCoord(3n, { type: 'ShutdownWorker', reason: 'bye' })));
    expect(worker.state).toBe('stopped');
    expect(drain(worker).map((e) => e.op.type)).toEqual(['JobCompleted', 'ShutdownCompleted']);
    expect(error(worker.handleInbound(fromCoord(4n, { type: 'PollStatus', jobId: 2n })))).toEqual({
      kind: 'ShutdownInProgress',
    });
    expect(error(worker.stepJob(2n))).toEqual({ kind: 'ShutdownInProgress' });
    expect(worker.lastInboundSeqNo).toBe(3n);
    expect(worker.jobState(2n)).toBe('Queued');
    expect(drain(worker)).toEqual([]);
  });

  it('lists jobs and settled jobs sorted by id, as frozen copies', () => {
    const worker = readyWorker({ steps: 0, outcome: OK_7 });
    let seq = 0n;
    for (const id of [10n, 2n, 7n]) value(worker.handleInbound(fromCoord(++seq, spawnOp(id))));
    value(worker.stepJob(10n));
    value(worker.stepJob(2n));
    const jobs = worker.jobs();
    expect(jobs.map((j) => [j.jobId, j.state])).toEqual([
      [2n, 'Completed'],
      [7n, 'Queued'],
      [10n, 'Completed'],
    ]);
    expect(jobs.every((j) => Object.isFrozen(j))).toBe(true);
    expect(worker.settledJobs().map((s) => s.jobId)).toEqual([2n, 10n]);
    expect(worker.pendingOutbox().map((e) => e.op.type)).toEqual(['JobCompleted', 'JobCompleted']);
    expect(worker.pendingOutbox()).toHaveLength(2);
  });

  it('forgetJob drops only settled jobs; a forgotten id is unknown and may be spawned again', () => {
    const worker = readyWorker({ steps: 0, outcome: OK_7 });
    value(worker.handleInbound(fromCoord(1n, spawnOp(1n))));
    expect(worker.forgetJob(1n)).toBe(false);
    expect(worker.forgetJob(99n)).toBe(false);
    value(worker.stepJob(1n));
    expect(worker.forgetJob(1n)).toBe(true);
    expect(worker.jobs()).toEqual([]);
    expect(worker.settledJobs()).toEqual([]);
    expect(error(worker.handleInbound(fromCoord(2n, { type: 'CancelJob', jobId: 1n, reason: 'r' })))).toEqual({
      kind: 'UnknownJobId',
      jobId: 1n,
    });
    value(worker.handleInbound(fromCoord(3n, spawnOp(1n))));
    expect(worker.jobState(1n)).toBe('Queued');
  });

});

describe('lockstep with a real WorkerCoordinator', () => {
  const allOk = (results: WorkerResult<unknown>[]): number => {
    for (const r of results) value(r);
    return results.length;
  };

  /** A coordinator and a worker, bootstrapped and connected. */
  function pair(behaviour: JobBehaviour, snapshotOnStart = true): { coord: WorkerCoordinator; worker: WorkerEndpoint } {
    const coord = new WorkerCoordinator(SEED);
    const worker = makeWorker(behaviour, { snapshotOnStart });
    value(worker.bootstrap());
    expect(allOk(toCoordinator(worker, coord))).toBe(1);
    expect(coord.isWorkerReady()).toBe(true);
    expect(coord.activeWorkerId).toBe('w-1');
    return { coord, worker };
  }

  it('a bootstrap failure reaches the coordinator as BootstrapFailed', () => {
    const coord = new WorkerCoordinator(SEED);
    const worker = makeWorker(undefined, { bootstrapFailure: 'no wasm' });
    worker.bootstrap();
    expect(toCoordinator(worker, coord).map((r) => (r.ok ? null : r.error))).toEqual([
      { kind: 'BootstrapFailed', reason: 'no wasm' },
    ]);
    expect(coord.isWorkerReady()).toBe(false);
  });

  it('bootstrap → spawn → snapshot → complete', () => {
    const { coord, worker } = pair({ steps: 1, outcome: OK_7 });
    value(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array([1, 2, 3])));
    expect(allOk(toWorker(coord, worker))).toBe(1);
    expect([coord.jobState(1n), worker.jobState(1n)]).toEqual(['Queued', 'Queued']);
    value(worker.stepJob(1n));
    expect(allOk(toCoordinator(worker, coord))).toBe(1);
    expect([coord.jobState(1n), worker.jobState(1n)]).toEqual(['Running', 'Running']);
    value(worker.stepJob(1n));
    expect(allOk(toCoordinator(worker, coord))).toBe(1);
    expect([coord.jobState(1n), worker.jobState(1n)]).toEqual(['Completed', 'Completed']);
    expect(coord.inflightCount()).toBe(0);
    expect(worker.settledJobs()).toEqual([{ jobId: 1n, outcome: OK_7, via: 'completion' }]);
    expect(coord.lastInboundSeqNo).toBe(3n);
    expect(worker.lastInboundSeqNo).toBe(1n);
  });

  it('a poll round-trips through the coordinator', () => {
    const { coord, worker } = pair({ steps: 3, outcome: OK_7 }, false);
    value(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    allOk(toWorker(coord, worker));
    value(worker.stepJob(1n));
    value(coord.pollStatus(1n));
    allOk(toWorker(coord, worker));
    expect(allOk(toCoordinator(worker, coord))).toBe(1);
    expect(coord.jobState(1n)).toBe('Running');
  });

  it('cancel → ack → drain → finalize, with both sides agreeing at every step', () => {
    const { coord, worker } = pair({ steps: 5, outcome: OK_7 });
    value(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    allOk(toWorker(coord, worker));
    value(worker.stepJob(1n));
    allOk(toCoordinator(worker, coord));
    value(coord.cancelJob(1n, 'user abort'));
    expect(coord.jobState(1n)).toBe('CancelRequested');
    const expected = ['Draining', 'Finalizing', 'Completed'];
    for (const state of expected) {
      expect(allOk(toWorker(coord, worker))).toBe(1);
      expect(worker.jobState(1n)).toBe(state);
      expect(allOk(toCoordinator(worker, coord))).toBe(1);
      expect(coord.jobState(1n)).toBe(state);
    }
    expect(drain(coord)).toEqual([]);
    expect(worker.settledJobs()).toEqual([
      { jobId: 1n, outcome: { status: 'Cancelled', reason: 'user abort' }, via: 'cancellation' },
    ]);
  });

  it('cancel racing completion: the coordinator accepts JobCompleted while CancelRequested, the worker ignores the late CancelJob', () => {
    const { coord, worker } = pair({ steps: 1, outcome: OK_7 });
    value(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    allOk(toWorker(coord, worker));
    value(worker.stepJob(1n));
    allOk(toCoordinator(worker, coord));
    expect(coord.jobState(1n)).toBe('Running');
    // Both sides move before either hears from the other.
    value(coord.cancelJob(1n, 'too slow'));
    expect(value(worker.stepJob(1n))).toBe('Completed');
    expect(coord.jobState(1n)).toBe('CancelRequested');
    expect(allOk(toCoordinator(worker, coord))).toBe(1);
    expect(coord.jobState(1n)).toBe('Completed');
    expect(toWorker(coord, worker).map((r) => value(r))).toEqual(['IgnoredLateCancel']);
    expect(drain(worker)).toEqual([]);
    expect(drain(coord)).toEqual([]);
    expect(coord.inflightCount()).toBe(0);
    expect(worker.settledJobs()).toEqual([{ jobId: 1n, outcome: OK_7, via: 'completion' }]);
  });

  it('a cancel that wins the race stops the job before it completes', () => {
    const { coord, worker } = pair({ steps: 1, outcome: OK_7 });
    value(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    allOk(toWorker(coord, worker));
    value(worker.stepJob(1n));
    allOk(toCoordinator(worker, coord));
    value(coord.cancelJob(1n, 'first'));
    allOk(toWorker(coord, worker));
    expect(error(worker.stepJob(1n))).toMatchObject({ kind: 'InvalidTransition', from: 'Draining' });
    for (let i = 0; i < 3; i++) {
      allOk(toCoordinator(worker, coord));
      allOk(toWorker(coord, worker));
    }
    allOk(toCoordinator(worker, coord));
    expect([coord.jobState(1n), worker.jobState(1n)]).toEqual(['Completed', 'Completed']);
    expect(worker.settledJobs()[0]?.via).toBe('cancellation');
  });

  it('shutdown: ShutdownWorker → ShutdownCompleted; the coordinator fails live jobs; the worker stops', () => {
    const { coord, worker } = pair({ steps: 0, outcome: OK_7 }, false);
    value(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    value(coord.spawnJob(2n, 100n, 201n, 301n, new Uint8Array()));
    allOk(toWorker(coord, worker));
    value(worker.stepJob(1n));
    allOk(toCoordinator(worker, coord));
    value(coord.requestShutdown('done'));
    expect(allOk(toWorker(coord, worker))).toBe(1);
    expect(worker.state).toBe('stopped');
    expect(allOk(toCoordinator(worker, coord))).toBe(1);
    expect(coord.isWorkerReady()).toBe(false);
    expect([coord.jobState(1n), coord.jobState(2n)]).toEqual(['Completed', 'Failed']);
    expect(worker.settledJobs().map((s) => s.jobId)).toEqual([1n]);
  });

  it('stale, reordered and duplicated coordinator envelopes are rejected by the worker', () => {
    const { coord, worker } = pair({ steps: 1, outcome: OK_7 });
    value(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    value(coord.spawnJob(2n, 100n, 200n, 300n, new Uint8Array()));
    const [first, second] = drain(coord) as [WorkerEnvelope, WorkerEnvelope];
    value(worker.handleInbound(second));
    expect(error(worker.handleInbound(first))).toEqual({
      kind: 'InboundSequenceNotFresh',
      lastSeen: second.seqNo,
      actual: first.seqNo,
    });
    expect(error(worker.handleInbound(second))).toMatchObject({ kind: 'InboundSequenceNotFresh' });
    expect(worker.jobs().map((j) => j.jobId)).toEqual([2n]);
    // And the coordinator rejects a duplicated worker envelope just the same.
    value(worker.stepJob(2n));
    const [snapshot] = drain(worker) as [WorkerEnvelope];
    value(coord.handleInbound(snapshot));
    expect(coord.handleInbound(snapshot)).toMatchObject({ ok: false, error: { kind: 'InboundSequenceNotFresh' } });
  });

  it('over many jobs the coordinator and the worker agree on every settled job', () => {
    const coord = new WorkerCoordinator(SEED);
    const worker = new WorkerEndpoint({
      workerId: 'w-1',
      seed: SEED,
      snapshotOnStart: true,
      behaviour: (req) => ({ steps: Number(req.jobId % 3n), outcome: { status: 'Panicked', message: `p${req.jobId}` } }),
    });
    worker.bootstrap();
    allOk(toCoordinator(worker, coord));
    for (let id = 1n; id <= 30n; id++) {
      value(coord.spawnJob(id, 1n, id, id, new Uint8Array()));
      allOk(toWorker(coord, worker));
      value(worker.stepJob(id));
      allOk(toCoordinator(worker, coord));
      if (id % 2n === 1n && worker.jobState(id) === 'Running') value(coord.cancelJob(id, `c${id}`));
      while (coord.jobState(id) !== 'Completed') {
        if (allOk(toWorker(coord, worker)) === 0) value(worker.stepJob(id));
        allOk(toCoordinator(worker, coord));
      }
      coord.advanceTurn();
      worker.advanceTurn();
    }
    const settled = worker.settledJobs();
    expect(settled).toHaveLength(30);
    expect(coord.trackedJobs().every((j) => j.state === 'Completed')).toBe(true);
    const cancelled = settled.filter((s) => s.via === 'cancellation').map((s) => s.jobId);
    // Odd ids with at least one unit of work (id % 3 != 0) were still running when cancelled.
    expect(cancelled).toEqual([1n, 5n, 7n, 11n, 13n, 17n, 19n, 23n, 25n, 29n]);
  });

  it('a subclass can misbehave through the stamp hook (the faulty-worker extension point)', () => {
    class ReusesSeqNo extends WorkerEndpoint {
      private sent = 0;
      protected override stamp(op: WorkerOp): WorkerEnvelope {
        const env = super.stamp(op);
        this.sent += 1;
        return this.sent === 3 ? workerEnvelope(this.workerId, env.messageId, 2n, this.seed, 0n, op) : env;
      }
    }
    const coord = new WorkerCoordinator(SEED);
    const worker = new ReusesSeqNo({
      workerId: 'w-1',
      seed: SEED,
      snapshotOnStart: true,
      behaviour: () => ({ steps: 1, outcome: OK_7 }),
    });
    worker.bootstrap();
    allOk(toCoordinator(worker, coord));
    value(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    allOk(toWorker(coord, worker));
    value(worker.stepJob(1n));
    value(worker.stepJob(1n));
    const results = toCoordinator(worker, coord);
    expect(results[0]?.ok).toBe(true);
    expect(results[1]).toEqual({ ok: false, error: { kind: 'InboundSequenceNotFresh', lastSeen: 2n, actual: 2n } });
    expect(coord.jobState(1n)).toBe('Running');
  });
});
