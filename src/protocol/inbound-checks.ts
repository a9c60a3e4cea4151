/**
 * Two steps of `WorkerCoordinator::handle_inbound`, as pure functions of the
 * coordinator state they read: the worker-session check of
 * `validate_inbound_worker_session` and `handle_status_snapshot`.
 * @module
 */
import type { WorkerEnvelope } from './envelope.js';
import { err, OK, type Result } from './errors.js';
import { isTerminal } from './job-state.js';
import { isCoordinatorOp, type JobStatusSnapshot } from './ops.js';
import type { TrackedJob } from './tracked-job.js';

const MISSING_IDENTITY = err({ kind: 'MissingWorkerSessionIdentity' });

/**
 * Worker-originated ops other than the bootstraps must come from the active
 * worker session. Bootstraps and coordinator ops pass (the latter are
 * rejected later as `UnexpectedDirection`).
 */
export function checkInboundWorkerSession(activeWorker: string | null, envelope: WorkerEnvelope): Result {
  const type = envelope.op.type;
  if (type === 'BootstrapReady' || type === 'BootstrapFailed' || isCoordinatorOp(type)) return OK;
  const actual = envelope.workerId;
  if (actual === null) return MISSING_IDENTITY;
  if (activeWorker === actual) return OK;
  return err({ kind: 'InboundWorkerSessionMismatch', expected: activeWorker, actual });
}

/** Apply a `StatusSnapshot` to the job it names (`undefined` when untracked). */
export function applyStatusSnapshot(job: TrackedJob | undefined, snapshot: JobStatusSnapshot): Result {
  const { jobId, state } = snapshot;
  if (isTerminal(state)) return err({ kind: 'TerminalStatusSnapshot', jobId, state });
  if (state !== 'Queued' && state !== 'Running') return err({ kind: 'InvalidStatusSnapshotState', jobId, state });
  if (job === undefined) return err({ kind: 'UnknownJobId', jobId });
  // Stale snapshots sent before the worker saw a cancel or completion are ignored.
  const current = job.state;
  if (current !== 'Created' && current !== 'Queued' && current !== 'Running') return OK;
  if (current !== state) return job.transitionToVoid(state);
  return OK;
}
