/**
 * The worker half of the coordination protocol: a pure, deterministic
 * {@link WorkerEndpoint} that a simulator drives in lockstep with a
 * `WorkerCoordinator`.
 * @module
 */
export { WorkerEndpoint, type WorkerEndpointOptions } from './worker-endpoint.js';
export type { InboundNote, StepNote } from './job-table.js';
export { checkBehaviour, constantBehaviour, type BehaviourLookup, type JobBehaviour } from './job-behaviour.js';
export {
  formatWorkerEndpointError,
  workerErr,
  type WorkerEndpointError,
  type WorkerEndpointState,
  type WorkerResult,
} from './worker-errors.js';
export { type SettledJob, type SettledVia, type WorkerJobState, type WorkerJobView } from './worker-job.js';
