/**
 * The fault catalog of the asupersync model and the named events its steps
 * record.
 *
 * Details:
 * - **Realistic** (what a healthy deployment still sees): `worker-replaced`
 *   (a new worker id bootstraps while the old worker still has jobs or
 *   messages in flight), `bootstrap-failure`, `late-message` (a dead worker's
 *   message is delivered after it was replaced).
 * - **Adversarial** adds the network (`drop`, `duplicate`, `reorder`,
 *   `delay`, `replay` of an earlier envelope), a `faulty-worker` that skips a
 *   protocol step or reports a coordinator-owned state, and `payload-limit`
 *   (a spawn payload or `Ok` result exactly at or one byte over
 *   `MAX_PAYLOAD_BYTES`).
 * - Rates are per step *given the fault is possible now* (the core only
 *   considers faults that have a candidate), so rare situations such as a
 *   dead worker's message in flight get a high rate.
 * - Every injected fault adds the event `fault:<name>` to its step; races are
 *   named by {@link RACE_EVENTS}.
 *
 * Gotcha: recovery (`recover`) and an ordinary `restart` after a shutdown or
 * failed bootstrap are normal supervisor actions, never faults.
 *
 * @example
 * ```ts
 * ASUPERSYNC_FAULTS.filter((f) => f.profile === 'realistic').map((f) => f.name);
 * // ['worker-replaced', 'bootstrap-failure', 'late-message']
 * ```
 * @module
 */
import type { FaultSpec } from '../../sim/model.js';

/** Fault names, as referenced by candidates. */
export const FAULT = {
  workerReplaced: 'worker-replaced',
  bootstrapFailure: 'bootstrap-failure',
  lateMessage: 'late-message',
  drop: 'drop',
  duplicate: 'duplicate',
  reorder: 'reorder',
  delay: 'delay',
  replay: 'replay',
  faultyWorker: 'faulty-worker',
  payloadLimit: 'payload-limit',
} as const;

/** Every fault the model can inject. */
export const ASUPERSYNC_FAULTS: readonly FaultSpec[] = [
  { name: FAULT.workerReplaced, profile: 'realistic', rate: 0.012, description: 'the main thread replaces a live worker (crash, reload) while it has jobs or messages in flight' },
  { name: FAULT.bootstrapFailure, profile: 'realistic', rate: 0.1, description: 'a new worker fails to initialise and reports BootstrapFailed' },
  { name: FAULT.lateMessage, profile: 'realistic', rate: 0.25, description: 'a message a replaced worker sent before it died is delivered late' },
  { name: FAULT.drop, profile: 'adversarial', rate: 0.01, description: 'a message in flight is lost' },
  { name: FAULT.duplicate, profile: 'adversarial', rate: 0.02, description: 'a message in flight is delivered twice' },
  { name: FAULT.reorder, profile: 'adversarial', rate: 0.02, description: 'two adjacent messages in flight swap places' },
  { name: FAULT.delay, profile: 'adversarial', rate: 0.02, description: 'a message in flight is overtaken by everything behind it' },
  { name: FAULT.replay, profile: 'adversarial', rate: 0.02, description: 'an already delivered envelope is injected again into the current channel' },
  { name: FAULT.faultyWorker, profile: 'adversarial', rate: 0.015, description: 'the worker skips a protocol step (FinalizeCompleted without drain, JobCompleted while finalizing) or snapshots a coordinator-owned or terminal state' },
  { name: FAULT.payloadLimit, profile: 'adversarial', rate: 0.03, description: 'a spawn payload or Ok result exactly at, or one byte over, MAX_PAYLOAD_BYTES (at most once per run)' },
];

/** Named events a step can record (besides `fault:<name>`). */
export const EVENT = {
  cancelVsCompletion: 'cancel-vs-completion',
  workerReplacedMidJob: 'worker-replaced-mid-job',
  staleMessage: 'stale-message',
  duplicateDelivery: 'duplicate-delivery',
  replayedEnvelope: 'replayed-envelope',
  bootstrapFailed: 'bootstrap-failed',
  shutdownDuringCancel: 'shutdown-during-cancel',
  pollVsCompletion: 'poll-vs-completion',
  payloadAtLimit: 'payload-at-limit',
  payloadOverLimit: 'payload-over-limit',
  /** The coordinator accepted a bootstrap from a worker it had already retired (see the known findings). */
  staleBootstrapAccepted: 'stale-bootstrap-accepted',
  /**
   * A worker accepted a SpawnJob issued in another worker's session (posted
   * after it replaced its predecessor but before the coordinator processed its
   * bootstrap, or replayed): it runs a job the coordinator fails or has failed.
   */
  orphanedSpawn: 'orphaned-spawn',
  /** The heal-phase supervisor replaced a stuck worker. */
  recovered: 'supervisor-recovery',
} as const;

/** The race events every sample of seeds is expected to exhibit. */
export const RACE_EVENTS: readonly string[] = [
  EVENT.cancelVsCompletion,
  EVENT.workerReplacedMidJob,
  EVENT.staleMessage,
  EVENT.duplicateDelivery,
  EVENT.replayedEnvelope,
  EVENT.bootstrapFailed,
  EVENT.shutdownDuringCancel,
  EVENT.pollVsCompletion,
  EVENT.payloadAtLimit,
  EVENT.payloadOverLimit,
];

/** The event recorded when fault `name` is injected. */
export function faultEvent(name: string): string {
  return `fault:${name}`;
}
