/**
 * `formatWorkerChannelError` against the Rust `impl fmt::Display for
 * WorkerChannelError`, and `rustDiscriminant` against
 * `format!("{:?}", std::mem::discriminant(&op))`.
 */
import { describe, expect, it } from 'vitest';
import {
  formatWorkerChannelError,
  newEnvelope,
  rustDiscriminant,
  WORKER_CHANNEL_ERROR_KINDS,
  WORKER_OP_TYPES,
  WorkerCoordinator,
  workerEnvelope,
  type WorkerChannelError,
} from '../../src/protocol/index.js';

const U64_MAX = 2n ** 64n - 1n;

/** Each error with the text the Rust `Display` impl writes for it. */
const CASES: readonly (readonly [WorkerChannelError, string])[] = [
  [{ kind: 'VersionMismatch', expected: 1, actual: 99 }, 'protocol version mismatch: expected 1, got 99'],
  [
    { kind: 'VersionMismatch', expected: 1, actual: 4294967295 },
    'protocol version mismatch: expected 1, got 4294967295',
  ],
  [
    { kind: 'ReplayHashMismatch', expected: U64_MAX, actual: 2n ** 53n + 1n },
    'replay hash mismatch: expected 18446744073709551615, got 9007199254740993',
  ],
  [
    { kind: 'InboundSequenceNotFresh', lastSeen: 5n, actual: 1n },
    'inbound worker sequence is not fresh: saw 1 after 5',
  ],
  [{ kind: 'MissingWorkerSessionIdentity' }, 'worker-originated envelope missing worker session identity'],
  [
    { kind: 'UnexpectedWorkerSessionIdentity', workerId: 'w-7' },
    'main-thread envelope unexpectedly carried worker session identity w-7',
  ],
  [
    { kind: 'WorkerIdentityMismatch', expected: 'op-worker', actual: 'env-worker' },
    'worker identity mismatch: envelope carried env-worker, operation expects op-worker',
  ],
  [
    { kind: 'InboundWorkerSessionMismatch', expected: 'test-worker-2', actual: 'test-worker-1' },
    'inbound worker session mismatch: active session test-worker-2, got test-worker-1',
  ],
  [
    { kind: 'InboundWorkerSessionMismatch', expected: null, actual: 'test-worker-1' },
    'inbound worker session mismatch: no active session, got test-worker-1',
  ],
  [
    { kind: 'InboundWorkerSessionMismatch', expected: '', actual: 'x' },
    'inbound worker session mismatch: active session , got x',
  ],
  [
    { kind: 'PayloadTooLarge', size: 262145, max: 262144 },
    'payload too large: 262145 bytes exceeds 262144 byte limit',
  ],
  [
    { kind: 'InvalidTransition', jobId: 1n, from: 'CancelRequested', to: 'Running' },
    'invalid job 1 transition: cancel_requested → running',
  ],
  [
    { kind: 'InvalidTransition', jobId: U64_MAX, from: 'Created', to: 'Completed' },
    'invalid job 18446744073709551615 transition: created → completed',
  ],
  [
    { kind: 'TerminalStatusSnapshot', jobId: 1n, state: 'Completed' },
    'job 1 reported terminal state completed via status snapshot',
  ],
  [
    { kind: 'TerminalStatusSnapshot', jobId: 2n, state: 'Failed' },
    'job 2 reported terminal state failed via status snapshot',
  ],
  [
    { kind: 'InvalidStatusSnapshotState', jobId: 1n, state: 'Draining' },
    'job 1 reported coordinator-owned state draining via status snapshot',
  ],
  [
    { kind: 'InvalidStatusSnapshotState', jobId: 1n, state: 'Finalizing' },
    'job 1 reported coordinator-owned state finalizing via status snapshot',
  ],
  [
    { kind: 'UnexpectedCompletionPhase', jobId: 1n, state: 'Finalizing' },
    'job 1 reported completion while coordinator was in finalizing',
  ],
  [
    { kind: 'UnexpectedCompletionPhase', jobId: 3n, state: 'Queued' },
    'job 3 reported completion while coordinator was in queued',
  ],
  [{ kind: 'WorkerNotReady' }, 'worker has not reported bootstrap readiness'],
  [{ kind: 'ShutdownInProgress' }, 'shutdown already in progress'],
  [{ kind: 'DuplicateJobId', jobId: 1n }, 'duplicate job id: 1'],
  [{ kind: 'UnknownJobId', jobId: 2n ** 63n }, 'unknown job id: 9223372036854775808'],
  [{ kind: 'BootstrapFailed', reason: 'synthetic boot failure' }, 'worker bootstrap failed: synthetic boot failure'],
  [
    { kind: 'UnexpectedDirection', op: 'Discriminant(2)' },
    'received outbound-only operation as inbound: Discriminant(2)',
  ],
];

