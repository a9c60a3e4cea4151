/**
 * The 46 `#[test]` functions of the Rust seed's `mod tests`
 * (`/work/shared/seeds/000_f50924b3013449e8.txt`), one `it` each, same name,
 * same scenario, same assertions.
 *
 * `assert_eq!(x, Err(E))` compares the whole error value; `matches!(x, Err(E { .. }))`
 * checks the kind only (or the whole value when the pattern binds every field).
 */
import { describe, expect, it } from 'vitest';
import {
  canTransitionTo,
  envelopeToJson,
  MAX_PAYLOAD_BYTES,
  newEnvelope,
  opToJson,
  outcomePayloadTransfer,
  parseEnvelopeJson,
  replayHash,
  validateEnvelope,
  WORKER_PROTOCOL_VERSION,
  WorkerCoordinator,
  workerEnvelope,
  type Result,
  type WorkerEnvelope,
  type WorkerOp,
} from '../../src/protocol/index.js';

// ── Helpers, as in the Rust `mod tests` ──

function workerEnv(
  workerId: string,
  messageId: bigint,
  seqNo: bigint,
  issuedAtTurn: bigint,
  op: WorkerOp,
): WorkerEnvelope {
  return workerEnvelope(workerId, messageId, seqNo, 42n, issuedAtTurn, op);
}

function testWorkerEnv(messageId: bigint, seqNo: bigint, issuedAtTurn: bigint, op: WorkerOp): WorkerEnvelope {
  return workerEnv('test-worker-1', messageId, seqNo, issuedAtTurn, op);
}

function bootstrapReadyEnvelope(seq: bigint): WorkerEnvelope {
  return workerEnv('test-worker-1', seq, seq, 0n, { type: 'BootstrapReady', workerId: 'test-worker-1' });
}

function bootstrapFailedEnvelope(seq: bigint, workerId: string, reason: string): WorkerEnvelope {
  return workerEnv(workerId, seq, seq, 0n, { type: 'BootstrapFailed', workerId, reason });
}

/** Rust `.unwrap()` on a `Result`. */
function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`called unwrap on Err: ${JSON.stringify(result.error, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))}`);
  return result.value;
}

/** Rust `coord.drain_outbox().unwrap()`. */
function drain(coord: WorkerCoordinator): WorkerEnvelope {
  const env = coord.drainOutbox();
  if (env === undefined) throw new Error('called unwrap on None: outbox is empty');
  return env;
}

/** Rust `matches!(result, Err(WorkerChannelError::<kind> { .. }))`. */
function expectErrKind<T>(result: Result<T>, kind: string): void {
  expect(result.ok).toBe(false);
  if (!result.ok) expect(result.error.kind).toBe(kind);
}

function runningSnapshot(detail: string | null): WorkerOp {
  return { type: 'StatusSnapshot', snapshot: { jobId: 1n, state: 'Running', detail } };
}

