/**
 * A trace as a timeline: one row per step, in lanes, in the model's words.
 *
 * {@link buildTimeline} re-executes the recorded decisions on a
 * {@link RunEngine} exactly as `replay` does (same header checks, same
 * per-step comparison), because a row's text needs the state *before* the
 * step: `model.describe(state, action)` names the message a `deliver` moves,
 * which the decision alone does not say. Models without `describe` fall back
 * to the decision's JSON.
 *
 * Details:
 * - **Lanes** come from the step's actor ({@link laneOf}): `network` is the
 *   network lane; `w1`, `w2`, ... (asupersync) and `worker:<id>`
 *   (run-lifecycle) are worker lanes; every other actor (workload, clock,
 *   coordinator, supervisor, scheduler, ...) acts on the coordinator (main
 *   thread) side.
 * - **Violations** are those the re-execution finds, at their step, plus the
 *   liveness verdict the footer check re-derives; they are listed even when
 *   their step is outside the window.
 * - **Divergence**: if the replay stops matching the recording, the timeline
 *   says where; later rows show the recorded decisions without re-executing
 *   them (`executed: false`), since the replayed state no longer means
 *   anything.
 * - Only rows inside the {@link TimelineWindow} are kept, so a long trace
 *   streams through in constant memory.
 *
 * Pure: the records come from any iterable (e.g. `readTraceRecords(path)`).
 *
 * @example
 * ```ts
 * const t = buildTimeline(readTraceRecords(file), resolveModel, { from: 0, to: 20 });
 * for (const r of t.rows) console.log(r.step, r.lane.name, r.text);
 * ```
 * @module
 */
import { withDeterminismGuard } from '../sim/determinism-guard.js';
import type { Json } from '../sim/json.js';
import type { Action, AnyModel, Phase } from '../sim/model.js';
import type { RunEngine } from '../sim/run-engine.js';
import type { TraceRecord } from './decoder.js';
import { StepChecker } from './replay-check.js';
import { engineForHeader, type Divergence, type ModelResolver } from './replay.js';
import type { TraceFooter, TraceHeader, TraceStep } from './types.js';

/** The side of the system a step happens on. */
export type LaneKind = 'coordinator' | 'worker' | 'network';

/** A lane: its kind and its name (the worker id for worker lanes). */
export interface Lane {
  readonly kind: LaneKind;
  readonly name: string;
}

/** A violation, placed at its step. */
export interface TimelineViolation {
  readonly step: number;
  readonly invariant: string;
  readonly message: string;
}

/** One step of the timeline. */
export interface TimelineRow {
  readonly step: number;
  readonly phase: Phase;
  readonly actor: string;
  readonly lane: Lane;
  /** The decision in the model's words (or its JSON). */
  readonly text: string;
  readonly decision: Action;
  /** Fault name when the step was an injected fault. */
  readonly fault: string | null;
  /** Error kind the system returned. */
  readonly error: string | null;
  /** Race and fault events. */
  readonly events: readonly string[];
  /** Violations detected at this step. */
  readonly violations: readonly TimelineViolation[];
  /** False for steps after a divergence, which are shown as recorded but not re-executed. */
  readonly executed: boolean;
}

/** Which steps to keep: `from` to `to`, both inclusive. */
export interface TimelineWindow {
  readonly from: number;
  readonly to: number;
}

/** A whole timeline. */
export interface Timeline {
  readonly header: TraceHeader;
  /** Total steps in the trace. */
  readonly steps: number;
  readonly settled: boolean;
  readonly outcome: Json;
  readonly window: TimelineWindow;
  readonly rows: readonly TimelineRow[];
  /** Every violation of the re-executed run (or, after a divergence, as recorded). */
  readonly violations: readonly TimelineViolation[];
  readonly divergence: Divergence | null;
}

/** The lane of an actor; see the module documentation. */
export function laneOf(actor: string): Lane {
  if (actor === 'network') return { kind: 'network', name: 'network' };
  if (/^w\d+$/.test(actor) || actor.startsWith('worker')) return { kind: 'worker', name: actor };
  return { kind: 'coordinator', name: actor };
}

