/**
 * Errors returned by a {@link WorkerEndpoint}: every `WorkerChannelError`
 * kind the coordinator uses, plus the one the coordinator lacks.
 *
 * Kinds reused from the coordinator, with their worker-side meaning:
 * - `WorkerNotReady`: the endpoint has not bootstrapped yet, or its
 *   bootstrap failed (a failed worker accepts nothing).
 * - `ShutdownInProgress`: the endpoint has completed a shutdown and is stopped.
 * - `VersionMismatch`, `ReplayHashMismatch`, `UnexpectedWorkerSessionIdentity`,
 *   `MissingWorkerSessionIdentity`, `WorkerIdentityMismatch`,
 *   `PayloadTooLarge`: `validateEnvelope` rejected the inbound envelope.
 * - `UnexpectedDirection`: a worker-originated op arrived at the worker.
 * - `InboundSequenceNotFresh`: the coordinator `seqNo` did not strictly increase.
 * - `UnknownJobId`, `DuplicateJobId`: as for the coordinator.
 * - `InvalidTransition`: a job-scoped request for a job in the wrong
 *   worker-side phase; `from` is the job's worker state, `to` the state the
 *   request would have moved it to.
 *
 * Added here:
 * - `AlreadyBootstrapped`: `bootstrap()`/`failBootstrap()` called on an
 *   endpoint that has already left `booting`. This is local API misuse, not
 *   a protocol message, so the coordinator has no such kind.
 * @module
 */
import { formatWorkerChannelError, type WorkerChannelError } from '../protocol/index.js';

/** Lifecycle of a worker endpoint. */
export type WorkerEndpointState = 'booting' | 'ready' | 'failed' | 'stopped';

/** Errors from a worker endpoint. */
export type WorkerEndpointError =
  | WorkerChannelError
  | { readonly kind: 'AlreadyBootstrapped'; readonly state: WorkerEndpointState };

/** Result of a worker endpoint call; a protocol `Result<T>` is assignable to it. */
export type WorkerResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: WorkerEndpointError };

/** Wrap an error as a failed {@link WorkerResult}. */
export function workerErr<T>(error: WorkerEndpointError): WorkerResult<T> {
  return { ok: false, error };
}

/** Human-readable text of an error, using the Rust wording for shared kinds. */
export function formatWorkerEndpointError(e: WorkerEndpointError): string {
  if (e.kind === 'AlreadyBootstrapped') return `worker already bootstrapped (state: ${e.state})`;
  return formatWorkerChannelError(e);
}
