/**
 * The scenario vocabularies of the built-in models, by model name. A model
 * without a vocabulary cannot be scripted, only fuzzed.
 *
 * @example
 * ```ts
 * vocabularyFor('run-lifecycle').entityField; // 'runs'
 * ```
 * @module
 */
import { asupersyncVocabulary } from '../models/asupersync/scenario.js';
import { runLifecycleVocabulary } from '../models/run-lifecycle/scenario.js';
import type { AnyVocabulary } from './vocabulary.js';

/** Every vocabulary; the first is the default model of a scenario. */
export const VOCABULARIES: readonly AnyVocabulary[] = [asupersyncVocabulary as unknown as AnyVocabulary, runLifecycleVocabulary as unknown as AnyVocabulary];

/** The default model of a scenario that names none. */
export const DEFAULT_SCENARIO_MODEL = 'asupersync';

/** The vocabulary of model `name`; throws an error listing the scriptable models otherwise. */
export function vocabularyFor(name: string): AnyVocabulary {
  const v = VOCABULARIES.find((x) => x.model.name === name);
  if (v === undefined) throw new Error(`model "${name}" has no scenario vocabulary; scriptable models: ${VOCABULARIES.map((x) => x.model.name).join(', ')}`);
  return v;
}
