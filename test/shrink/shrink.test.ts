// shrinkTrace on real failures: the shipped regression traces and fuzzed seeds. The shrunk
// trace must replay, violate the same invariant first, never be longer, be 1-minimal, and be
// byte-identical when shrinking is repeated.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { asupersyncModel } from '../../src/models/asupersync/model.js';
import { resolveModel } from '../../src/models/registry.js';
import { CandidateRunner } from '../../src/shrink/candidate-run.js';
import { decisionsOf, without } from '../../src/shrink/decisions.js';
import { ShrinkError, shrinkTrace } from '../../src/shrink/index.js';
import { simulate } from '../../src/sim/simulate.js';
import { encodeTrace } from '../../src/trace/encoder.js';
import { readTraceFile } from '../../src/trace/file-reader.js';
import { replay } from '../../src/trace/replay.js';
import type { Trace } from '../../src/trace/types.js';

const DIR = fileURLToPath(new URL('../../traces/regressions/', import.meta.url));
const files = readdirSync(DIR).filter((f) => f.endsWith('.lstrace')).sort();
const failing = files.filter((f) => readTraceFile(DIR + f).footer.violations.length > 0);
const clean = files.filter((f) => !failing.includes(f));

/** Whether every single decision of `t` is needed for its first violation. */
function oneMinimal(t: Trace): boolean {
  const model = resolveModel(t.header.model);
  const first = t.footer.violations[0];
  if (first === undefined) return false;
  const runner = new CandidateRunner(model, t.header, first.invariant, Number.MAX_SAFE_INTEGER);
  const ds = decisionsOf(t, first.step);
  return ds.every((_, i) => runner.test(without(model, ds, (k) => k === i)) === null);
}

function expectGoodShrink(original: Trace, shrunk: Trace, invariant: string): void {
  expect(replay(shrunk, resolveModel)).toMatchObject({ ok: true });
  expect(shrunk.footer.violations[0]?.invariant).toBe(invariant);
  expect(shrunk.steps.length).toBeLessThanOrEqual(original.steps.length);
  expect(shrunk.header).toEqual(original.header);
}

describe('shrinking the regression traces', () => {
  it('the directory has failing traces to shrink', () => {
    expect(failing.length).toBeGreaterThanOrEqual(2);
  });

  it.each(failing)('%s shrinks to a shorter, replayable, 1-minimal trace of the same invariant', (file) => {
    const original = readTraceFile(DIR + file);
    const r = shrinkTrace(original, resolveModel);
    expect(r.invariant).toBe(original.footer.violations[0]?.invariant);
    expectGoodShrink(original, r.trace, r.invariant);
    expect(r.steps).toBe(r.trace.steps.length);
    expect(r.originalSteps).toBe(original.steps.length);
    expect(r.steps).toBeLessThan(r.originalSteps / 4);
    expect(r.exhausted).toBe(false);
    expect(oneMinimal(r.trace)).toBe(true);
  });

  it.each(failing)('%s shrinks byte-identically every time', (file) => {
    const original = readTraceFile(DIR + file);
    const a = shrinkTrace(original, resolveModel);
    const b = shrinkTrace(readTraceFile(DIR + file), resolveModel);
    expect(Buffer.from(encodeTrace(b.trace)).equals(Buffer.from(encodeTrace(a.trace)))).toBe(true);
    expect(b.attempts).toBe(a.attempts);
  });

  it.each(clean)('%s has no violation and is refused', (file) => {
    expect(() => shrinkTrace(readTraceFile(DIR + file), resolveModel)).toThrow(/no violation to keep/);
  });

  it('renumbers worker generations: the seed-157 hijack by w3 of w4 shrinks to w1 of w2', () => {
    const original = readTraceFile(DIR + 'asupersync-realistic-seed157-stale-bootstrap.lstrace');
    const gens = (t: Trace): number[] => t.steps.flatMap((s) => (typeof s.decision.gen === 'number' ? [s.decision.gen] : []));
    expect(Math.max(...gens(original))).toBeGreaterThanOrEqual(4);
    const r = shrinkTrace(original, resolveModel);
    expect(Math.max(...gens(r.trace))).toBe(2);
    expect(r.trace.footer.violations[0]?.message).toMatch(/^BootstrapReady from retired worker w1 changed the coordinator: active worker w2 → w1/);
    // Renumbered worker actions are attributed to the renumbered worker, not to the one the original run named.
    const workerSteps = r.trace.steps.filter((s) => s.decision.type === 'bootstrap');
    expect(workerSteps.map((s) => [s.actor, s.decision.gen])).toEqual([
      ['w1', 1],
      ['w2', 2],
    ]);
  });
});

describe('shrinking fuzzed failures', () => {
  const found: { seed: number; trace: Trace }[] = [];
  for (let seed = 1; found.length < 6 && seed < 400; seed++) {
    const r = simulate({ model: asupersyncModel, seed, profile: 'adversarial' });
    if (r.violations.length > 0 && r.trace !== null) found.push({ seed, trace: r.trace });
  }

  it('the sample has failing seeds', () => {
    expect(found.length).toBe(6);
  });

  it.each(found.map((f) => [f.seed, f.trace] as const))('adversarial seed %i shrinks to a valid trace of the same invariant', (_seed, trace) => {
    const invariant = trace.footer.violations[0]?.invariant ?? '';
    const r = shrinkTrace(trace, resolveModel);
    expectGoodShrink(trace, r.trace, invariant);
    expect(Buffer.from(encodeTrace(shrinkTrace(trace, resolveModel).trace)).equals(Buffer.from(encodeTrace(r.trace)))).toBe(true);
  });
});

describe('the attempt budget and bad input', () => {
  const original = readTraceFile(DIR + 'asupersync-swarm-seed20-finalize-unchecked.lstrace');

  it('stops after maxAttempts candidate runs and still returns a valid trace', () => {
    for (const maxAttempts of [1, 7, 40]) {
      const r = shrinkTrace(original, resolveModel, { maxAttempts });
      expect(r.attempts).toBe(maxAttempts);
      expect(r.exhausted).toBe(true);
      expectGoodShrink(original, r.trace, 'cancel-completes-via-protocol');
    }
    expect(shrinkTrace(original, resolveModel, { maxAttempts: 1 }).steps).toBe(original.steps.length);
  });

  it('rejects a budget that is not a positive integer', () => {
    expect(() => shrinkTrace(original, resolveModel, { maxAttempts: 0 })).toThrow(ShrinkError);
    expect(() => shrinkTrace(original, resolveModel, { maxAttempts: 1.5 })).toThrow(/maxAttempts/);
  });

  it('refuses a header the model cannot start from', () => {
    const options = { ...original.header.options, model: { ...(original.header.options.model as object), jobs: -1 } };
    const bad: Trace = { ...original, header: { ...original.header, options } };
    expect(() => shrinkTrace(bad, resolveModel)).toThrow(/shrink: cannot re-run the trace's header: asupersync: option jobs must be an integer/);
    const notAnObject: Trace = { ...original, header: { ...original.header, options: { ...original.header.options, model: [] } } };
    expect(() => shrinkTrace(notAnObject, resolveModel)).toThrow(/header.options.model must be an object/);
  });

  it('refuses a trace whose decisions no longer reproduce its violation', () => {
    const truncated: Trace = { ...original, steps: original.steps.slice(0, -1) };
    expect(() => shrinkTrace(truncated, resolveModel)).toThrow(/does not reproduce cancel-completes-via-protocol at step 42/);
  });
});
