/**
 * Human-readable output for the CLI. Colour comes from chalk, which turns
 * itself off when output is not a terminal (CI logs stay plain).
 * @module
 */
import chalk from 'chalk';
import type { Violation } from '../trace/types.js';
import type { Divergence } from '../trace/replay.js';

/** One line per violation, then its details indented. */
export function formatViolation(v: Violation): string {
  const decision = v.decision === null ? '(end of run)' : JSON.stringify(v.decision);
  return [
    `${chalk.red('✗')} ${chalk.bold(v.invariant)} at step ${v.step}: ${v.message}`,
    `    decision: ${decision}`,
    `    cause:    ${JSON.stringify(v.cause)}`,
    `    state:    ${JSON.stringify(v.state)}`,
  ].join('\n');
}

/** A replay divergence, field by field. */
export function formatDivergence(d: Divergence): string {
  const at = d.step === null ? 'at the end of the trace' : `at step ${d.step}`;
  return [
    `${chalk.red('✗')} diverged ${at} in ${chalk.bold(d.field)}: ${d.message}`,
    ...(d.decision === null ? [] : [`    decision: ${JSON.stringify(d.decision)}`]),
    `    expected: ${JSON.stringify(d.expected)}`,
    `    actual:   ${JSON.stringify(d.actual)}`,
  ].join('\n');
}