describe('seed mod tests', () => {
  it('coordinator_rejects_spawn_before_bootstrap', () => {
    const coord = new WorkerCoordinator(42n);
    const result = coord.spawnJob(1n, 100n, 200n, 300n, Uint8Array.of(1, 2, 3));
    expect(result).toEqual({ ok: false, error: { kind: 'WorkerNotReady' } });
  });

  it('coordinator_accepts_spawn_after_bootstrap', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    expect(coord.isWorkerReady()).toBe(true);

    const jobId = unwrap(coord.spawnJob(1n, 100n, 200n, 300n, Uint8Array.of(1, 2, 3)));
    expect(jobId).toBe(1n);
    expect(coord.jobState(1n)).toBe('Queued');
    expect(coord.inflightCount()).toBe(1);

    const msg = drain(coord);
    expect(msg.op.type).toBe('SpawnJob');
    expect(msg.version).toBe(WORKER_PROTOCOL_VERSION);
    expect(msg.seed).toBe(42n);
  });

  it('coordinator_tracks_full_job_lifecycle', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    coord.drainOutbox(); // consume spawn message

    // Queued → Completed is valid for fast-completing jobs that skip the Running notification.
    const resultEnv = testWorkerEnv(2n, 2n, 1n, {
      type: 'JobCompleted',
      result: { jobId: 1n, outcome: { status: 'Ok', payload: Uint8Array.of(42) } },
    });
    unwrap(coord.handleInbound(resultEnv));
    expect(coord.jobState(1n)).toBe('Completed');
    expect(coord.inflightCount()).toBe(0);
    expect(outcomePayloadTransfer({ status: 'Ok', payload: Uint8Array.of(42) })).toBe('structured_clone');
  });

  it('coordinator_tracks_cancellation_lifecycle', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    coord.drainOutbox();

    unwrap(coord.handleInbound(testWorkerEnv(2n, 2n, 1n, runningSnapshot('worker accepted job'))));
    expect(coord.jobState(1n)).toBe('Running');

    // Request cancellation
    unwrap(coord.cancelJob(1n, 'test cancel'));
    expect(coord.jobState(1n)).toBe('CancelRequested');
    const cancelMsg = drain(coord);
    expect(cancelMsg.op.type).toBe('CancelJob');

    // Worker acknowledges and coordinator emits the explicit drain phase request.
    const ack = testWorkerEnv(3n, 3n, 2n, { type: 'CancelAcknowledged', jobId: 1n });
    unwrap(coord.handleInbound(ack));
    expect(coord.jobState(1n)).toBe('Draining');
    const drainRequest = drain(coord);
    expect(drainRequest.op).toEqual({ type: 'DrainJob', jobId: 1n });

    // Worker completes drain and coordinator emits the finalize phase request.
    const drained = testWorkerEnv(4n, 4n, 3n, { type: 'DrainCompleted', jobId: 1n });
    unwrap(coord.handleInbound(drained));
    expect(coord.jobState(1n)).toBe('Finalizing');
    const finalizeRequest = drain(coord);
    expect(finalizeRequest.op).toEqual({ type: 'FinalizeJob', jobId: 1n });

    // Finalize completed
    const finalize = testWorkerEnv(5n, 5n, 4n, { type: 'FinalizeCompleted', jobId: 1n });
    unwrap(coord.handleInbound(finalize));
    expect(coord.jobState(1n)).toBe('Completed');
  });

  it('coordinator_rejects_terminal_status_snapshot', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    coord.drainOutbox();

    const snapshot = testWorkerEnv(2n, 2n, 1n, {
      type: 'StatusSnapshot',
      snapshot: { jobId: 1n, state: 'Completed', detail: 'terminal snapshots must use job_completed' },
    });
    expect(coord.handleInbound(snapshot)).toEqual({
      ok: false,
      error: { kind: 'TerminalStatusSnapshot', jobId: 1n, state: 'Completed' },
    });
    expect(coord.jobState(1n)).toBe('Queued');
  });

  it('coordinator_rejects_status_snapshot_for_protocol_owned_drain_phase', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    coord.drainOutbox();

    unwrap(coord.handleInbound(testWorkerEnv(2n, 2n, 1n, runningSnapshot(null))));
    unwrap(coord.cancelJob(1n, 'test cancel'));
    coord.drainOutbox();
    expect(coord.jobState(1n)).toBe('CancelRequested');

    const drainingSnapshot = testWorkerEnv(3n, 3n, 2n, {
      type: 'StatusSnapshot',
      snapshot: { jobId: 1n, state: 'Draining', detail: 'worker tried to skip cancel_acknowledged' },
    });
    expect(coord.handleInbound(drainingSnapshot)).toEqual({
      ok: false,
      error: { kind: 'InvalidStatusSnapshotState', jobId: 1n, state: 'Draining' },
    });
    expect(coord.jobState(1n)).toBe('CancelRequested');
  });

  it('coordinator_rejects_status_snapshot_for_protocol_owned_finalize_phase', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    coord.drainOutbox();

    unwrap(coord.handleInbound(testWorkerEnv(2n, 2n, 1n, runningSnapshot(null))));
    unwrap(coord.cancelJob(1n, 'test cancel'));
    coord.drainOutbox();

    unwrap(coord.handleInbound(testWorkerEnv(3n, 3n, 2n, { type: 'CancelAcknowledged', jobId: 1n })));
    coord.drainOutbox();
    expect(coord.jobState(1n)).toBe('Draining');

    const finalizingSnapshot = testWorkerEnv(4n, 4n, 3n, {
      type: 'StatusSnapshot',
      snapshot: { jobId: 1n, state: 'Finalizing', detail: 'worker tried to skip drain_completed' },
    });
    expect(coord.handleInbound(finalizingSnapshot)).toEqual({
      ok: false,
      error: { kind: 'InvalidStatusSnapshotState', jobId: 1n, state: 'Finalizing' },
    });
    expect(coord.jobState(1n)).toBe('Draining');
  });

  it('coordinator_rejects_job_completed_while_cancellation_protocol_active', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    coord.drainOutbox();

    unwrap(coord.handleInbound(testWorkerEnv(2n, 2n, 1n, runningSnapshot(null))));
    unwrap(coord.cancelJob(1n, 'test cancel'));
    coord.drainOutbox();

    unwrap(coord.handleInbound(testWorkerEnv(3n, 3n, 2n, { type: 'CancelAcknowledged', jobId: 1n })));
    coord.drainOutbox();

    unwrap(coord.handleInbound(testWorkerEnv(4n, 4n, 3n, { type: 'DrainCompleted', jobId: 1n })));
    coord.drainOutbox();

    const completed = testWorkerEnv(5n, 5n, 4n, {
      type: 'JobCompleted',
      result: { jobId: 1n, outcome: { status: 'Cancelled', reason: 'worker skipped finalize' } },
    });
    expect(coord.handleInbound(completed)).toEqual({
      ok: false,
      error: { kind: 'UnexpectedCompletionPhase', jobId: 1n, state: 'Finalizing' },
    });
    expect(coord.jobState(1n)).toBe('Finalizing');
  });

  it('coordinator_accepts_job_completed_racing_with_cancel_request', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    coord.drainOutbox();

    unwrap(coord.handleInbound(testWorkerEnv(2n, 2n, 1n, runningSnapshot('worker accepted job'))));
    unwrap(coord.cancelJob(1n, 'test cancel'));
    expect(coord.jobState(1n)).toBe('CancelRequested');
    const cancelMsg = drain(coord);
    expect(cancelMsg.op.type).toBe('CancelJob');

    const completed = testWorkerEnv(3n, 3n, 2n, {
      type: 'JobCompleted',
      result: { jobId: 1n, outcome: { status: 'Ok', payload: Uint8Array.of(7) } },
    });
    unwrap(coord.handleInbound(completed));
    expect(coord.jobState(1n)).toBe('Completed');
    expect(coord.inflightCount()).toBe(0);
    expect(coord.drainOutbox()).toBeUndefined();
  });

  it('coordinator_rejects_invalid_transition', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    coord.drainOutbox();

    unwrap(coord.cancelJob(1n, 'cancel before running'));
    expect(coord.jobState(1n)).toBe('CancelRequested');
    const cancel = drain(coord);
    expect(cancel.op).toMatchObject({ type: 'CancelJob', jobId: 1n });
  });

  it('coordinator_allows_cancel_before_running_snapshot', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    const spawn = drain(coord);
    expect(spawn.op.type).toBe('SpawnJob');

    unwrap(coord.cancelJob(1n, 'cancel before worker starts'));
    expect(coord.jobState(1n)).toBe('CancelRequested');
    const cancel = drain(coord);
    expect(cancel.op).toMatchObject({ type: 'CancelJob', jobId: 1n });
  });

  it('coordinator_rejects_oversized_payload', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    const bigPayload = new Uint8Array(MAX_PAYLOAD_BYTES + 1);
    const result = coord.spawnJob(1n, 100n, 200n, 300n, bigPayload);
    expectErrKind(result, 'PayloadTooLarge');
  });

  it('coordinator_rejects_duplicate_job_id', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    const result = coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array());
    expect(result).toEqual({ ok: false, error: { kind: 'DuplicateJobId', jobId: 1n } });
  });

  it('coordinator_shutdown_lifecycle', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));

    unwrap(coord.requestShutdown('test shutdown'));
    expect(coord.isShutdownRequested()).toBe(true);
    const msg = drain(coord);
    expect(msg.op.type).toBe('ShutdownWorker');

    // Reject spawn during shutdown
    const result = coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array());
    expect(result).toEqual({ ok: false, error: { kind: 'ShutdownInProgress' } });

    // Worker completes shutdown
    const done = testWorkerEnv(2n, 2n, 1n, { type: 'ShutdownCompleted' });
    unwrap(coord.handleInbound(done));
    expect(coord.isShutdownRequested()).toBe(false);
    expect(coord.isWorkerReady()).toBe(false);
    expect(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array())).toEqual({
      ok: false,
      error: { kind: 'WorkerNotReady' },
    });
  });

  it('coordinator_request_shutdown_discards_queued_spawn_before_shutdown', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.spawnJob(1n, 100n, 200n, 300n, Uint8Array.of(1, 2, 3)));

    unwrap(coord.requestShutdown('shutdown now'));

    const shutdown = drain(coord);
    expect(shutdown.op.type).toBe('ShutdownWorker');
    expect(coord.drainOutbox()).toBeUndefined();
  });

  it('coordinator_request_shutdown_discards_queued_poll_and_cancel_before_shutdown', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    coord.drainOutbox();

    unwrap(coord.handleInbound(testWorkerEnv(2n, 2n, 1n, runningSnapshot('worker accepted job'))));
    unwrap(coord.pollStatus(1n));
    unwrap(coord.cancelJob(1n, 'shutdown supersedes cancel'));

    unwrap(coord.requestShutdown('shutdown now'));

    const shutdown = drain(coord);
    expect(shutdown.op.type).toBe('ShutdownWorker');
    expect(coord.drainOutbox()).toBeUndefined();
  });

  it('coordinator_rejects_cancel_after_shutdown_requested_without_mutating_job', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    coord.drainOutbox();

    unwrap(coord.handleInbound(testWorkerEnv(2n, 2n, 1n, runningSnapshot('worker accepted job'))));
    unwrap(coord.requestShutdown('shutdown now'));

    expect(coord.cancelJob(1n, 'too late')).toEqual({ ok: false, error: { kind: 'ShutdownInProgress' } });
    expect(coord.jobState(1n)).toBe('Running');

    const shutdown = drain(coord);
    expect(shutdown.op.type).toBe('ShutdownWorker');
    expect(coord.drainOutbox()).toBeUndefined();
  });

  it('coordinator_rejects_poll_after_shutdown_requested_without_enqueuing_follow_up', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    coord.drainOutbox();

    unwrap(coord.handleInbound(testWorkerEnv(2n, 2n, 1n, runningSnapshot('worker accepted job'))));
    unwrap(coord.requestShutdown('shutdown now'));

    expect(coord.pollStatus(1n)).toEqual({ ok: false, error: { kind: 'ShutdownInProgress' } });
    expect(coord.jobState(1n)).toBe('Running');

    const shutdown = drain(coord);
    expect(shutdown.op.type).toBe('ShutdownWorker');
    expect(coord.drainOutbox()).toBeUndefined();
  });

  it('coordinator_shutdown_supersedes_cancel_acknowledged_follow_up', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    coord.drainOutbox();

    unwrap(coord.handleInbound(testWorkerEnv(2n, 2n, 1n, runningSnapshot('worker accepted job'))));
    unwrap(coord.cancelJob(1n, 'begin cancel'));
    const cancel = drain(coord);
    expect(cancel.op).toMatchObject({ type: 'CancelJob', jobId: 1n });
    expect(coord.jobState(1n)).toBe('CancelRequested');

    unwrap(coord.requestShutdown('shutdown now'));
    expect(coord.isShutdownRequested()).toBe(true);

    const ack = testWorkerEnv(3n, 3n, 2n, { type: 'CancelAcknowledged', jobId: 1n });
    unwrap(coord.handleInbound(ack));
    expect(coord.jobState(1n)).toBe('CancelRequested');

    const shutdown = drain(coord);
    expect(shutdown.op.type).toBe('ShutdownWorker');
    expect(coord.drainOutbox()).toBeUndefined();
  });

  it('coordinator_shutdown_supersedes_drain_completed_follow_up', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    coord.drainOutbox();

    unwrap(coord.handleInbound(testWorkerEnv(2n, 2n, 1n, runningSnapshot('worker accepted job'))));
    unwrap(coord.cancelJob(1n, 'begin cancel'));
    coord.drainOutbox();

    unwrap(coord.handleInbound(testWorkerEnv(3n, 3n, 2n, { type: 'CancelAcknowledged', jobId: 1n })));
    const drainMsg = drain(coord);
    expect(drainMsg.op).toEqual({ type: 'DrainJob', jobId: 1n });
    expect(coord.jobState(1n)).toBe('Draining');

    unwrap(coord.requestShutdown('shutdown now'));
    expect(coord.isShutdownRequested()).toBe(true);

    const drainCompleted = testWorkerEnv(4n, 4n, 3n, { type: 'DrainCompleted', jobId: 1n });
    unwrap(coord.handleInbound(drainCompleted));
    expect(coord.jobState(1n)).toBe('Draining');

    const shutdown = drain(coord);
    expect(shutdown.op.type).toBe('ShutdownWorker');
    expect(coord.drainOutbox()).toBeUndefined();
  });

  it('coordinator_marks_nonterminal_job_failed_when_shutdown_completes', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    coord.drainOutbox();

    unwrap(coord.handleInbound(testWorkerEnv(2n, 2n, 1n, runningSnapshot('worker started'))));
    unwrap(coord.cancelJob(1n, 'shutdown'));
    coord.drainOutbox();

    unwrap(coord.handleInbound(testWorkerEnv(3n, 3n, 2n, { type: 'CancelAcknowledged', jobId: 1n })));
    coord.drainOutbox();

    unwrap(coord.handleInbound(testWorkerEnv(4n, 4n, 3n, { type: 'DrainCompleted', jobId: 1n })));
    coord.drainOutbox();
    expect(coord.jobState(1n)).toBe('Finalizing');
    expect(coord.inflightCount()).toBe(1);

    const shutdown = testWorkerEnv(5n, 5n, 4n, { type: 'ShutdownCompleted' });
    unwrap(coord.handleInbound(shutdown));
    expect(coord.jobState(1n)).toBe('Failed');
    expect(coord.inflightCount()).toBe(0);
    expect(coord.isWorkerReady()).toBe(false);
  });

  it('coordinator_rejects_wrong_direction_messages', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));

    // Worker should not send SpawnJob to coordinator
    const bad = newEnvelope(2n, 2n, 42n, 1n, {
      type: 'SpawnJob',
      request: { jobId: 1n, regionId: 100n, taskId: 200n, obligationId: 300n, payload: new Uint8Array() },
    });
    const result = coord.handleInbound(bad);
    expectErrKind(result, 'UnexpectedDirection');
  });

  it('coordinator_polls_status_and_applies_snapshot', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    coord.drainOutbox();

    unwrap(coord.pollStatus(1n));
    const poll = drain(coord);
    expect(poll.op).toEqual({ type: 'PollStatus', jobId: 1n });

    unwrap(coord.handleInbound(testWorkerEnv(3n, 3n, 2n, runningSnapshot(null))));
    expect(coord.jobState(1n)).toBe('Running');
  });

  it('coordinator_rejects_duplicate_inbound_sequence', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));

    const diag = testWorkerEnv(2n, 2n, 1n, {
      type: 'Diagnostic',
      event: { level: 'Info', category: 'lifecycle', message: 'worker initialized', metadata: null },
    });
    unwrap(coord.handleInbound(diag));
    expect(coord.lastInboundSeqNo).toBe(2n);

    const duplicate = testWorkerEnv(3n, 2n, 2n, { type: 'ShutdownCompleted' });
    expect(coord.handleInbound(duplicate)).toEqual({
      ok: false,
      error: { kind: 'InboundSequenceNotFresh', lastSeen: 2n, actual: 2n },
    });
    expect(coord.lastInboundSeqNo).toBe(2n);
    expect(coord.isWorkerReady()).toBe(true);
  });

  it('coordinator_accepts_fresh_bootstrap_after_shutdown_completed', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.requestShutdown('done'));
    coord.drainOutbox();

    unwrap(coord.handleInbound(testWorkerEnv(2n, 2n, 1n, { type: 'ShutdownCompleted' })));
    expect(coord.lastInboundSeqNo).toBe(2n);
    expect(coord.isWorkerReady()).toBe(false);

    const reboot = workerEnv('test-worker-2', 1n, 1n, 0n, { type: 'BootstrapReady', workerId: 'test-worker-2' });
    unwrap(coord.handleInbound(reboot));
    expect(coord.isWorkerReady()).toBe(true);
    expect(coord.lastInboundSeqNo).toBe(1n);
  });

  it('coordinator_marks_running_job_failed_when_worker_instance_changes', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    coord.drainOutbox();

    unwrap(coord.handleInbound(testWorkerEnv(2n, 2n, 1n, runningSnapshot('worker one accepted job'))));
    expect(coord.jobState(1n)).toBe('Running');
    expect(coord.inflightCount()).toBe(1);

    const reboot = workerEnv('test-worker-2', 1n, 1n, 0n, { type: 'BootstrapReady', workerId: 'test-worker-2' });
    unwrap(coord.handleInbound(reboot));
    expect(coord.isWorkerReady()).toBe(true);
    expect(coord.lastInboundSeqNo).toBe(1n);
    expect(coord.jobState(1n)).toBe('Failed');
    expect(coord.inflightCount()).toBe(0);
  });

  it('coordinator_discards_queued_spawn_when_worker_instance_changes', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.spawnJob(1n, 100n, 200n, 300n, Uint8Array.of(1, 2, 3)));

    const reboot = workerEnv('test-worker-2', 1n, 1n, 0n, { type: 'BootstrapReady', workerId: 'test-worker-2' });
    unwrap(coord.handleInbound(reboot));

    expect(coord.jobState(1n)).toBe('Failed');
    expect(coord.drainOutbox()).toBeUndefined();

    unwrap(coord.spawnJob(2n, 100n, 201n, 301n, Uint8Array.of(9)));
    const freshSpawn = drain(coord);
    if (freshSpawn.op.type !== 'SpawnJob') {
      throw new Error(`expected fresh spawn after reboot, got ${opToJson(freshSpawn.op)}`);
    }
    expect(freshSpawn.op.request.jobId).toBe(2n);
  });

  it('coordinator_discards_queued_cancel_when_worker_instance_changes', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    coord.drainOutbox();

    unwrap(coord.handleInbound(testWorkerEnv(2n, 2n, 1n, runningSnapshot('worker accepted job'))));
    unwrap(coord.cancelJob(1n, 'worker replaced'));
    expect(coord.jobState(1n)).toBe('CancelRequested');

    const reboot = workerEnv('test-worker-2', 1n, 1n, 0n, { type: 'BootstrapReady', workerId: 'test-worker-2' });
    unwrap(coord.handleInbound(reboot));

    expect(coord.jobState(1n)).toBe('Failed');
    expect(coord.drainOutbox()).toBeUndefined();
  });

  it('coordinator_discards_queued_finalize_when_shutdown_completes', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    coord.drainOutbox();

    unwrap(coord.handleInbound(testWorkerEnv(2n, 2n, 1n, runningSnapshot('worker started'))));
    unwrap(coord.cancelJob(1n, 'shutdown'));
    coord.drainOutbox();

    unwrap(coord.handleInbound(testWorkerEnv(3n, 3n, 2n, { type: 'CancelAcknowledged', jobId: 1n })));
    coord.drainOutbox();

    unwrap(coord.handleInbound(testWorkerEnv(4n, 4n, 3n, { type: 'DrainCompleted', jobId: 1n })));
    expect(coord.jobState(1n)).toBe('Finalizing');
    const pendingFinalize = drain(coord);
    expect(pendingFinalize.op).toEqual({ type: 'FinalizeJob', jobId: 1n });

    unwrap(coord.enqueueJobMessage(1n, { type: 'FinalizeJob', jobId: 1n }));

    unwrap(coord.handleInbound(testWorkerEnv(5n, 5n, 4n, { type: 'ShutdownCompleted' })));

    expect(coord.jobState(1n)).toBe('Failed');
    expect(coord.drainOutbox()).toBeUndefined();
  });

  it('coordinator_accepts_fresh_bootstrap_after_bootstrap_failed', () => {
    const coord = new WorkerCoordinator(42n);
    const failed = bootstrapFailedEnvelope(1n, 'failed-worker-1', 'synthetic boot failure');
    expect(coord.handleInbound(failed)).toEqual({
      ok: false,
      error: { kind: 'BootstrapFailed', reason: 'synthetic boot failure' },
    });
    expect(coord.lastInboundSeqNo).toBe(1n);
    expect(coord.isWorkerReady()).toBe(false);

    const retry = workerEnv('test-worker-2', 1n, 1n, 0n, { type: 'BootstrapReady', workerId: 'test-worker-2' });
    unwrap(coord.handleInbound(retry));
    expect(coord.isWorkerReady()).toBe(true);
    expect(coord.lastInboundSeqNo).toBe(1n);
  });

  it('coordinator_accepts_fresh_bootstrap_failed_after_live_session', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    coord.drainOutbox();

    unwrap(coord.handleInbound(testWorkerEnv(2n, 2n, 1n, runningSnapshot('worker one accepted job'))));

    const failed = bootstrapFailedEnvelope(1n, 'failed-worker-2', 'reboot failed to init');
    expect(coord.handleInbound(failed)).toEqual({
      ok: false,
      error: { kind: 'BootstrapFailed', reason: 'reboot failed to init' },
    });
    expect(coord.lastInboundSeqNo).toBe(1n);
    expect(coord.isWorkerReady()).toBe(false);
    expect(coord.jobState(1n)).toBe('Failed');
    expect(coord.inflightCount()).toBe(0);
  });

  it('coordinator_keeps_prior_high_water_mark_until_rebootstrap', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.requestShutdown('done'));
    coord.drainOutbox();

    unwrap(coord.handleInbound(testWorkerEnv(2n, 2n, 1n, { type: 'ShutdownCompleted' })));
    expect(coord.lastInboundSeqNo).toBe(2n);
    expect(coord.isWorkerReady()).toBe(false);

    const stale = testWorkerEnv(1n, 1n, 0n, {
      type: 'Diagnostic',
      event: { level: 'Info', category: 'lifecycle', message: 'stale pre-restart message', metadata: null },
    });
    expect(coord.handleInbound(stale)).toEqual({
      ok: false,
      error: { kind: 'InboundWorkerSessionMismatch', expected: null, actual: 'test-worker-1' },
    });
    expect(coord.lastInboundSeqNo).toBe(2n);

    const reboot = workerEnv('test-worker-2', 1n, 1n, 0n, { type: 'BootstrapReady', workerId: 'test-worker-2' });
    unwrap(coord.handleInbound(reboot));
    expect(coord.isWorkerReady()).toBe(true);
    expect(coord.lastInboundSeqNo).toBe(1n);
  });

  it('coordinator_rejects_replayed_bootstrap_from_same_worker_session', () => {
    const coord = new WorkerCoordinator(42n);
    const ready = workerEnv('stable-worker', 5n, 5n, 0n, { type: 'BootstrapReady', workerId: 'stable-worker' });
    unwrap(coord.handleInbound(ready));

    const replay = workerEnv('stable-worker', 1n, 1n, 1n, { type: 'BootstrapReady', workerId: 'stable-worker' });
    expect(coord.handleInbound(replay)).toEqual({
      ok: false,
      error: { kind: 'InboundSequenceNotFresh', lastSeen: 5n, actual: 1n },
    });
  });

  it('coordinator_rejects_replayed_bootstrap_failed_from_same_worker_session', () => {
    const coord = new WorkerCoordinator(42n);
    const ready = workerEnv('stable-worker', 5n, 5n, 0n, { type: 'BootstrapReady', workerId: 'stable-worker' });
    unwrap(coord.handleInbound(ready));

    const replay = bootstrapFailedEnvelope(1n, 'stable-worker', 'stale failure replay');
    expect(coord.handleInbound(replay)).toEqual({
      ok: false,
      error: { kind: 'InboundSequenceNotFresh', lastSeen: 5n, actual: 1n },
    });
    expect(coord.isWorkerReady()).toBe(true);
  });

  it('coordinator_rejects_out_of_order_job_message_sequence', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    coord.drainOutbox();

    unwrap(coord.handleInbound(testWorkerEnv(2n, 2n, 1n, runningSnapshot(null))));

    const diag = testWorkerEnv(3n, 4n, 2n, {
      type: 'Diagnostic',
      event: { level: 'Info', category: 'scheduler', message: 'worker tick', metadata: null },
    });
    unwrap(coord.handleInbound(diag));

    const staleCompletion = testWorkerEnv(4n, 3n, 3n, {
      type: 'JobCompleted',
      result: { jobId: 1n, outcome: { status: 'Ok', payload: Uint8Array.of(7) } },
    });
    expect(coord.handleInbound(staleCompletion)).toEqual({
      ok: false,
      error: { kind: 'InboundSequenceNotFresh', lastSeen: 4n, actual: 3n },
    });
    expect(coord.lastInboundSeqNo).toBe(4n);
    expect(coord.jobState(1n)).toBe('Running');
  });

  it('envelope_validates_version', () => {
    let env = workerEnv('w', 1n, 1n, 0n, { type: 'BootstrapReady', workerId: 'w' });
    expect(validateEnvelope(env)).toBeUndefined();
    env = { ...env, version: 99 };
    expect(validateEnvelope(env)?.kind).toBe('VersionMismatch');
  });

  it('envelope_validates_replay_metadata', () => {
    let env = workerEnv('w', 1n, 1n, 0n, { type: 'BootstrapReady', workerId: 'w' });
    expect(validateEnvelope(env)).toBeUndefined();

    env = { ...env, decisionSeq: 2n };
    env = { ...env, replayHash: replayHash(env, opToJson(env.op)) };
    expect(validateEnvelope(env)).toBeUndefined();

    env = { ...env, op: { type: 'ShutdownCompleted' } };
    expect(validateEnvelope(env)?.kind).toBe('ReplayHashMismatch');
  });

  it('envelope_validates_payload_size', () => {
    const env = newEnvelope(1n, 1n, 42n, 0n, {
      type: 'SpawnJob',
      request: {
        jobId: 1n,
        regionId: 100n,
        taskId: 200n,
        obligationId: 300n,
        payload: new Uint8Array(MAX_PAYLOAD_BYTES + 1),
      },
    });
    expect(validateEnvelope(env)?.kind).toBe('PayloadTooLarge');

    const completed = testWorkerEnv(2n, 2n, 0n, {
      type: 'JobCompleted',
      result: { jobId: 1n, outcome: { status: 'Ok', payload: new Uint8Array(MAX_PAYLOAD_BYTES + 1) } },
    });
    expect(validateEnvelope(completed)?.kind).toBe('PayloadTooLarge');
  });

  it('job_state_transitions_are_correct', () => {
    // Valid transitions
    expect(canTransitionTo('Created', 'Queued')).toBe(true);
    expect(canTransitionTo('Created', 'Failed')).toBe(true);
    expect(canTransitionTo('Queued', 'Running')).toBe(true);
    expect(canTransitionTo('Queued', 'CancelRequested')).toBe(true);
    expect(canTransitionTo('Queued', 'Failed')).toBe(true);
    expect(canTransitionTo('Running', 'Completed')).toBe(true);
    expect(canTransitionTo('Running', 'CancelRequested')).toBe(true);
    expect(canTransitionTo('Running', 'Failed')).toBe(true);
    expect(canTransitionTo('CancelRequested', 'Completed')).toBe(true);
    expect(canTransitionTo('CancelRequested', 'Draining')).toBe(true);
    expect(canTransitionTo('CancelRequested', 'Failed')).toBe(true);
    expect(canTransitionTo('Draining', 'Finalizing')).toBe(true);
    expect(canTransitionTo('Draining', 'Failed')).toBe(true);
    expect(canTransitionTo('Finalizing', 'Completed')).toBe(true);
    expect(canTransitionTo('Finalizing', 'Failed')).toBe(true);
    expect(canTransitionTo('Queued', 'Completed')).toBe(true);

    // Invalid transitions
    expect(canTransitionTo('Created', 'Running')).toBe(false);
    expect(canTransitionTo('Created', 'Completed')).toBe(false);
    expect(canTransitionTo('Draining', 'Completed')).toBe(false);
    expect(canTransitionTo('Completed', 'Running')).toBe(false);
  });

  it('envelope_serialization_round_trip', () => {
    const env = newEnvelope(1n, 1n, 42n, 0n, {
      type: 'SpawnJob',
      request: { jobId: 1n, regionId: 100n, taskId: 200n, obligationId: 300n, payload: Uint8Array.of(1, 2, 3) },
    });
    const json = envelopeToJson(env);
    const deserialized = parseEnvelopeJson(json);
    expect(deserialized).toEqual(env);
  });

  it('worker_envelope_serialization_round_trip_preserves_worker_identity', () => {
    const env = workerEnv('worker-round-trip', 7n, 9n, 3n, {
      type: 'Diagnostic',
      event: {
        level: 'Info',
        category: 'serde',
        message: 'round-trip',
        metadata: 'worker identity must survive serialization',
      },
    });
    const json = envelopeToJson(env);
    const deserialized = parseEnvelopeJson(json);
    expect(deserialized).toEqual(env);
    expect(validateEnvelope(deserialized)).toBeUndefined();
  });

  it('coordinator_sequence_numbers_are_monotonic', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    unwrap(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    unwrap(coord.spawnJob(2n, 100n, 201n, 301n, new Uint8Array()));

    const msg1 = drain(coord);
    const msg2 = drain(coord);
    expect(msg2.seqNo > msg1.seqNo).toBe(true);
    expect(msg2.messageId > msg1.messageId).toBe(true);
  });

  it('coordinator_emits_independent_decision_sequence', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    coord.setNextDecisionSeq(19n);
    unwrap(coord.spawnJob(1n, 100n, 200n, 300n, new Uint8Array()));
    unwrap(coord.spawnJob(2n, 100n, 201n, 301n, new Uint8Array()));

    const msg1 = drain(coord);
    const msg2 = drain(coord);
    expect(msg1.seqNo).toBe(1n);
    expect(msg1.decisionSeq).toBe(19n);
    expect(msg1.seqNo).not.toBe(msg1.decisionSeq);
    expect(validateEnvelope(msg1)).toBeUndefined();
    expect(msg2.seqNo).toBe(2n);
    expect(msg2.decisionSeq).toBe(20n);
    expect(msg2.seqNo).not.toBe(msg2.decisionSeq);
    expect(validateEnvelope(msg2)).toBeUndefined();
  });

  it('diagnostic_events_are_accepted', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));
    const diag = testWorkerEnv(2n, 2n, 1n, {
      type: 'Diagnostic',
      event: { level: 'Info', category: 'lifecycle', message: 'worker initialized', metadata: null },
    });
    expect(coord.handleInbound(diag).ok).toBe(true);
  });

  it('coordinator_rejects_stale_old_worker_message_after_rebootstrap', () => {
    const coord = new WorkerCoordinator(42n);
    unwrap(coord.handleInbound(bootstrapReadyEnvelope(1n)));

    const reboot = workerEnv('test-worker-2', 1n, 1n, 0n, { type: 'BootstrapReady', workerId: 'test-worker-2' });
    unwrap(coord.handleInbound(reboot));

    const stale = testWorkerEnv(9n, 9n, 1n, {
      type: 'Diagnostic',
      event: { level: 'Warn', category: 'stale', message: 'late message from replaced worker', metadata: null },
    });
    expect(coord.handleInbound(stale)).toEqual({
      ok: false,
      error: { kind: 'InboundWorkerSessionMismatch', expected: 'test-worker-2', actual: 'test-worker-1' },
    });

    const fresh = workerEnv('test-worker-2', 2n, 2n, 1n, {
      type: 'Diagnostic',
      event: { level: 'Info', category: 'fresh', message: 'new worker follow-up', metadata: null },
    });
    unwrap(coord.handleInbound(fresh));
    expect(coord.lastInboundSeqNo).toBe(2n);
  });

  it('envelope_rejects_worker_message_without_session_identity', () => {
    const env = newEnvelope(2n, 2n, 42n, 1n, { type: 'ShutdownCompleted' });
    expect(validateEnvelope(env)).toEqual({ kind: 'MissingWorkerSessionIdentity' });
  });
});
