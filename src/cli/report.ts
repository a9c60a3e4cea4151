/**
 * Human-readable output for the CLI. Colour comes from chalk, which turns
 * itself off when output is not a terminal (CI logs stay plain).
 * @module
 */
import chalk from 'chalk';
import type { CampaignSummary } from '../fuzz/campaign.js';
import type { FailureRecord } from './fuzz-batch.js';
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

/** One line for a failing seed in a campaign. */
export function formatFailureLine(f: FailureRecord): string {
  return `${chalk.red('✗')} seed ${f.seed}: ${chalk.bold(f.invariant)} at step ${f.step}: ${f.message}\n    trace: ${f.file}`;
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

/** The campaign summary block printed at the end of `lockstep fuzz`. */
export function formatSummary(s: CampaignSummary, seconds: number): string {
  const rate = seconds > 0 ? Math.round(s.seeds / seconds) : s.seeds;
  const head =
    s.failures === 0
      ? chalk.green(`✓ ${s.seeds} seeds, no violations`)
      : chalk.red(`✗ ${s.failures} of ${s.seeds} seeds violated an invariant`);
  const lines = [
    `${head} (${s.steps} steps, ${seconds.toFixed(1)} s, ${rate} seeds/s)`,
    `  races and faults exercised: ${Object.entries(s.events).map(([k, n]) => `${k}×${n}`).join(', ') || 'none'}`,
  ];
  if (s.failures > 0) {
    lines.push(`  violated: ${Object.entries(s.violated).map(([k, n]) => `${k}×${n}`).join(', ')}`);
  }
  return lines.join('\n');
}
