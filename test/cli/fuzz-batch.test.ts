// One batch of a campaign, run in-process: its stopping rules and what it
// reports when the shrinker fails.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runBatch, type BatchReply, type BatchRequest, type BatchResult } from '../../src/cli/fuzz-batch.js';
import { cutAfter, newCutoff } from '../../src/cli/fuzz-cutoff.js';
import * as shrink from '../../src/shrink/index.js';

vi.mock('../../src/shrink/index.js', { spy: true });

afterEach(() => {
  vi.mocked(shrink.shrinkTrace).mockRestore();
});

const request = (over: Partial<BatchRequest> = {}): BatchRequest => ({
  flags: { model: 'asupersync', profile: 'swarm', strategy: 'random', 'pct-depth': 3, 'max-steps': 200, 'heal-steps': 2000 },
  start: '1',
  total: 40,
  shard: { index: 1, count: 1 },
  batch: 1,
  from: 4,
  count: 8,
  stopAtFirst: true,
  deadline: null,
  cutoff: newCutoff(),
  ...over,
});

function result(reply: BatchReply): BatchResult {
  if ('cut' in reply) throw new Error('unexpected cut-off');
  return reply;
}

describe('fuzz batch', () => {
  it('runs its seeds in order and stops at the first violation, which it shrinks', () => {
    // Positions 4..11 are seeds 5..12; swarm seeds 8 and 11 fail.
    const r = result(runBatch(request()));
    expect(r).toMatchObject({ batch: 1, completed: 4, end: 'violation' });
    expect(r.failures.map((f) => f.seed)).toEqual(['8']);
    expect(r.failures[0]?.trace.header.seed).toBe('8');
    expect(r.failures[0]?.shrinkError).toBeNull();
    expect(shrink.shrinkTrace).toHaveBeenCalledTimes(1);
  });

  it('with keep-going runs the whole batch and keeps every failure', () => {
    const r = result(runBatch(request({ stopAtFirst: false })));
    expect(r).toMatchObject({ completed: 8, end: 'all' });
    expect(r.failures.map((f) => f.seed)).toEqual(['8', '11']);
    expect(r.summary.seeds).toBe(8);
    expect(r.summary.failures).toBe(2);
  });

  it('stops before any seed once the deadline has passed, and when cut off', () => {
    expect(runBatch(request({ deadline: 0 }))).toMatchObject({ completed: 0, end: 'deadline', failures: [] });
    const cutoff = newCutoff();
    cutAfter(cutoff, 0);
    expect(runBatch(request({ cutoff }))).toEqual({ batch: 1, cut: true });
  });

  it('a shrinker that throws still reports the violation, with the original trace and the reason', () => {
    vi.mocked(shrink.shrinkTrace).mockImplementation(() => {
      throw new Error('shrinker exploded');
    });
    const f = result(runBatch(request())).failures[0];
    expect(f?.shrinkError).toBe('shrinker exploded');
    expect(f?.trace.steps.length).toBe(f?.originalSteps);
    expect(f?.violation).toEqual(f?.trace.footer.violations[0]);
  });
});
