/**
 * Text rendering of a {@link Timeline} for `lockstep show`.
 *
 * Three lanes side by side, like a sequence diagram drawn sideways: the
 * coordinator (main thread) on the left, the workers in the middle, the
 * network on the right. A step's text starts in its lane's column, idle
 * lanes to its left show `│`, and long texts run on to the right (where
 * nothing else happens in that row), so nothing is ever cut off. Faults are
 * marked `⚡FAULT(name)`, errors `→ error Kind`, race events `◆ name`, and a
 * violation gets its own red line under its step.
 *
 * @example
 * ```ts
 * for (const line of formatTimeline(timeline, 'traces/x.lstrace')) console.log(line);
 * ```
 * @module
 */
import type { Divergence } from '../trace/replay.js';
import type { LaneKind, Timeline, TimelineRow, TimelineViolation } from '../trace/timeline.js';
import { paint } from './colour.js';

const COLUMN = 30;
const LANES: readonly LaneKind[] = ['coordinator', 'worker', 'network'];
const TITLES: Readonly<Record<LaneKind, string>> = { coordinator: 'coordinator (main thread)', worker: 'worker', network: 'network' };
const GUTTER = 13; // "  step phase  "

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function violationLine(v: TimelineViolation, indent: string): string {
  return `${indent}${paint.red(`✗ VIOLATION ${paint.bold(v.invariant)}`)}${paint.red(`: ${v.message}`)}`;
}

function divergenceLines(d: Divergence): string[] {
  const at = d.step === null ? 'at the end of the trace' : `at step ${d.step}`;
  return [
    paint.red(`✗ the replay diverged ${at} in ${d.field}: ${d.message}`),
    `    expected: ${JSON.stringify(d.expected)}`,
    `    actual:   ${JSON.stringify(d.actual)}`,
  ];
}

/** The lane part of a row: bars for the idle lanes on the left, then the text. */
function laneCells(row: TimelineRow): string {
  const at = LANES.indexOf(row.lane.kind);
  const bars = paint.dim('│'.padEnd(COLUMN)).repeat(at);
  // The actor is named unless its lane or the text already does ("deliver ... to worker w1").
  const who = row.actor === row.lane.kind || new RegExp(`\\b${row.actor.replace(/[^\w]/g, '\\$&')}\\b`).test(row.text) ? '' : `${paint.dim(`${row.actor}:`)} `;
  const fault = row.fault === null ? '' : `${paint.yellow(`⚡FAULT(${row.fault})`)} `;
  const text = row.executed ? row.text : paint.dim(`${row.text} (not re-executed)`);
  const error = row.error === null ? '' : `  ${paint.yellow(`→ error ${row.error}`)}`;
  const events = row.events.map((e) => `  ${paint.cyan(`◆ ${e}`)}`).join('');
  return `${bars}${who}${fault}${text}${error}${events}`;
}

/** One text line (or a few, with violations) per row. */
export function formatRow(row: TimelineRow, divergence: Divergence | null = null): string[] {
  const head = `${String(row.step).padStart(6)} ${row.phase.padEnd(5)}  `;
  const diverged = divergence !== null && divergence.step === row.step;
  const marked = row.violations.length > 0 || diverged ? paint.red(head) : head;
  const indent = ' '.repeat(GUTTER + 1);
  return [
    `${marked}${laneCells(row)}`,
    ...row.violations.map((v) => violationLine(v, indent)),
    ...(diverged ? [`${indent}${paint.red(`✗ DIVERGED here (${divergence.field}): the replay no longer matches the recording`)}`] : []),
  ];
}

/** The whole timeline: a summary, the lane titles, the rows, and anything outside the window. */
export function formatTimeline(t: Timeline, file: string, note: string | null): string[] {
  const h = t.header;
  const first = t.violations[0];
  const status = [
    plural(t.steps, 'step'),
    t.settled ? 'settled' : 'not settled',
    t.violations.length === 0 ? 'no violations' : `${plural(t.violations.length, 'violation')} (first: ${first?.invariant ?? ''} at step ${first?.step ?? ''})`,
  ].join(', ');
  const lines = [
    paint.bold(file),
    `model ${h.model} · seed ${h.seed} · profile ${h.profile} · strategy ${h.strategy} · format v${h.formatVersion} (lockstep ${h.lockstepVersion})`,
    t.violations.length > 0 ? paint.red(status) : paint.green(status),
  ];
  if (t.steps === 0) return [...lines, 'the trace has no steps', ...(t.divergence === null ? [] : divergenceLines(t.divergence))];
  lines.push(`steps ${t.window.from}–${t.window.to} of 0–${t.steps - 1}${note === null ? '' : ` (${note})`}`, '');
  lines.push(paint.bold(`${'step'.padStart(6)} phase  ${LANES.map((l) => TITLES[l].padEnd(COLUMN)).join('').trimEnd()}`));
  if (t.window.from > 0) lines.push(paint.dim(`${'⋮'.padStart(6)}  ${t.window.from} earlier steps`));
  for (const row of t.rows) lines.push(...formatRow(row, t.divergence));
  const hidden = t.steps - 1 - t.window.to;
  if (hidden > 0) lines.push(paint.dim(`${'⋮'.padStart(6)}  ${hidden} later steps`));
  const shown = (v: TimelineViolation): boolean => t.rows.some((r) => r.violations.some((x) => x.step === v.step && x.invariant === v.invariant));
  const elsewhere = t.violations.filter((v) => !shown(v));
  if (elsewhere.length > 0) {
    lines.push('', 'violations outside the steps shown:');
    for (const v of elsewhere) lines.push(violationLine({ ...v, invariant: `${v.invariant} at step ${v.step}` }, '  '));
  }
  if (t.divergence !== null) lines.push('', ...divergenceLines(t.divergence));
  return lines;
}
