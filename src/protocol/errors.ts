/**
 * `WorkerChannelError`: every error the Rust coordination layer can return, as
 * a discriminated union on `kind` (the Rust variant name).
 *
 * Struct variants keep their Rust field names in camelCase. Tuple variants get
 * a name for their single field: `UnexpectedWorkerSessionIdentity.workerId`,
 * `DuplicateJobId.jobId`, `UnknownJobId.jobId`, `BootstrapFailed.reason`.
 * Errors are values, not exceptions: the coordinator returns them in a
 * {@link Result} so a simulator can treat a rejected duplicate as correct
 * behaviour rather than a crash.
 * @module
 */
import { assertNever, displayJobState, type JobState } from './job-state.js';

/** Errors from the worker coordination channel. */
export type WorkerChannelError =
  | { readonly kind: 'VersionMismatch'; readonly expected: number; readonly actual: number }
  | { readonly kind: 'ReplayHashMismatch'; readonly expected: bigint; readonly actual: bigint }
  | { readonly kind: 'InboundSequenceNotFresh'; readonly lastSeen: bigint; readonly actual: bigint }
  | { readonly kind: 'MissingWorkerSessionIdentity' }
  | { readonly kind: 'UnexpectedWorkerSessionIdentity'; readonly workerId: string }
  | { readonly kind: 'WorkerIdentityMismatch'; readonly expected: string; readonly actual: string }
  | {
      readonly kind: 'InboundWorkerSessionMismatch';
      readonly expected: string | null;
      readonly actual: string;
    }
  | { readonly kind: 'PayloadTooLarge'; readonly size: number; readonly max: number }
  | {
      readonly kind: 'InvalidTransition';
      readonly jobId: bigint;
      readonly from: JobState;
      readonly to: JobState;
    }
  | { readonly kind: 'TerminalStatusSnapshot'; readonly jobId: bigint; readonly state: JobState }
  | {
      readonly kind: 'InvalidStatusSnapshotState';
      readonly jobId: bigint;
      readonly state: JobState;
    }
  | {
      readonly kind: 'UnexpectedCompletionPhase';
      readonly jobId: bigint;
      readonly state: JobState;
    }
  | { readonly kind: 'WorkerNotReady' }
  | { readonly kind: 'ShutdownInProgress' }
  | { readonly kind: 'DuplicateJobId'; readonly jobId: bigint }
  | { readonly kind: 'UnknownJobId'; readonly jobId: bigint }
  | { readonly kind: 'BootstrapFailed'; readonly reason: string }
  | { readonly kind: 'UnexpectedDirection'; readonly op: string };

/** The `kind` tag of a {@link WorkerChannelError}. */
export type WorkerChannelErrorKind = WorkerChannelError['kind'];

/** Every error kind in Rust declaration order. */
export const WORKER_CHANNEL_ERROR_KINDS = [
  'VersionMismatch',
  'ReplayHashMismatch',
  'InboundSequenceNotFresh',
  'MissingWorkerSessionIdentity',
  'UnexpectedWorkerSessionIdentity',
  'WorkerIdentityMismatch',
  'InboundWorkerSessionMismatch',
  'PayloadTooLarge',
  'InvalidTransition',
  'TerminalStatusSnapshot',
  'InvalidStatusSnapshotState',
  'UnexpectedCompletionPhase',
  'WorkerNotReady',
  'ShutdownInProgress',
  'DuplicateJobId',
  'UnknownJobId',
  'BootstrapFailed',
  'UnexpectedDirection',
] as const satisfies readonly WorkerChannelErrorKind[];

/**
 * The outcome of a fallible protocol call, in the spirit of Rust's `Result`.
 * Success is shared ({@link OK}) when there is no value, so the hot path does
 * not allocate on success.
 */
export type Result<T = undefined> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: WorkerChannelError };

/** The shared successful `Result<undefined>`. */
export const OK: Result<undefined> = Object.freeze({ ok: true, value: undefined });

/** Wrap an error as a failed {@link Result}. */
export function err<T = undefined>(error: WorkerChannelError): Result<T> {
  return { ok: false, error };
}

/** The Rust `Display` text of an error, word for word. */
export function formatWorkerChannelError(e: WorkerChannelError): string {
  switch (e.kind) {
    case 'VersionMismatch':
      return `protocol version mismatch: expected ${e.expected}, got ${e.actual}`;
    case 'ReplayHashMismatch':
      return `replay hash mismatch: expected ${e.expected}, got ${e.actual}`;
    case 'InboundSequenceNotFresh':
      return `inbound worker sequence is not fresh: saw ${e.actual} after ${e.lastSeen}`;
    case 'MissingWorkerSessionIdentity':
      return 'worker-originated envelope missing worker session identity';
    case 'UnexpectedWorkerSessionIdentity':
      return `main-thread envelope unexpectedly carried worker session identity ${e.workerId}`;
    case 'WorkerIdentityMismatch':
      return `worker identity mismatch: envelope carried ${e.actual}, operation expects ${e.expected}`;
    case 'InboundWorkerSessionMismatch':
      return e.expected === null
        ? `inbound worker session mismatch: no active session, got ${e.actual}`
        : `inbound worker session mismatch: active session ${e.expected}, got ${e.actual}`;
    case 'PayloadTooLarge':
      return `payload too large: ${e.size} bytes exceeds ${e.max} byte limit`;
    case 'InvalidTransition':
      return `invalid job ${e.jobId} transition: ${displayJobState(e.from)} → ${displayJobState(e.to)}`;
    case 'TerminalStatusSnapshot':
      return `job ${e.jobId} reported terminal state ${displayJobState(e.state)} via status snapshot`;
    case 'InvalidStatusSnapshotState':
      return `job ${e.jobId} reported coordinator-owned state ${displayJobState(e.state)} via status snapshot`;
    case 'UnexpectedCompletionPhase':
      return `job ${e.jobId} reported completion while coordinator was in ${displayJobState(e.state)}`;
    case 'WorkerNotReady':
      return 'worker has not reported bootstrap readiness';
    case 'ShutdownInProgress':
      return 'shutdown already in progress';
    case 'DuplicateJobId':
      return `duplicate job id: ${e.jobId}`;
    case 'UnknownJobId':
      return `unknown job id: ${e.jobId}`;
    case 'BootstrapFailed':
      return `worker bootstrap failed: ${e.reason}`;
    case 'UnexpectedDirection':
      return `received outbound-only operation as inbound: ${e.op}`;
    default:
      return assertNever(e);
  }
}
