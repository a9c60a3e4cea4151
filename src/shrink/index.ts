/**
 * Shrinking: minimise a failing trace by delta debugging over its decisions.
 *
 * A candidate is a subsequence of the original run's decisions (plus value
 * simplifications), re-executed from the header's initial state without any
 * random draws; decisions the shorter run no longer enables are skipped, and
 * the run stops at its first violation. It is kept when that violation is of
 * the **same invariant** as the original's first violation.
 *
 * Details:
 * - Passes, repeated until a round changes nothing or `maxAttempts`
 *   candidates have run: drop every fault at once; remove chunks of halving
 *   size, then single decisions, then pairs (`ddmin.ts`); simplify values
 *   (`simplify.ts`).
 * - The result is re-recorded through the `RunEngine` under the original
 *   header, so `replay` of the shrunk trace passes and shows the violation.
 * - Deterministic: the same trace and options give a byte-identical result.
 * - Models help through optional hooks: `applicable` (skip what a shorter
 *   run no longer enables), `simplify` (simpler variants of an action) and
 *   `rebase` (fix up later decisions when one is removed, e.g. renumber
 *   worker generations).
 *
 * - **Liveness** (`liveness:all-work-terminates`): the failure belongs to
 *   the whole heal phase, which `simulate` schedules with random draws, not
 *   to one step. So only the fault-phase prefix is shrunk; each candidate
 *   prefix is judged by re-running the heal phase after it as `simulate`
 *   would (same streams, same heal bound from the header), and the shrunk
 *   trace is the prefix plus that re-run heal phase, never longer than the
 *   original. See `candidate-run.ts` and `heal-phase.ts`.
 *
 * Gotchas:
 * - The result is 1-minimal only within the attempt budget.
 * - A liveness candidate runs the whole heal phase (up to `healSteps`
 *   steps), so liveness shrinking costs far more per attempt than safety.
 *
 * @example
 * ```ts
 * const r = shrinkTrace(trace, resolveModel);
 * console.log(`${r.invariant}: ${r.originalSteps} → ${r.steps} steps in ${r.attempts} runs`);
 * replay(r.trace, resolveModel).ok; // true
 * ```
 * @module
 */
import { canonicalJson } from '../sim/json.js';
import { DeterminismViolation, withDeterminismGuard } from '../sim/determinism-guard.js';
import type { AnyModel } from '../sim/model.js';
import { LIVENESS } from '../sim/run-engine.js';
import type { ModelResolver } from '../trace/replay.js';
import type { Trace, TraceStep } from '../trace/types.js';
import { CandidateRunner } from './candidate-run.js';
import { decisionsOf, faultPhaseOf, type Decision } from './decisions.js';
import { dropFaults, removeChunks, removePairs } from './ddmin.js';
import { ShrinkError } from './errors.js';
import { simplifyValues } from './simplify.js';

export { ShrinkError } from './errors.js';

/** Default of {@link ShrinkOptions.maxAttempts}. */
export const DEFAULT_MAX_ATTEMPTS = 2000;

/** Options of {@link shrinkTrace}. */
export interface ShrinkOptions {
  /** Upper bound on candidate runs tried; default 2000. */
  readonly maxAttempts?: number;
  /**
   * An extra condition a candidate must meet besides violating the same
   * invariant, given the steps it executed. A differential check uses it:
   * the planted-bug zoo keeps only candidates whose decisions do not also
   * violate the invariant on the real model, so shrinking cannot drift from
   * the planted bug onto a known protocol bug.
   */
  readonly keep?: (steps: readonly ShrinkStep[]) => boolean;
}

/** One executed step of a candidate, as {@link ShrinkOptions.keep} sees it. */
export type ShrinkStep = Pick<TraceStep, 'phase' | 'actor' | 'decision' | 'fault'>;

/** What {@link shrinkTrace} returns. */
export interface ShrinkResult {
  /** The minimal trace: a valid trace that replays and still violates `invariant`. */
  readonly trace: Trace;
  /** The invariant the original trace violated first, which the shrunk one still violates. */
  readonly invariant: string;
  readonly originalSteps: number;
  readonly steps: number;
  /** Candidate runs executed. */
  readonly attempts: number;
  /** Whether the attempt budget ran out before a round changed nothing (the result may not be 1-minimal). */
  readonly exhausted: boolean;
}

/**
 * Minimise a trace that has at least one violation. Throws a
 * {@link ShrinkError} if it has none, if its header cannot be re-run, or if
 * its decisions no longer reproduce its first violation.
 */
export function shrinkTrace(trace: Trace, resolveModel: ModelResolver, options: ShrinkOptions = {}): ShrinkResult {
  const first = trace.footer.violations[0];
  if (first === undefined) throw new ShrinkError('the trace has no violation to keep');
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (!Number.isSafeInteger(maxAttempts) || maxAttempts < 1) throw new ShrinkError(`maxAttempts must be an integer >= 1, got ${maxAttempts}`);
  const model = resolveModel(trace.header.model);
  return withDeterminismGuard(() => {
    const { runner, current: reproduced } = start(model, trace, first.invariant, maxAttempts, options.keep);
    let current: readonly Decision[] | null = reproduced;
    if (current === null) {
      throw new ShrinkError(`re-running the trace's decisions does not reproduce ${first.invariant} at step ${first.step}; run 'lockstep replay' on it to see where it diverges`);
    }
    for (let before = ''; !runner.exhausted; ) {
      current = removeChunks(runner, dropFaults(runner, current));
      current = simplifyValues(runner, removePairs(runner, current));
      const key = canonicalJson(current.map((d) => ({ ...d })));
      if (key === before) break;
      before = key;
    }
    const shrunk = runner.record(current);
    return {
      trace: shrunk,
      invariant: first.invariant,
      originalSteps: trace.steps.length,
      steps: shrunk.steps.length,
      attempts: runner.attempts,
      exhausted: runner.exhausted,
    };
  });
}

/** The runner for `trace` and the first candidate, the original decisions; bad headers become {@link ShrinkError}s. */
function start(
  model: AnyModel,
  trace: Trace,
  invariant: string,
  maxAttempts: number,
  keep: ShrinkOptions['keep'],
): { runner: CandidateRunner; current: Decision[] | null } {
  try {
    const runner = new CandidateRunner(model, trace.header, invariant, maxAttempts, trace.steps.length, keep);
    const original = invariant === LIVENESS ? faultPhaseOf(trace) : decisionsOf(trace, trace.footer.violations[0]?.step ?? -1);
    return { runner, current: runner.test(original) };
  } catch (e) {
    if (e instanceof DeterminismViolation || e instanceof ShrinkError) throw e;
    throw new ShrinkError(`cannot re-run the trace's header: ${e instanceof Error ? e.message : String(e)}`);
  }
}
