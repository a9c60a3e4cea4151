/**
 * Ordering pins: `before: "deliver CancelJob(1)"`, `after: "deliver
 * JobCompleted(1)"` means nothing matching `after` may happen until
 * something matching `before` has.
 *
 * Details:
 * - Patterns match a step's description (the model's `describe`, e.g.
 *   `deliver CancelJob(1) to worker w1`) by prefix, at a word boundary: the
 *   pattern is the whole description or is followed by a space or `(`. So
 *   `deliver CancelJob(1)` does not match `deliver CancelJob(10) ...`, and
 *   `deliver CancelJob` matches any CancelJob delivery.
 * - Scheduler steps skip candidates a pin blocks; an explicit step that a
 *   pin blocks is a scenario failure naming the pin (or makes an
 *   interleaving of an exhaustive block infeasible).
 *
 * @example
 * ```ts
 * const pins = new PinTracker([{ before: 'deliver CancelJob(1)', after: 'deliver JobCompleted(1)', at }]);
 * pins.blocking('deliver JobCompleted(1) from worker w1 to coordinator'); // the pin
 * pins.happened('deliver CancelJob(1) to worker w1');
 * pins.blocking('deliver JobCompleted(1) from worker w1 to coordinator'); // null
 * ```
 * @module
 */
import type { Pin } from './types.js';

/** Whether `pattern` matches the description `text` (prefix at a word boundary). */
export function pinMatches(pattern: string, text: string): boolean {
  if (!text.startsWith(pattern)) return false;
  const next = text.charAt(pattern.length);
  return next === '' || next === ' ' || next === '(';
}

/** Which pins are satisfied so far in one run. */
export class PinTracker {
  private readonly satisfied: boolean[];

  constructor(readonly pins: readonly Pin[]) {
    this.satisfied = pins.map(() => false);
  }

  /** The first pin that forbids a step described as `text` now, or null. */
  blocking(text: string): Pin | null {
    for (let i = 0; i < this.pins.length; i++) {
      const p = this.pins[i] as Pin;
      if (!this.satisfied[i] && pinMatches(p.after, text)) return p;
    }
    return null;
  }

  /** Record that a step described as `text` happened. */
  happened(text: string): void {
    this.pins.forEach((p, i) => {
      if (pinMatches(p.before, text)) this.satisfied[i] = true;
    });
  }
}

/** `before "X" / after "Y"` for messages. */
export function pinText(p: Pin): string {
  return `pin before "${p.before}" / after "${p.after}"`;
}
