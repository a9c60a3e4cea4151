/**
 * Building the `StepEffects` a run-lifecycle step reports.
 *
 * This model has no wire envelopes, so `envelopes` is always empty; `error`
 * is the Rust error variant (or a model-level rejection such as
 * `LeaseNotHeld`), and `events` name the races a step exercised
 * (`lease-expired-while-running`, `stale-finish-rejected`, ...).
 *
 * @example
 * ```ts
 * effects('AttemptOwnershipMismatch', 'stale-finish-rejected');
 * ```
 * @module
 */
import type { StepEffects } from '../../sim/model.js';

/** Effects with an optional error kind and any number of named events. */
export function effects(error: string | null, ...events: string[]): StepEffects {
  return { envelopes: [], error, events };
}

/** Effects of a step that succeeded. */
export function done(...events: string[]): StepEffects {
  return effects(null, ...events);
}
