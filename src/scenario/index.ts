/**
 * Scenario files: hand-written races with partial ordering pins,
 * exhaustive interleaving blocks and expectations, run on the simulator.
 *
 * - {@link parseScenario} (pure) / {@link loadScenario} (reads a file)
 *   validate a YAML or JSON scenario against the shipped JSON Schema.
 * - {@link runScenario} runs it (every interleaving of its exhaustive
 *   blocks) and judges it; its trace replays with `replay`.
 *
 * @example
 * ```ts
 * const result = runScenario(loadScenario('scenarios/cancel-vs-completion.yaml'));
 * if (!result.passed) console.error(result.messages.join('\n'));
 * ```
 * @module
 */
export { ScenarioError } from './errors.js';
export { parseScenario } from './parse.js';
export { loadScenario, scenarioFiles } from './load.js';
export { runScenario, type ScenarioResult, type InterleavingCounts, type InterleavingReport } from './run.js';
export { scenarioSchema, MAX_INTERLEAVINGS } from './schema.js';
export { vocabularyFor, VOCABULARIES } from './registry.js';
export type { Scenario, ScenarioStep, StepSpec, Pin, Expectations, SourceAt } from './types.js';
export type { ScenarioVocabulary, AnyVocabulary, StepDefinition, Resolution } from './vocabulary.js';
