/**
 * Marks the step record the run engine built last, so the trace encoder can
 * skip the shape check of a record it knows was built as an exact
 * {@link TraceStep} literal.
 *
 * Details: the engine calls {@link markEngineStep} on each record it
 * returns, and sinks run synchronously before the next step, so a streaming
 * encoder (`TraceFileWriter`) sees the marked record. Only the shape (a plain
 * object with exactly the nine fields) is trusted: the encoder still checks
 * every field it writes (`BlockWriter.tryAdd`), because the model, which is
 * user code, supplies most of them. Records from anywhere else (copies, a
 * kept trace encoded later, a user's own records) take the full `parseStep`
 * path, so the file bytes never depend on which path a record took.
 *
 * Gotcha: one slot, by identity: a sink that copies or rebuilds records
 * loses only the speed-up, never correctness. A sink that adds a field to
 * the engine's (readonly) record gets it dropped from the file instead of
 * refused.
 *
 * @example
 * ```ts
 * markEngineStep(record);
 * isEngineStep(record); // true until the next mark
 * ```
 * @module
 */
import type { TraceStep } from './types.js';

let last: TraceStep | undefined;

/** Record that `step` is a fresh record built by the run engine. */
export function markEngineStep(step: TraceStep): void {
  last = step;
}

/** Whether `step` is the record the run engine built last. */
export function isEngineStep(step: TraceStep): boolean {
  return step === last;
}
