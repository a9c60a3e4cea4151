/**
 * Helpers for the shrink tests: record a hand-built run as a trace, exactly
 * as `simulate` would record it (same engine, same header shape).
 */
import type { Json } from '../../src/sim/json.js';
import type { Action, Model } from '../../src/sim/model.js';
import { RunEngine } from '../../src/sim/run-engine.js';
import { TRACE_FORMAT_VERSION, type Trace, type TraceStep } from '../../src/trace/types.js';
import { LOCKSTEP_VERSION } from '../../src/version.js';

/** One scripted step: an action, and the fault it injects if any. */
export interface ScriptStep<A extends Action> {
  readonly action: A;
  readonly fault?: string;
}

/** Record `script` (fault phase throughout) as a trace of `model`, stopping at the first violation. */
export function recordScript<S, V extends Json, A extends Action>(
  model: Model<S, V, A>,
  script: readonly (A | ScriptStep<A>)[],
  options: { readonly [key: string]: Json } = {},
  seed = 42n,
): Trace {
  const modelOptions = { ...model.defaultOptions, ...options };
  const engine = new RunEngine(model, modelOptions, seed);
  const steps: TraceStep[] = [];
  for (const s of script) {
    const step = 'action' in s && typeof s.action === 'object' ? (s as ScriptStep<A>) : { action: s as A };
    const candidate = step.fault === undefined ? { action: step.action, actor: 'script' } : { action: step.action, actor: 'script', fault: step.fault };
    steps.push(engine.step('fault', candidate));
    if (engine.violations.length > 0) break;
  }
  return {
    header: {
      formatVersion: TRACE_FORMAT_VERSION,
      lockstepVersion: LOCKSTEP_VERSION,
      model: model.name,
      seed: seed.toString(),
      profile: 'adversarial',
      strategy: 'random',
      options: { model: modelOptions, faults: {}, maxSteps: 200, healSteps: 2000, pctDepth: 3 },
    },
    steps,
    footer: engine.footer(),
  };
}
