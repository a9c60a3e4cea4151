/**
 * `WorkerEnvelope`: the typed message exchanged between main thread and
 * worker, its constructors and `validate()`.
 *
 * Coordinator-originated envelopes carry no `workerId`; worker-originated
 * ones must carry the worker runtime instance id so that stale messages from a
 * replaced worker cannot poison a fresh session. The `replayHash` is computed
 * at construction from the op's canonical JSON, and again by every
 * validation; the text is absorbed piece by piece, never built (`op-hash.ts`).
 *
 * @example
 * ```ts
 * const env = workerEnvelope('w-1', 1n, 1n, 42n, 0n, { type: 'BootstrapReady', workerId: 'w-1' });
 * validateEnvelope(env); // => undefined (valid)
 * ```
 * @module
 */
import type { WorkerChannelError } from './errors.js';
import { replayHashMatches, replayHashOfOp } from './op-hash.js';
import type { WorkerOp } from './ops.js';

/** Protocol version for the worker coordination envelope. */
export const WORKER_PROTOCOL_VERSION = 1;

/** Maximum payload size in bytes (256 KiB). */
export const MAX_PAYLOAD_BYTES = 262_144;

/** A typed coordination message with sequence metadata for deterministic replay. */
export interface WorkerEnvelope {
  /** Protocol version (u32). */
  readonly version: number;
  /** Unique message identifier within this coordination session. */
  readonly messageId: bigint;
  /** Monotonically increasing sequence number per sender. */
  readonly seqNo: bigint;
  /** Deterministic decision sequence used for replay parity. */
  readonly decisionSeq: bigint;
  /** Deterministic RNG seed for replay. */
  readonly seed: bigint;
  /** Host turn at message creation. */
  readonly issuedAtTurn: bigint;
  /** Worker runtime instance for worker-originated messages; `null` from the main thread. */
  readonly workerId: string | null;
  /** Stable replay digest of all of the above and the op. */
  readonly replayHash: bigint;
  /** The coordination operation. */
  readonly op: WorkerOp;
}

function build(
  workerId: string | null,
  messageId: bigint,
  seqNo: bigint,
  decisionSeq: bigint,
  seed: bigint,
  issuedAtTurn: bigint,
  op: WorkerOp,
): WorkerEnvelope {
  const replayHash = replayHashOfOp(messageId, seqNo, decisionSeq, seed, issuedAtTurn, workerId, op);
  return {
    version: WORKER_PROTOCOL_VERSION,
    messageId,
    seqNo,
    decisionSeq,
    seed,
    issuedAtTurn,
    workerId,
    replayHash,
    op,
  };
}

/** `WorkerEnvelope::new_with_decision_seq`: a coordinator-originated envelope. */
export function coordinatorEnvelope(
  messageId: bigint,
  seqNo: bigint,
  decisionSeq: bigint,
  seed: bigint,
  issuedAtTurn: bigint,
  op: WorkerOp,
): WorkerEnvelope {
  return build(null, messageId, seqNo, decisionSeq, seed, issuedAtTurn, op);
}

/** `WorkerEnvelope::new`: coordinator-originated, with `decisionSeq = seqNo`. */
export function newEnvelope(
  messageId: bigint,
  seqNo: bigint,
  seed: bigint,
  issuedAtTurn: bigint,
  op: WorkerOp,
): WorkerEnvelope {
  return build(null, messageId, seqNo, seqNo, seed, issuedAtTurn, op);
}

/** `WorkerEnvelope::from_worker_with_decision_seq`: a worker-originated envelope. */
export function workerEnvelopeWithDecisionSeq(
  workerId: string,
  messageId: bigint,
  seqNo: bigint,
  decisionSeq: bigint,
  seed: bigint,
  issuedAtTurn: bigint,
  op: WorkerOp,
): WorkerEnvelope {
  return build(workerId, messageId, seqNo, decisionSeq, seed, issuedAtTurn, op);
}

/** `WorkerEnvelope::from_worker`: worker-originated, with `decisionSeq = seqNo`. */
export function workerEnvelope(
  workerId: string,
  messageId: bigint,
  seqNo: bigint,
  seed: bigint,
  issuedAtTurn: bigint,
  op: WorkerOp,
): WorkerEnvelope {
  return build(workerId, messageId, seqNo, seqNo, seed, issuedAtTurn, op);
}

/** `validate_payload_size`. */
export function validatePayloadSize(size: number): WorkerChannelError | undefined {
  return size > MAX_PAYLOAD_BYTES ? { kind: 'PayloadTooLarge', size, max: MAX_PAYLOAD_BYTES } : undefined;
}

/**
 * `WorkerEnvelope::validate`: version, replay hash, worker identity, then
 * payload size, in that order. Returns the first error, or `undefined` when
 * the envelope is valid.
 */
export function validateEnvelope(env: WorkerEnvelope): WorkerChannelError | undefined {
  if (env.version !== WORKER_PROTOCOL_VERSION) {
    return { kind: 'VersionMismatch', expected: WORKER_PROTOCOL_VERSION, actual: env.version };
  }
  if (!replayHashMatches(env) || env.replayHash > 0xffff_ffff_ffff_ffffn || env.replayHash < 0n) {
    const expected = replayHashOfOp(env.messageId, env.seqNo, env.decisionSeq, env.seed, env.issuedAtTurn, env.workerId, env.op);
    return { kind: 'ReplayHashMismatch', expected, actual: env.replayHash };
  }
  const identity = validateWorkerIdentity(env);
  if (identity !== undefined) return identity;
  const op = env.op;
  if (op.type === 'SpawnJob') return validatePayloadSize(op.request.payload.length);
  if (op.type === 'JobCompleted' && op.result.outcome.status === 'Ok') {
    return validatePayloadSize(op.result.outcome.payload.length);
  }
  return undefined;
}

function validateWorkerIdentity(env: WorkerEnvelope): WorkerChannelError | undefined {
  const op = env.op;
  switch (op.type) {
    case 'BootstrapReady':
    case 'BootstrapFailed':
      if (env.workerId === null) return { kind: 'MissingWorkerSessionIdentity' };
      if (env.workerId !== op.workerId) {
        return { kind: 'WorkerIdentityMismatch', expected: op.workerId, actual: env.workerId };
      }
      return undefined;
    case 'StatusSnapshot':
    case 'JobCompleted':
    case 'CancelAcknowledged':
    case 'DrainCompleted':
    case 'FinalizeCompleted':
    case 'ShutdownCompleted':
    case 'Diagnostic':
      return env.workerId === null ? { kind: 'MissingWorkerSessionIdentity' } : undefined;
    case 'SpawnJob':
    case 'PollStatus':
    case 'CancelJob':
    case 'DrainJob':
    case 'FinalizeJob':
    case 'ShutdownWorker':
      return env.workerId === null
        ? undefined
        : { kind: 'UnexpectedWorkerSessionIdentity', workerId: env.workerId };
    default: {
      const never: never = op;
      return never;
    }
  }
}