describe('formatWorkerChannelError', () => {
  it.each(CASES.map(([e, text]) => [e.kind, e, text] as const))('%s', (_kind, error, text) => {
    expect(formatWorkerChannelError(error)).toBe(text);
  });

  it('covers every error kind', () => {
    expect(new Set(CASES.map(([e]) => e.kind))).toEqual(new Set(WORKER_CHANNEL_ERROR_KINDS));
    expect(WORKER_CHANNEL_ERROR_KINDS).toHaveLength(18);
  });

  it('writes every job state the way `impl fmt::Display for JobState` does', () => {
    const display = {
      Created: 'created',
      Queued: 'queued',
      Running: 'running',
      CancelRequested: 'cancel_requested',
      Draining: 'draining',
      Finalizing: 'finalizing',
      Completed: 'completed',
      Failed: 'failed',
    } as const;
    for (const [state, text] of Object.entries(display) as [keyof typeof display, string][]) {
      expect(formatWorkerChannelError({ kind: 'TerminalStatusSnapshot', jobId: 0n, state })).toBe(
        `job 0 reported terminal state ${text} via status snapshot`,
      );
    }
  });
});

describe('rustDiscriminant', () => {
  it("is Discriminant(2) for SpawnJob", () => {
    expect(rustDiscriminant('SpawnJob')).toBe('Discriminant(2)');
  });

  it('numbers the ops in Rust declaration order', () => {
    expect(WORKER_OP_TYPES.map(rustDiscriminant)).toEqual([
      'Discriminant(0)', // BootstrapReady
      'Discriminant(1)', // BootstrapFailed
      'Discriminant(2)', // SpawnJob
      'Discriminant(3)', // PollStatus
      'Discriminant(4)', // StatusSnapshot
      'Discriminant(5)', // JobCompleted
      'Discriminant(6)', // CancelJob
      'Discriminant(7)', // CancelAcknowledged
      'Discriminant(8)', // DrainJob
      'Discriminant(9)', // DrainCompleted
      'Discriminant(10)', // FinalizeJob
      'Discriminant(11)', // FinalizeCompleted
      'Discriminant(12)', // ShutdownWorker
      'Discriminant(13)', // ShutdownCompleted
      'Discriminant(14)', // Diagnostic
    ]);
  });

  it('is what the coordinator puts in UnexpectedDirection', () => {
    const coord = new WorkerCoordinator(42n);
    const ready = workerEnvelope('w', 1n, 1n, 42n, 0n, { type: 'BootstrapReady', workerId: 'w' });
    expect(coord.handleInbound(ready).ok).toBe(true);
    const spawn = newEnvelope(2n, 2n, 42n, 1n, {
      type: 'SpawnJob',
      request: { jobId: 1n, regionId: 100n, taskId: 200n, obligationId: 300n, payload: new Uint8Array() },
    });
    const result = coord.handleInbound(spawn);
    expect(result).toEqual({ ok: false, error: { kind: 'UnexpectedDirection', op: 'Discriminant(2)' } });
    if (!result.ok) {
      expect(formatWorkerChannelError(result.error)).toBe(
        'received outbound-only operation as inbound: Discriminant(2)',
      );
    }
    const shutdown = newEnvelope(3n, 3n, 42n, 1n, { type: 'ShutdownWorker', reason: 'r' });
    expect(coord.handleInbound(shutdown)).toEqual({
      ok: false,
      error: { kind: 'UnexpectedDirection', op: 'Discriminant(12)' },
    });
  });
});
