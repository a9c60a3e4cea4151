import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveModel } from '../../src/models/registry.js';
import { shrinkTrace } from '../../src/shrink/index.js';
import { readTraceFile } from '../../src/trace/file-reader.js';
import { replay } from '../../src/trace/replay.js';

const STALE = fileURLToPath(new URL('../../traces/regressions/asupersync-realistic-seed157-stale-bootstrap.lstrace', import.meta.url));

describe('shrinking with an extra keep condition', () => {
  it('keeps only candidates the condition accepts, and the result still violates the same invariant', () => {
    const original = readTraceFile(STALE);
    const plain = shrinkTrace(original, resolveModel);
    expect(plain.trace.steps.some((s) => s.decision.type === 'spawn')).toBe(false);

    const seen: number[] = [];
    const withSpawn = shrinkTrace(original, resolveModel, {
      keep: (steps) => {
        seen.push(steps.length);
        return steps.some((s) => s.decision.type === 'spawn');
      },
    });
    expect(seen.length).toBeGreaterThan(0);
    expect(withSpawn.trace.steps.some((s) => s.decision.type === 'spawn')).toBe(true);
    expect(withSpawn.invariant).toBe('stale-worker-inert');
    expect(withSpawn.trace.footer.violations[0]?.invariant).toBe('stale-worker-inert');
    expect(withSpawn.steps).toBeGreaterThan(plain.steps);
    expect(withSpawn.steps).toBeLessThan(original.steps.length);
    expect(replay(withSpawn.trace, resolveModel).ok).toBe(true);
  });
});
