/**
 * The built-in models, by the name recorded in trace headers.
 * @module
 */
import type { AnyModel } from '../sim/model.js';
import { asupersyncModel } from './asupersync/model.js';
import { runLifecycleModel } from './run-lifecycle/model.js';

/** Every built-in model. The first is the default for the CLI. */
export const MODELS: readonly AnyModel[] = [asupersyncModel, runLifecycleModel];

/** Names of the built-in models. */
export const MODEL_NAMES: readonly string[] = MODELS.map((m) => m.name);

/** The built-in model called `name`; throws an error listing the known names otherwise. */
export function resolveModel(name: string): AnyModel {
  const model = MODELS.find((m) => m.name === name);
  if (model === undefined) {
    throw new Error(`unknown model "${name}"; known models: ${MODEL_NAMES.join(', ')}`);
  }
  return model;
}
