/**
 * `FaultInjector`: decides, once per fault-phase step, whether a fault
 * candidate replaces the scheduler's pick.
 *
 * Details:
 * - The rule: take the distinct fault names among the step's candidates
 *   whose profile rate is above 0, in name order (`Array#sort` order); for
 *   each, draw `chance(rate)` from the `faults` stream; the first that hits
 *   injects a uniformly chosen candidate with that fault (`pick`). No
 *   enabled fault offered: no draw at all.
 * - Why a class: the enabled names, their order and rates are fixed for a
 *   run, so they are resolved once here instead of building a set, a list
 *   and a sort on every step. A run with no enabled fault (profile `none`)
 *   costs nothing per step.
 *
 * Gotcha: the draws (which stream, how many, in which order) are part of
 * every recorded trace; any change to the rule above changes the decisions
 * of existing seeds.
 *
 * @example
 * ```ts
 * const faults = new FaultInjector(resolveFaults('adversarial', model.faults, rng), rng.stream('faults'));
 * faults.enabled('drop'); // true
 * const chosen = faults.inject(candidates) ?? scheduler pick;
 * ```
 * @module
 */
import type { Action, Candidate } from './model.js';
import type { FaultConfig } from './profile.js';
import type { RngStream } from './rng.js';

/** Fault injection at a run's resolved rates, drawing from one stream. */
export class FaultInjector {
  /** Enabled fault names in injection order. */
  private readonly names: readonly string[];
  private readonly rates: readonly number[];
  /** Index of each enabled name in {@link names}. */
  private readonly rank = new Map<string, number>();
  /** Scratch: which enabled faults the current step offers (reused, so a step allocates nothing). */
  private readonly offered: Uint8Array;

  constructor(
    faults: FaultConfig,
    private readonly rng: RngStream,
  ) {
    this.names = Object.keys(faults.rates)
      .filter((name) => (faults.rates[name] ?? 0) > 0)
      .sort();
    this.rates = this.names.map((name) => faults.rates[name] ?? 0);
    this.names.forEach((name, i) => this.rank.set(name, i));
    this.offered = new Uint8Array(this.names.length);
  }

  /** Whether any fault has a rate above 0 in this run (false under profile `none`). */
  get anyEnabled(): boolean {
    return this.names.length > 0;
  }

  /** Whether fault `name` has a rate above 0 in this run. */
  enabled(name: string): boolean {
    return this.rank.has(name);
  }

  /** The injected fault candidate of this step, or undefined (see the module doc for the draws). */
  inject<A extends Action>(candidates: readonly Candidate<A>[]): Candidate<A> | undefined {
    if (this.names.length === 0) return undefined;
    const offered = this.offered;
    offered.fill(0);
    let any = false;
    for (const c of candidates) {
      if (c.fault === undefined) continue;
      const r = this.rank.get(c.fault);
      if (r !== undefined) {
        offered[r] = 1;
        any = true;
      }
    }
    if (!any) return undefined;
    for (let r = 0; r < offered.length; r++) {
      if (offered[r] === 1 && this.rng.chance(this.rates[r] ?? 0)) return this.pickWith(candidates, this.names[r]);
    }
    return undefined;
  }

  /** `rng.pick` over the candidates with fault `name`, without building that list. */
  private pickWith<A extends Action>(candidates: readonly Candidate<A>[], name: string | undefined): Candidate<A> {
    let count = 0;
    for (const c of candidates) if (c.fault === name) count++;
    let k = this.rng.int(count);
    for (const c of candidates) {
      if (c.fault === name && k-- === 0) return c;
    }
    throw new RangeError(`FaultInjector: no candidate with fault ${String(name)}`);
  }
}
