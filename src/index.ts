/**
 * lockstep: deterministic simulation and replay testing for coordinator/worker
 * protocols.
 *
 * - {@link simulate} runs a model under a seeded virtual scheduler with fault
 *   injection, checks invariants after every step and records a trace.
 * - {@link replay} re-executes a trace's recorded decisions and reports the
 *   first divergence.
 * - {@link runScenario} runs a scenario file ({@link loadScenario}): a
 *   hand-written race with ordering pins, exhaustive blocks and expectations.
 * - The asupersync protocol port, the worker endpoint and the built-in models
 *   are exported for direct use.
 * @module
 */
import { resolveModel } from './models/registry.js';
import { replay as replayWith, type ReplayVerdict, type TraceSource, type ModelResolver } from './trace/replay.js';

export * from './protocol/index.js';
export * from './worker/index.js';
export { simulate, type SimulateOptions, type SimulationResult } from './sim/simulate.js';
export type { Action, Candidate, CandidateContext, FaultSpec, Invariant, Model, Phase, StepEffects, AnyModel } from './sim/model.js';
export { PROFILES, type ProfileName, type FaultConfig } from './sim/profile.js';
export { STRATEGIES, type StrategyName } from './sim/strategy.js';
export { RngStream, RngStreams } from './sim/rng.js';
export { DeterminismViolation, withDeterminismGuard } from './sim/determinism-guard.js';
export { canonicalJson, type Json } from './sim/json.js';
export { Hash64 } from './sim/digest.js';
export { MODELS, MODEL_NAMES, resolveModel } from './models/registry.js';
export { asupersyncModel, createAsupersyncModel, type AsupersyncVariant } from './models/asupersync/model.js';
export { SimWorker } from './models/asupersync/generation.js';
export type { AsupersyncParts } from './models/asupersync/state.js';
export { runLifecycleModel } from './models/run-lifecycle/model.js';
export * from './trace/types.js';
export { TraceFormatError } from './trace/errors.js';
export { encodeTrace } from './trace/encoder.js';
export { decodeTrace } from './trace/decoder.js';
export { TraceFileWriter } from './trace/file-writer.js';
export { readTraceFile, readTraceRecords, TraceRecordStream } from './trace/file-reader.js';
export type { RecordConsumer, RecordFeed } from './trace/record-feed.js';
export { MemorySink } from './trace/memory-sink.js';
export { shrinkTrace, ShrinkError, type ShrinkOptions, type ShrinkResult, type ShrinkStep } from './shrink/index.js';
export type { Divergence, DivergenceField, ReplayVerdict, TraceSource, ModelResolver } from './trace/replay.js';
export {
  loadScenario,
  parseScenario,
  runScenario,
  scenarioFiles,
  scenarioSchema,
  ScenarioError,
  type Scenario,
  type ScenarioResult,
  type ScenarioVocabulary,
} from './scenario/index.js';

/**
 * Re-execute a trace's recorded decisions and check every step digest,
 * envelope hash, error and event, then the final outcome.
 *
 * @param trace - a whole trace, or records streamed from `readTraceRecords(path)`.
 * @param models - how to find the model named in the header; defaults to the built-in models.
 * @returns `{ ok: true }`, or `{ ok: false, divergence }` describing the first difference.
 * @example
 * ```ts
 * const { trace } = simulate({ model: asupersyncModel, seed: 7n });
 * replay(trace!).ok; // true
 * ```
 */
export function replay(trace: TraceSource, models: ModelResolver = resolveModel): ReplayVerdict {
  return replayWith(trace, models);
}
