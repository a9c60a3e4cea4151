/**
 * Turns parsed command-line flags into validated run settings.
 * @module
 */
import { resolveModel, MODEL_NAMES } from '../models/registry.js';
import type { Json } from '../sim/json.js';
import type { AnyModel } from '../sim/model.js';
import type { RunSettings } from '../fuzz/campaign.js';
import { isProfileName, PROFILES, type ProfileName } from '../sim/profile.js';
import { isStrategyName, STRATEGIES, type StrategyName } from '../sim/strategy.js';
import { UsageError } from './usage-error.js';

/** Flags shared by every command that runs simulations. */
export interface RunFlags {
  readonly model: string;
  readonly profile: string;
  readonly strategy: string;
  readonly 'pct-depth': number;
  readonly 'max-steps': number;
  readonly 'heal-steps': number;
  /** JSON object overriding the model's default options; may be absent when a caller builds flags by hand. */
  readonly 'model-options'?: string | undefined;
}

/** yargs option definitions for {@link RunFlags}. */
export const RUN_OPTIONS = {
  model: { type: 'string', default: 'asupersync', describe: `model to simulate (${MODEL_NAMES.join(', ')})` },
  profile: { type: 'string', default: 'swarm', describe: `fault profile (${PROFILES.join(', ')})` },
  strategy: { type: 'string', default: 'random', describe: `exploration strategy (${STRATEGIES.join(', ')})` },
  'pct-depth': { type: 'number', default: 3, describe: 'PCT bug depth (number of ordering constraints)' },
  'max-steps': { type: 'number', default: 200, describe: 'steps in the fault phase' },
  'heal-steps': { type: 'number', default: 2000, describe: 'liveness bound: steps allowed to settle after faults stop' },
  'model-options': { type: 'string', describe: 'JSON object overriding model options (see lockstep models), e.g. \'{"jobs":3}\'' },
} as const;

function positiveInt(name: string, value: number, min = 1): number {
  if (!Number.isInteger(value) || value < min) throw new UsageError(`--${name} must be an integer >= ${min}, got ${value}`);
  return value;
}

/** Parse a u64 seed given in decimal (or 0x hex). */
export function parseSeed(name: string, raw: string | number): bigint {
  const text = String(raw).trim();
  if (!/^(0x[0-9a-fA-F]+|[0-9]+)$/.test(text)) throw new UsageError(`--${name} must be an unsigned integer, got "${text}"`);
  const value = BigInt(text);
  if (value >= 2n ** 64n) throw new UsageError(`--${name} must be below 2^64, got ${text}`);
  return value;
}

/** Validate run flags. */
export function runSettings(flags: RunFlags): RunSettings {
  let model;
  try {
    model = resolveModel(flags.model);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (!isProfileName(flags.profile)) throw new UsageError(`--profile must be one of ${PROFILES.join(', ')}, got "${flags.profile}"`);
  if (!isStrategyName(flags.strategy)) throw new UsageError(`--strategy must be one of ${STRATEGIES.join(', ')}, got "${flags.strategy}"`);
  return {
    model,
    profile: flags.profile as ProfileName,
    strategy: flags.strategy as StrategyName,
    pctDepth: positiveInt('pct-depth', flags['pct-depth']),
    maxSteps: positiveInt('max-steps', flags['max-steps'], 0),
    healSteps: positiveInt('heal-steps', flags['heal-steps'], 0),
    modelOptions: parseModelOptions(model, flags['model-options']),
  };
}

/** Parse `--model-options` and check the model accepts them, so a bad option is a usage error, not a crash per seed. */
function parseModelOptions(model: AnyModel, raw: string | undefined): { readonly [key: string]: Json } {
  if (raw === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (e) {
    throw new UsageError(`--model-options must be a JSON object: ${(e as Error).message}`);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new UsageError(`--model-options must be a JSON object, got ${raw}`);
  const options = value as { readonly [key: string]: Json };
  const unknown = Object.keys(options).filter((k) => !(k in model.defaultOptions));
  if (unknown.length > 0) {
    throw new UsageError(`--model-options: ${model.name} has no option ${unknown.join(', ')}; it has ${Object.keys(model.defaultOptions).join(', ')}`);
  }
  try {
    model.init({ ...model.defaultOptions, ...options }, 0n);
  } catch (e) {
    throw new UsageError(`--model-options: ${(e as Error).message}`);
  }
  return options;
}
