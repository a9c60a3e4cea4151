/**
 * The fault catalog of the run-lifecycle model.
 *
 * Details:
 * - Realistic: `lease-expiry` (a worker stalls past its lease),
 *   `stale-finish` (a zombie whose lease was reaped reports while the run is
 *   Running again under a new attempt), `worker-crash`.
 * - Adversarial: `duplicate-finish` (the network redelivers an accepted
 *   finish), `cancel-race` (an operator cancels a run a worker is on, racing
 *   its finish).
 *
 * Gotcha: `stale-finish` is only offered when the race is live (a zombie and
 * a newer open attempt on the same run), so its rate is high: it is a
 * per-step probability *given* the situation exists.
 *
 * @example
 * ```ts
 * RUN_LIFECYCLE_FAULTS.map((f) => f.name);
 * ```
 * @module
 */
import type { FaultSpec } from '../../sim/model.js';

/** Fault names, as referenced by candidates. */
export const FAULT = {
  leaseExpiry: 'lease-expiry',
  staleFinish: 'stale-finish',
  workerCrash: 'worker-crash',
  duplicateFinish: 'duplicate-finish',
  cancelRace: 'cancel-race',
} as const;

/** Every fault the model can inject. */
export const RUN_LIFECYCLE_FAULTS: readonly FaultSpec[] = [
  { name: FAULT.leaseExpiry, profile: 'realistic', rate: 0.05, description: 'a worker stalls (GC pause, partition) for longer than its lease' },
  { name: FAULT.staleFinish, profile: 'realistic', rate: 0.3, description: 'a worker whose lease was reaped reports its old attempt while a newer attempt runs' },
  { name: FAULT.workerCrash, profile: 'realistic', rate: 0.01, description: 'a worker crashes and restarts, forgetting the run it held' },
  { name: FAULT.duplicateFinish, profile: 'adversarial', rate: 0.03, description: 'the network redelivers an already accepted finish report' },
  { name: FAULT.cancelRace, profile: 'adversarial', rate: 0.01, description: 'an operator cancels a Leased or Running run, racing the worker' },
];
