/**
 * Runs shrink candidates: a list of decisions re-executed from a trace
 * header's initial state on the same {@link RunEngine} that `simulate` and
 * `replay` use, with no random draws.
 *
 * Details:
 * - A decision the shortened run no longer enables is skipped
 *   ({@link Model.applicable}); without that hook every decision is applied,
 *   and one that throws ends the run as a `no-uncaught-exception` violation.
 * - The run stops at the first step with a violation. It is **interesting**
 *   when the first violation of that step is the target invariant, the one
 *   the original trace violated first.
 * - {@link CandidateRunner.record} re-runs the final decisions to produce a
 *   fresh trace with the original header, so `replay` of it passes.
 * - **Elastic ending.** When every decision ran and nothing was violated,
 *   the last decision (if it is not a fault) is applied again while it is
 *   applicable, at most {@link REPEAT_LAST} times. The violating step is
 *   usually a FIFO delivery, and removing a message's producer shifts which
 *   message each later delivery moves: a skipped delivery (channel empty)
 *   absorbs one surplus, a repeat absorbs one missing. A candidate is only
 *   kept when its executed list is no longer than the limit the caller
 *   sets (shorter than the current list for removals), so shrinking still
 *   terminates.
 * - Every call of {@link CandidateRunner.test} counts as one attempt; once
 *   the budget is spent it returns null without running.
 *
 * Gotcha: the interesting run's *executed* decisions (skipped ones left
 * out, nothing after the violation) are what the shrinker keeps, so a
 * candidate can shrink more than the slice it removed.
 *
 * @example
 * ```ts
 * const runner = new CandidateRunner(model, trace.header, 'stale-worker-inert', 2000);
 * runner.test(decisions); // the executed decisions, or null when not interesting
 * ```
 * @module
 */
import type { Json } from '../sim/json.js';
import type { Action, AnyModel } from '../sim/model.js';
import { RunEngine } from '../sim/run-engine.js';
import type { Trace, TraceHeader, TraceStep } from '../trace/types.js';
import { candidateOf, type Decision } from './decisions.js';
import { ShrinkError } from './errors.js';

/** How often the last decision may be repeated to reach the violation (elastic ending). */
export const REPEAT_LAST = 8;

/** Model options of a header: the model's defaults overlaid with what was recorded. */
export function headerOptions(model: AnyModel, header: TraceHeader): { readonly [key: string]: Json } {
  const recorded = header.options.model;
  if (recorded === null || typeof recorded !== 'object' || Array.isArray(recorded)) {
    throw new ShrinkError('header.options.model must be an object of model options');
  }
  return { ...model.defaultOptions, ...(recorded as { readonly [key: string]: Json }) };
}

/** Executes candidates against one header and target invariant, within an attempt budget. */
export class CandidateRunner {
  private count = 0;
  private readonly options: { readonly [key: string]: Json };
  private readonly seed: bigint;

  constructor(
    readonly model: AnyModel,
    readonly header: TraceHeader,
    readonly target: string,
    readonly maxAttempts: number,
  ) {
    this.options = headerOptions(model, header);
    this.seed = BigInt(header.seed);
  }

  /** Candidates run so far. */
  get attempts(): number {
    return this.count;
  }

  /** Whether the attempt budget is spent. */
  get exhausted(): boolean {
    return this.count >= this.maxAttempts;
  }

  /**
   * Run a candidate; the decisions it executed when it is interesting and
   * at most `limit` long (default: no longer than the candidate), else null.
   */
  test(decisions: readonly Decision[], limit = decisions.length): Decision[] | null {
    if (this.exhausted) return null;
    this.count++;
    const run = this.execute(decisions);
    const first = run.engine.violations[0];
    if (first === undefined || first.invariant !== this.target) return null;
    return run.executed.length <= limit ? run.executed : null;
  }

  /** Re-run `decisions` and return the trace they record, under the original header. */
  record(decisions: readonly Decision[]): Trace {
    const run = this.execute(decisions);
    return { header: this.header, steps: run.steps, footer: run.engine.footer() };
  }

  private execute(decisions: readonly Decision[]): {
    engine: RunEngine<unknown, Json, Action>;
    executed: Decision[];
    steps: TraceStep[];
  } {
    const engine = new RunEngine(this.model, this.options, this.seed);
    const executed: Decision[] = [];
    const steps: TraceStep[] = [];
    const run = (d: Decision): boolean => {
      steps.push(engine.step(d.phase, candidateOf(d)));
      executed.push(d);
      return engine.violations.length > 0;
    };
    const applicable = this.model.applicable?.bind(this.model);
    for (const d of decisions) {
      if (applicable !== undefined && !applicable(engine.state, d.action)) continue;
      if (run(d)) return { engine, executed, steps };
    }
    // Elastic ending: see the module documentation.
    const last = decisions[decisions.length - 1];
    if (last === undefined || applicable === undefined || last.fault !== null) return { engine, executed, steps };
    for (let i = 0; i < REPEAT_LAST && applicable(engine.state, last.action); i++) {
      if (run(last)) break;
    }
    return { engine, executed, steps };
  }
}
