/**
 * The only I/O of scenarios: reading scenario files, and finding them in
 * directories. Everything else under `src/scenario` is pure.
 *
 * Details:
 * - A directory contributes its `*.yaml`, `*.yml` and `*.json` files
 *   (not `*.schema.json`), recursively, in sorted order.
 * - A missing path is a {@link ScenarioError} ("no such scenario file").
 *
 * @example
 * ```ts
 * for (const file of scenarioFiles(['scenarios/'])) runScenario(loadScenario(file));
 * ```
 * @module
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ScenarioError } from './errors.js';
import { parseScenario } from './parse.js';
import type { Scenario } from './types.js';

const SCENARIO_FILE = /\.(ya?ml|json)$/;

/** Read and parse one scenario file; throws {@link ScenarioError}. */
export function loadScenario(path: string): Scenario {
  if (!existsSync(path)) throw new ScenarioError(path, null, 'no such scenario file');
  if (!statSync(path).isFile()) throw new ScenarioError(path, null, 'not a file');
  return parseScenario(readFileSync(path, 'utf8'), path);
}

/** Scenario files named by `paths` (files as given, directories expanded), without duplicates. */
export function scenarioFiles(paths: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
      const p = join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (SCENARIO_FILE.test(entry.name) && !entry.name.endsWith('.schema.json')) out.push(p);
    }
  };
  for (const p of paths) {
    if (!existsSync(p)) throw new ScenarioError(p, null, 'no such scenario file or directory');
    if (statSync(p).isDirectory()) walk(p);
    else out.push(p);
  }
  return [...new Set(out)];
}
