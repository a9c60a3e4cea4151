/**
 * How scenario scheduler steps choose among the model's candidates: the
 * scenario's strategy for normal picks, and fault injection at the
 * profile's rates, exactly as `simulate` does it.
 *
 * Gotcha: candidates arrive already filtered by ordering pins, so a fault a
 * pin forbids is never injected.
 *
 * @example
 * ```ts
 * const chosen = injectFault(options, faults, rng.stream('scenario/faults')) ?? pickNormal(options, scheduler, step);
 * ```
 * @module
 */
import type { Action, Candidate } from '../sim/model.js';
import type { FaultConfig } from '../sim/profile.js';
import type { RngStream } from '../sim/rng.js';
import type { Scheduler } from '../sim/strategy.js';

/** A candidate with its description (what pins match on). */
export type Option = { readonly c: Candidate<Action>; readonly text: string };

/** The scheduler's pick among the options that are not faults; undefined when there is none. */
export function pickNormal(options: readonly Option[], scheduler: Scheduler, step: number): Option | undefined {
  const normal = options.filter((o) => o.c.fault === undefined);
  if (normal.length === 0) return undefined;
  return normal[scheduler.choose(normal.map((o) => o.c), step)];
}

/** As in simulate: each enabled fault, in name order, is injected with its profile rate. */
export function injectFault(options: readonly Option[], faults: FaultConfig, rng: RngStream): Option | undefined {
  const names = [...new Set(options.flatMap((o) => (o.c.fault !== undefined && (faults.rates[o.c.fault] ?? 0) > 0 ? [o.c.fault] : [])))].sort();
  for (const name of names) {
    if (rng.chance(faults.rates[name] ?? 0)) return rng.pick(options.filter((o) => o.c.fault === name));
  }
  return undefined;
}
