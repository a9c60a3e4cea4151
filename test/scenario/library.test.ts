// Every scenario shipped in scenarios/ is its own test case: it must pass, and its trace must replay.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RACE_EVENTS } from '../../src/models/asupersync/faults.js';
import { resolveModel } from '../../src/models/registry.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { replay } from '../../src/trace/replay.js';

const DIR = fileURLToPath(new URL('../../scenarios/', import.meta.url));
const FILES = readdirSync(DIR).filter((f) => /\.(ya?ml|json)$/.test(f) && !f.endsWith('.schema.json')).sort();

describe('scenario library', () => {
  it('ships at least 13 scenarios, each pointing editors at the schema', () => {
    expect(FILES.length).toBeGreaterThanOrEqual(13);
    for (const f of FILES) expect(readFileSync(join(DIR, f), 'utf8').split('\n')[0], f).toBe('# yaml-language-server: $schema=./scenario.schema.json');
  });

  it.each(FILES)('%s', (file) => {
    const result = runScenario(loadScenario(join(DIR, file)));
    expect(result.messages, result.messages.join('\n')).toEqual([]);
    expect(result.passed).toBe(true);
    expect(result.interleavings.explored).toBeGreaterThan(0);
    if (result.trace === null) throw new Error(`${file}: no trace`);
    const verdict = replay(result.trace, resolveModel);
    expect(verdict.ok ? null : verdict.divergence.message).toBeNull();
  });

  it('covers both models and at least one exhaustive block and one pin', () => {
    const all = FILES.map((f) => loadScenario(join(DIR, f)));
    expect(new Set(all.map((s) => s.model))).toEqual(new Set(['asupersync', 'run-lifecycle']));
    expect(all.some((s) => s.steps.some((x) => x.kind === 'explore'))).toBe(true);
    expect(all.some((s) => s.order.length > 0)).toBe(true);
    expect(all.filter((s) => s.expect.violate.length > 0).map((s) => s.expect.violate[0]).sort()).toEqual(['cancel-completes-via-protocol', 'stale-worker-inert']);
  });

  it('exercises every race event of the asupersync model', () => {
    const seen = new Set<string>();
    for (const f of FILES) for (const step of runScenario(loadScenario(join(DIR, f))).trace?.steps ?? []) for (const e of step.events) seen.add(e);
    expect(RACE_EVENTS.filter((e) => !seen.has(e))).toEqual([]);
  });
});
