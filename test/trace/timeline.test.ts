import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { asupersyncModel } from '../../src/models/asupersync/model.js';
import { resolveModel } from '../../src/models/registry.js';
import { runLifecycleModel } from '../../src/models/run-lifecycle/model.js';
import { RunEngine } from '../../src/sim/run-engine.js';
import type { Json } from '../../src/sim/json.js';
import { simulate } from '../../src/sim/simulate.js';
import { readTraceFile } from '../../src/trace/file-reader.js';
import { traceRecords } from '../../src/trace/replay.js';
import { buildTimeline, defaultWindow, laneOf, windowAround } from '../../src/trace/timeline.js';
import type { Trace } from '../../src/trace/types.js';
import { counter, counterTrace, resolve } from './helpers.js';

const STALE = fileURLToPath(new URL('../../traces/regressions/asupersync-realistic-seed157-stale-bootstrap.lstrace', import.meta.url));
const PCT = fileURLToPath(new URL('../../traces/regressions/asupersync-adversarial-pct-seed42.lstrace', import.meta.url));

function timelineOf(trace: Trace, window?: { from: number; to: number }): ReturnType<typeof buildTimeline> {
  return buildTimeline(traceRecords(trace), resolveModel, window);
}

describe('buildTimeline', () => {
  it('has one row per step carrying the recorded phase, actor, fault, error and events', () => {
    const trace = readTraceFile(PCT);
    const t = timelineOf(trace);
    expect(t.divergence).toBeNull();
    expect(t.rows.map((r) => r.step)).toEqual(trace.steps.map((s) => s.index));
    expect(t.rows.map((r) => [r.phase, r.actor, r.fault, r.error, r.events])).toEqual(trace.steps.map((s) => [s.phase, s.actor, s.fault, s.error, s.events]));
    expect(t.rows.every((r) => r.executed)).toBe(true);
    expect(t.rows.some((r) => r.fault !== null) && t.rows.some((r) => r.error !== null)).toBe(true);
  });

  it('describes each decision in the state before it, as the model does', () => {
    const trace = readTraceFile(PCT);
    // An independent re-execution: describe, then apply, step by step.
    const engine = new RunEngine(asupersyncModel, { ...asupersyncModel.defaultOptions, ...(trace.header.options.model as { [k: string]: Json }) }, BigInt(trace.header.seed));
    const expected = trace.steps.map((s) => {
      const text = asupersyncModel.describe?.(engine.state, s.decision as never) ?? '';
      engine.step(s.phase, s.fault === null ? { action: s.decision as never, actor: s.actor } : { action: s.decision as never, actor: s.actor, fault: s.fault });
      return text;
    });
    expect(timelineOf(trace).rows.map((r) => r.text)).toEqual(expected);
    expect(expected.some((x) => /^deliver \w+(\(\d+\))? to worker w\d+$/.test(x))).toBe(true);
  });

  it('places the violation at its step, with invariant and message', () => {
    const t = buildTimeline(traceRecordsOf(STALE), resolveModel);
    const last = t.rows[t.rows.length - 1];
    expect(last?.text).toBe('deliver BootstrapReady from worker w3 to coordinator');
    expect(last?.fault).toBe('late-message');
    expect(last?.violations).toEqual([{ step: 51, invariant: 'stale-worker-inert', message: expect.stringContaining('retired worker w3') }]);
    expect(t.rows.slice(0, -1).every((r) => r.violations.length === 0)).toBe(true);
    expect(t.violations).toEqual(last?.violations);
  });

  it('keeps only the rows in the window but every violation', () => {
    const t = buildTimeline(traceRecordsOf(STALE), resolveModel, { from: 10, to: 20 });
    expect(t.rows.map((r) => r.step)).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20]);
    expect(t.violations.map((v) => v.invariant)).toEqual(['stale-worker-inert']);
    expect(t.steps).toBe(52);
  });

  it('falls back to the decision JSON for a model without describe', () => {
    const trace = counterTrace(3, { actors: 2, target: 3 });
    const t = buildTimeline(traceRecords(trace), resolve);
    expect(counter.describe).toBeUndefined();
    expect(t.rows.map((r) => r.text)).toEqual(trace.steps.map((s) => JSON.stringify(s.decision)));
    const rl = simulate({ model: runLifecycleModel, seed: 1, profile: 'none', maxSteps: 20 }).trace;
    expect(rl).not.toBeNull();
    if (rl !== null) expect(timelineOf(rl).rows[0]?.text).toBe(JSON.stringify(rl.steps[0]?.decision));
  });

  it('attaches a liveness failure, known only at the footer, to the last step', () => {
    const trace = counterTrace(2, { actors: 2, target: 5, cap: 2 }, { healSteps: 30 });
    expect(trace.footer.settled).toBe(false);
    const t = buildTimeline(traceRecords(trace), resolve);
    const last = t.rows[t.rows.length - 1];
    expect(last?.violations.map((v) => v.invariant)).toEqual(trace.footer.violations.filter((v) => v.step === last?.step).map((v) => v.invariant));
    expect(last?.violations.some((v) => v.invariant.startsWith('liveness'))).toBe(true);
  });

  it('reports a divergence and marks the later rows as not re-executed', () => {
    const trace = readTraceFile(PCT);
    const tampered = { ...trace, steps: trace.steps.map((s, i) => (i === 30 ? { ...s, digest: 'ffffffffffffffff' } : s)) };
    const t = timelineOf(tampered);
    expect(t.divergence).toMatchObject({ step: 30, field: 'digest' });
    expect(t.rows.filter((r) => !r.executed).map((r) => r.step)).toEqual(trace.steps.slice(31).map((s) => s.index));
    expect(t.rows[31]?.text).toBe(JSON.stringify(trace.steps[31]?.decision));
  });
});

describe('lanes and windows', () => {
  it.each([
    ['workload', 'coordinator'],
    ['clock', 'coordinator'],
    ['coordinator', 'coordinator'],
    ['supervisor', 'coordinator'],
    ['w1', 'worker'],
    ['w12', 'worker'],
    ['worker:a', 'worker'],
    ['network', 'network'],
  ])('actor %s acts in the %s lane', (actor, kind) => {
    expect(laneOf(actor)).toEqual({ kind, name: actor });
  });

  it('chooses the context around the first violation only for long traces', () => {
    const v = (step: number): { step: number } => ({ step });
    const footer = (steps: number, at: number[]): Parameters<typeof defaultWindow>[0] =>
      ({ steps, violations: at.map(v) }) as unknown as Parameters<typeof defaultWindow>[0];
    expect(defaultWindow(footer(50, [40]), 10, 60)).toEqual({ from: 0, to: 49 });
    expect(defaultWindow(footer(500, []), 10, 60)).toEqual({ from: 0, to: 499 });
    expect(defaultWindow(footer(500, [300, 400]), 10, 60)).toEqual({ from: 290, to: 310 });
    expect(defaultWindow(footer(500, [3]), 10, 60)).toEqual({ from: 0, to: 13 });
    expect(windowAround(498, 10, 500)).toEqual({ from: 488, to: 499 });
  });
});

function traceRecordsOf(path: string): ReturnType<typeof traceRecords> {
  return traceRecords(readTraceFile(path));
}
