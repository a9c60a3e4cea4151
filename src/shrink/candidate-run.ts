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
 * - **Liveness.** For the target `liveness:all-work-terminates` a candidate
 *   is a fault-phase prefix; after it the heal phase is run again as
 *   `simulate` runs it (`heal-phase.ts`), and the candidate is interesting
 *   when that fails liveness and the whole run is no longer than the
 *   shortest kept so far. There is no elastic ending for liveness.
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
import { LIVENESS, RunEngine } from '../sim/run-engine.js';
import type { Trace, TraceHeader, TraceStep } from '../trace/types.js';
import { RngStreams } from '../sim/rng.js';
import { candidateOf, type Decision } from './decisions.js';
import { ShrinkError } from './errors.js';
import { FaultPhaseDraws, runHealPhase } from './heal-phase.js';

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
  /** Liveness target: the heal bound and fault rates of the header. */
  private readonly liveness: LivenessSettings | null;
  /** Liveness: the longest whole run (prefix and heal phase) a candidate may record. */
  private longest: number;

  /**
   * `longest` bounds a liveness candidate's whole recorded run (its prefix
   * plus the re-run heal phase); pass the original trace's length so that a
   * shrunk trace is never longer.
   */
  constructor(
    readonly model: AnyModel,
    readonly header: TraceHeader,
    readonly target: string,
    readonly maxAttempts: number,
    longest = Number.MAX_SAFE_INTEGER,
    private readonly keep?: (steps: readonly Pick<TraceStep, 'phase' | 'actor' | 'decision' | 'fault'>[]) => boolean,
  ) {
    this.options = headerOptions(model, header);
    this.seed = BigInt(header.seed);
    this.liveness = target === LIVENESS ? livenessSettings(header) : null;
    this.longest = longest;
  }

  /**
   * Whether the last decision is the violating step, which no removal may
   * drop (safety). A liveness candidate is a fault-phase prefix whose every
   * decision may go.
   */
  get fixedLast(): boolean {
    return this.liveness === null;
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
    if (first === undefined || first.invariant !== this.target || run.executed.length > limit) return null;
    if (this.keep !== undefined && !this.keep(run.executed.map((d) => ({ phase: d.phase, actor: d.actor, decision: d.action, fault: d.fault })))) return null;
    if (this.liveness !== null) {
      if (run.steps.length > this.longest) return null;
      this.longest = run.steps.length;
    }
    return run.executed;
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
    const live = this.liveness;
    const streams = new RngStreams(this.seed);
    const draws = live === null ? null : new FaultPhaseDraws(streams, live.rates);
    for (const d of decisions) {
      if (applicable !== undefined && !applicable(engine.state, d.action)) continue;
      draws?.draw(engine);
      if (run(d)) return { engine, executed, steps };
    }
    if (live !== null) {
      // A fault phase shorter than maxSteps ended because simulate found nothing to do: it drew once more.
      if (executed.length < live.maxSteps) draws?.draw(engine);
      runHealPhase(engine, streams, live.healSteps, (step) => steps.push(step));
      return { engine, executed, steps };
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

/** What re-running the heal phase needs from a header. */
interface LivenessSettings {
  readonly maxSteps: number;
  readonly healSteps: number;
  readonly rates: { readonly [fault: string]: number };
}

function livenessSettings(header: TraceHeader): LivenessSettings {
  const count = (key: string): number => {
    const v = header.options[key];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) {
      throw new ShrinkError(`header.options.${key} must be a non-negative integer to re-run the heal phase`);
    }
    return v;
  };
  const faults = header.options.faults;
  const rates: { [fault: string]: number } = {};
  if (faults !== null && typeof faults === 'object' && !Array.isArray(faults)) {
    for (const [name, rate] of Object.entries(faults)) if (typeof rate === 'number') rates[name] = rate;
  }
  return { maxSteps: count('maxSteps'), healSteps: count('healSteps'), rates };
}