/**
 * The window to show when the caller gave none: `around` steps either side
 * of the first violation (or divergence) when the trace is longer than
 * `longer`, otherwise everything.
 */
export function defaultWindow(footer: Pick<TraceFooter, 'steps' | 'violations'>, around: number, longer: number, focus?: number): TimelineWindow {
  const all = { from: 0, to: Math.max(0, footer.steps - 1) };
  const at = focus ?? footer.violations[0]?.step;
  if (footer.steps <= longer || at === undefined) return all;
  return windowAround(Math.max(0, at), around, footer.steps);
}

/** `around` steps either side of `step`, clamped to a trace of `steps` steps. */
export function windowAround(step: number, around: number, steps: number): TimelineWindow {
  return { from: Math.max(0, step - around), to: Math.min(Math.max(0, steps - 1), step + around) };
}

function describeStep(model: AnyModel, engine: RunEngine<unknown, Json, Action> | null, rec: TraceStep): string {
  if (engine === null || model.describe === undefined) return JSON.stringify(rec.decision);
  try {
    return model.describe(engine.state, model.parseAction(rec.decision));
  } catch {
    // An undescribable decision is exactly what the divergence report will explain.
    return JSON.stringify(rec.decision);
  }
}

/** Build the timeline of `records`; see the module documentation. */
export function buildTimeline(records: Iterable<TraceRecord>, resolveModel: ModelResolver, window: TimelineWindow = { from: 0, to: Number.MAX_SAFE_INTEGER }): Timeline {
  return withDeterminismGuard(() => {
    let header: TraceHeader | undefined;
    let model: AnyModel | undefined;
    let engine: RunEngine<unknown, Json, Action> | null = null;
    let checker: StepChecker | null = null;
    let divergence: Divergence | null = null;
    let footer: TraceFooter | undefined;
    const rows: TimelineRow[] = [];
    for (const r of records) {
      if (r.kind === 'header') {
        header = r.header;
        model = resolveModel(r.header.model);
        const start = engineForHeader(r.header, model);
        if ('field' in start) divergence = start;
        else {
          engine = start;
          checker = new StepChecker(model, start);
        }
      } else if (r.kind === 'step') {
        if (model === undefined) throw new Error('timeline: a step record came before the header');
        const rec = r.step;
        const text = describeStep(model, divergence === null ? engine : null, rec);
        const before = engine?.violations.length ?? 0;
        if (divergence === null && checker !== null) divergence = checker.step(rec) ?? null;
        const executed = divergence === null || divergence.step === rec.index;
        if (rec.index < window.from || rec.index > window.to) continue;
        const found = executed && engine !== null ? engine.violations.slice(before) : [];
        rows.push({
          step: rec.index,
          phase: rec.phase,
          actor: rec.actor,
          lane: laneOf(rec.actor),
          text,
          decision: rec.decision,
          fault: rec.fault,
          error: rec.error,
          events: rec.events,
          violations: found.map((v) => ({ step: v.step, invariant: v.invariant, message: v.message })),
          executed,
        });
      } else {
        footer = r.footer;
        if (divergence === null && checker !== null) divergence = checker.footer(r.footer) ?? null;
      }
    }
    if (header === undefined || footer === undefined) throw new Error('timeline: the records ended without a header and footer');
    const source = divergence === null && engine !== null ? engine.violations : footer.violations;
    const violations = source.map((v) => ({ step: v.step, invariant: v.invariant, message: v.message }));
    // Liveness is only known at the footer: attach it to its row if that row is shown.
    const lastRow = rows[rows.length - 1];
    const late = violations.filter((v) => !rows.some((row) => row.violations.some((x) => x.invariant === v.invariant && x.step === v.step)));
    if (lastRow !== undefined && divergence === null) {
      const onLast = late.filter((v) => v.step === lastRow.step);
      if (onLast.length > 0) rows[rows.length - 1] = { ...lastRow, violations: [...lastRow.violations, ...onLast] };
    }
    return {
      header,
      steps: footer.steps,
      settled: footer.settled,
      outcome: footer.outcome,
      window: { from: window.from, to: Math.min(window.to, Math.max(0, footer.steps - 1)) },
      rows,
      violations,
      divergence,
    };
  });
}
