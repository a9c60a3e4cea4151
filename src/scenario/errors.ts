/**
 * `ScenarioError`: a scenario file that cannot be run as written (missing,
 * not YAML, not matching the schema, an impossible exhaustive block). The
 * CLI reports it as bad input (exit 2) in one line:
 * `file:line:column: field: what was expected`.
 *
 * @example
 * ```ts
 * throw new ScenarioError('scenarios/x.yaml', { path: 'steps[3].deliver', line: 12, column: 14 }, 'must be a message name');
 * // message: 'scenarios/x.yaml:12:14: steps[3].deliver: must be a message name'
 * ```
 * @module
 */
import type { SourceAt } from './types.js';

/** A scenario file that is invalid as written. */
export class ScenarioError extends Error {
  constructor(
    readonly file: string,
    readonly at: SourceAt | null,
    readonly detail: string,
  ) {
    const pos = at === null ? '' : `:${at.line}:${at.column}`;
    const field = at === null || at.path === '' ? '' : `${at.path}: `;
    super(`${file}${pos}: ${field}${detail}`);
    this.name = 'ScenarioError';
  }
}
