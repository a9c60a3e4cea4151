/**
 * Shrinking: minimise a failing trace. PLACEHOLDER owned by the shrink work;
 * the signature is the contract the fuzz command and the zoo build against.
 * @module
 */
import type { ModelResolver } from '../trace/replay.js';
import type { Trace } from '../trace/types.js';

/** Options of {@link shrinkTrace}. */
export interface ShrinkOptions {
  /** Upper bound on candidate runs tried; default 2000. */
  readonly maxAttempts?: number;
}

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
}

/** Minimise a trace that has at least one violation; throws if it has none. */
export function shrinkTrace(trace: Trace, _resolveModel: ModelResolver, _options: ShrinkOptions = {}): ShrinkResult {
  const first = trace.footer.violations[0];
  if (first === undefined) throw new Error('shrink: the trace has no violation to keep');
  return { trace, invariant: first.invariant, originalSteps: trace.steps.length, steps: trace.steps.length, attempts: 0 };
}
