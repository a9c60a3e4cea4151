/**
 * What the latest step of an asupersync run called: the coordinator, and
 * which worker. The view (`view.ts`) reuses the parts of the previous view
 * that belong to actors the step did not call.
 *
 * Details:
 * - {@link touchStep} runs first in `apply`, before any actor is called, and
 *   marks everything the action may call, so a step that throws half-way is
 *   still covered.
 * - The coordinator mark also stands for what the model keeps beside it
 *   (`notes`, `coordinatorSent`): only steps that call the coordinator change
 *   those. `flushCoordinator` marks it too whenever it moves an envelope.
 * - Channels need no mark: their `version` moves on every change. A
 *   generation's `retired` flag, `seqHigh` and lifecycle state are compared
 *   directly by the view.
 * - `applied` counts steps, so an observer can tell whether exactly one step
 *   ran since it last looked (anything else: rebuild everything).
 *
 * Gotcha: a change made behind `apply`'s back (a test poking an actor) is
 * seen only when no step ran between the two views; between a step and the
 * next view nothing but `apply` may change the state.
 *
 * @example
 * ```ts
 * touchStep(s, { type: 'step', gen: 1, job: 3 }); // s.touch: { applied: n + 1, coordinator: false, worker: 1 }
 * ```
 * @module
 */
import type { AsupersyncAction } from './actions.js';

/** `StepTouch.worker` when the step called every generation's worker. */
export const EVERY_WORKER = -1;

/** What the latest step called (see the module doc). */
export interface StepTouch {
  /** Steps applied so far. */
  applied: number;
  /** The step called the coordinator (or changed the model's notes on its jobs). */
  coordinator: boolean;
  /** Generation whose worker the step called; 0 for none, {@link EVERY_WORKER} for all. */
  worker: number;
}

/** A fresh record: no step applied yet. */
export function initialTouch(): StepTouch {
  return { applied: 0, coordinator: false, worker: 0 };
}

/** Whether the latest step called the worker of generation `gen`. */
export function workerTouched(t: StepTouch, gen: number): boolean {
  return t.worker === gen || t.worker === EVERY_WORKER;
}

/** Start a step: mark what action `a` may call. `current` is the newest generation. */
export function touchStep(t: StepTouch, a: AsupersyncAction, current: number): void {
  t.applied++;
  t.coordinator = false;
  t.worker = 0;
  switch (a.type) {
    case 'spawn':
    case 'cancel':
    case 'poll':
    case 'shutdown':
      t.coordinator = true;
      return;
    case 'remove':
      // The coordinator drops the job and every worker forgets it.
      t.coordinator = true;
      t.worker = EVERY_WORKER;
      return;
    case 'turn':
      t.coordinator = true;
      t.worker = current;
      return;
    case 'deliver':
      if (a.to === 'worker') t.worker = a.gen;
      else t.coordinator = true;
      return;
    case 'bootstrap':
    case 'step':
    case 'lie':
      t.worker = a.gen;
      return;
    // A new generation has no previous view; the old one's channel `clear` moves its version.
    case 'restart':
    case 'recover':
    case 'replace':
    // Channels only.
    case 'drop':
    case 'duplicate':
    case 'reorder':
    case 'delay':
    case 'replay':
      return;
    default: {
      const never: never = a;
      throw new Error(`asupersync: unhandled action ${JSON.stringify(never)}`);
    }
  }
}
