/**
 * The operations carried by a {@link WorkerEnvelope}: a port of Rust's
 * `WorkerOp` and the payload types it refers to.
 *
 * Field names are camelCase here and snake_case on the wire; the canonical
 * JSON codec (`canonical-json.ts`) maps between them in declaration order.
 * Every Rust `u64` is a `bigint`; every `Option<T>` is `T | null`;
 * every `Vec<u8>` is a `Uint8Array`.
 * @module
 */
import type { JobState } from './job-state.js';

/** Payload ownership mode across the non-SAB worker boundary (serde `snake_case`). */
export type WorkerPayloadTransfer = 'structured_clone' | 'transfer_array_buffer';

/** Diagnostic severity levels. */
export type DiagnosticLevel = 'Info' | 'Warn' | 'Error';

/** A request to spawn a job inside the worker runtime. */
export interface SpawnJobRequest {
  readonly jobId: bigint;
  readonly regionId: bigint;
  readonly taskId: bigint;
  readonly obligationId: bigint;
  /** Serialized job payload; must respect `MAX_PAYLOAD_BYTES`. */
  readonly payload: Uint8Array;
}

/** Explicit non-terminal status report answering `PollStatus`. */
export interface JobStatusSnapshot {
  readonly jobId: bigint;
  readonly state: JobState;
  readonly detail: string | null;
}

/** Four-valued job outcome, internally tagged with `"status"` on the wire. */
export type JobOutcome =
  | { readonly status: 'Ok'; readonly payload: Uint8Array }
  | { readonly status: 'Err'; readonly code: string; readonly message: string }
  | { readonly status: 'Cancelled'; readonly reason: string }
  | { readonly status: 'Panicked'; readonly message: string };

/** The result of a completed job. */
export interface JobResult {
  readonly jobId: bigint;
  readonly outcome: JobOutcome;
}

/** A structured diagnostic event from the worker. */
export interface DiagnosticEvent {
  readonly level: DiagnosticLevel;
  readonly category: string;
  readonly message: string;
  readonly metadata: string | null;
}

/**
 * Worker coordination operations, internally tagged with `"type"` on the wire.
 * Newtype variants keep their Rust payload under a named field
 * (`request`, `snapshot`, `result`, `event`); on the wire those fields are
 * flattened next to `"type"`, as serde does.
 */
export type WorkerOp =
  | { readonly type: 'BootstrapReady'; readonly workerId: string }
  | { readonly type: 'BootstrapFailed'; readonly workerId: string; readonly reason: string }
  | { readonly type: 'SpawnJob'; readonly request: SpawnJobRequest }
  | { readonly type: 'PollStatus'; readonly jobId: bigint }
  | { readonly type: 'StatusSnapshot'; readonly snapshot: JobStatusSnapshot }
  | { readonly type: 'JobCompleted'; readonly result: JobResult }
  | { readonly type: 'CancelJob'; readonly jobId: bigint; readonly reason: string }
  | { readonly type: 'CancelAcknowledged'; readonly jobId: bigint }
  | { readonly type: 'DrainJob'; readonly jobId: bigint }
  | { readonly type: 'DrainCompleted'; readonly jobId: bigint }
  | { readonly type: 'FinalizeJob'; readonly jobId: bigint }
  | { readonly type: 'FinalizeCompleted'; readonly jobId: bigint }
  | { readonly type: 'ShutdownWorker'; readonly reason: string }
  | { readonly type: 'ShutdownCompleted' }
  | { readonly type: 'Diagnostic'; readonly event: DiagnosticEvent };

/** The `type` tag of a {@link WorkerOp}. */
export type WorkerOpType = WorkerOp['type'];

/** Every op tag in Rust declaration order; the index is the Rust discriminant. */
export const WORKER_OP_TYPES = [
  'BootstrapReady',
  'BootstrapFailed',
  'SpawnJob',
  'PollStatus',
  'StatusSnapshot',
  'JobCompleted',
  'CancelJob',
  'CancelAcknowledged',
  'DrainJob',
  'DrainCompleted',
  'FinalizeJob',
  'FinalizeCompleted',
  'ShutdownWorker',
  'ShutdownCompleted',
  'Diagnostic',
] as const satisfies readonly WorkerOpType[];

/** Ops only the main thread sends (`SpawnJob`, `PollStatus`, `CancelJob`, `DrainJob`, `FinalizeJob`, `ShutdownWorker`). */
export function isCoordinatorOp(type: WorkerOpType): boolean {
  switch (type) {
    case 'SpawnJob':
    case 'PollStatus':
    case 'CancelJob':
    case 'DrainJob':
    case 'FinalizeJob':
    case 'ShutdownWorker':
      return true;
    default:
      return false;
  }
}

/** `SpawnJobRequest::payload_transfer`: v1 always structured-clones owned bytes. */
export function spawnPayloadTransfer(_request: SpawnJobRequest): WorkerPayloadTransfer {
  return 'structured_clone';
}

/** `SpawnJobRequest::owned_payload`: the request always owns its payload. */
export function spawnOwnsPayload(_request: SpawnJobRequest): boolean {
  return true;
}

/** `JobOutcome::payload_transfer`: only `Ok` carries bytes. */
export function outcomePayloadTransfer(outcome: JobOutcome): WorkerPayloadTransfer | null {
  return outcome.status === 'Ok' ? 'structured_clone' : null;
}

/** Rust's `format!("{:?}", std::mem::discriminant(&op))`, e.g. `Discriminant(2)` for `SpawnJob`. */
export function rustDiscriminant(type: WorkerOpType): string {
  return `Discriminant(${WORKER_OP_TYPES.indexOf(type)})`;
}
