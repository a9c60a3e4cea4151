/** Helpers for the scenario tests: parse and run scenario text held in the test. */
import { parseScenario } from '../../src/scenario/parse.js';
import { runScenario, type ScenarioResult } from '../../src/scenario/run.js';
import type { Scenario } from '../../src/scenario/types.js';

/** Parse YAML text as if it were the file `mem.yaml`. */
export function parse(text: string, file = 'mem.yaml'): Scenario {
  return parseScenario(text, file);
}

/** Parse and run. */
export function run(text: string): ScenarioResult {
  return runScenario(parse(text));
}

/** The message of the error `fn` throws. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
  throw new Error('expected an error');
}

/** A bootstrapped asupersync scenario prefix with job 1 spawned (steps given) and delivered to w1. */
export function withJob(steps: number): string {
  return `name: t
steps:
  - bootstrap: w1
  - deliver: BootstrapReady
  - spawn: {job: 1, steps: ${steps}}
  - deliver: SpawnJob(1)
`;
}
