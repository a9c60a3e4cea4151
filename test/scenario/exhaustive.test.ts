// Exhaustive blocks: counting and enumerating interleavings, infeasible orders, and judging every one.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { countInterleavings, merges } from '../../src/scenario/interleavings.js';
import { loadScenario } from '../../src/scenario/load.js';
import { runScenario } from '../../src/scenario/run.js';
import { run, withJob } from './helpers.js';

describe('interleavings', () => {
  it('counts merges of lanes: the multinomial coefficient', () => {
    expect(countInterleavings([2, 2])).toBe(6);
    expect(countInterleavings([1, 1, 1])).toBe(6);
    expect(countInterleavings([3])).toBe(1);
    expect(countInterleavings([2, 1])).toBe(3);
    expect(countInterleavings([3, 2, 1])).toBe(60);
    expect(countInterleavings([1, 1, 1, 1, 1, 1, 1])).toBe(5040);
  });

  it('enumerates every merge once, keeping each lane in order, lowest lane first', () => {
    expect([...merges([['a', 'b'], ['c']])]).toEqual([
      ['a', 'b', 'c'],
      ['a', 'c', 'b'],
      ['c', 'a', 'b'],
    ]);
    const all = [...merges([['a1', 'a2'], ['b1', 'b2'], ['c1']])].map((m) => m.join(' '));
    expect(all).toHaveLength(countInterleavings([2, 2, 1]));
    expect(new Set(all).size).toBe(all.length);
    for (const m of all) {
      expect(m.indexOf('a1')).toBeLessThan(m.indexOf('a2'));
      expect(m.indexOf('b1')).toBeLessThan(m.indexOf('b2'));
    }
  });
});

describe('exhaustive scenarios', () => {
  it('cancel vs completion (library): 6 orders, the 2 impossible ones infeasible, 4 explored and passing', () => {
    const r = runScenario(loadScenario(fileURLToPath(new URL('../../scenarios/cancel-vs-completion-exhaustive.yaml', import.meta.url))));
    expect(r.interleavings).toEqual({ total: 6, explored: 4, infeasible: 2, failed: 0 });
    expect(r.infeasible.map((i) => [i.index, i.order.join(', ')])).toEqual([
      [0, 'cancel 1, deliver CancelJob(1), finish 1, deliver JobCompleted(1)'], // the worker drains the job before it can finish
      [5, 'finish 1, deliver JobCompleted(1), cancel 1, deliver CancelJob(1)'], // a completed job is not cancelled: no CancelJob
    ]);
    expect(r.infeasible[0]?.messages[0]).toContain('job 1 is Draining at w1, so it cannot finish');
  });

  it('every feasible interleaving is judged: an expectation that only some orders meet fails with those orders', () => {
    // With a 2-step job, cancel and the job's start race; the job completes Ok only if it finishes first.
    const r = run(`${withJob(0)}  - explore: exhaustive
    lanes:
      - [cancel: 1, deliver: CancelJob(1)]
      - [finish: 1, deliver: JobCompleted(1)]
  - settle
expect:
  outcomes: {1: Cancelled}
`);
    expect(r.passed).toBe(false);
    expect(r.interleavings).toEqual({ total: 6, explored: 4, infeasible: 2, failed: 4 });
    expect(r.failed.map((f) => f.index)).toEqual([1, 2, 3, 4]);
    expect(r.messages[0]).toMatch(/^interleaving 1 \[cancel 1 → finish 1 → deliver CancelJob\(1\) → deliver JobCompleted\(1\)\]:\n {4}mem\.yaml:\d+:\d+: expect\.outcomes\.1: job 1 ended with Ok\(16\), expected Cancelled$/);
    // The kept trace is a failing interleaving's.
    expect(r.trace?.header.options.interleaving).toBe(1);
  });

  it('events: every permutation runs; the scenario fails when none is feasible', () => {
    const three = run(`${withJob(3)}  - explore: exhaustive\n    events: [poll: 1, turn, cancel: 1]\n  - settle\nexpect:\n  jobs: {1: Completed}\n`);
    expect(three.interleavings).toEqual({ total: 6, explored: 6, infeasible: 0, failed: 0 });
    const none = run(`${withJob(3)}  - explore: exhaustive\n    events: [deliver: CancelJob(1), deliver: PollStatus(1)]\n`);
    expect(none.passed).toBe(false);
    expect(none.interleavings).toEqual({ total: 2, explored: 0, infeasible: 2, failed: 0 });
    expect(none.messages[0]).toMatch(/^mem\.yaml:7:14: no interleaving is feasible \(2 infeasible\); the first: mem\.yaml:8:\d+: steps\[4\]\.events\[0\]\.deliver: deliver CancelJob\(1\): no CancelJob\(1\) is in flight/);
  });

  it('a failing step after the block fails that interleaving instead of making it infeasible', () => {
    const r = run(`${withJob(3)}  - explore: exhaustive\n    events: [poll: 1, cancel: 1]\n  - deliver: PollStatus(1)\n`);
    // poll first: PollStatus(1) heads the channel; cancel first: CancelJob(1) is ahead of it.
    expect(r.interleavings).toEqual({ total: 2, explored: 2, infeasible: 0, failed: 1 });
    expect(r.failed[0]?.order).toEqual(['cancel 1', 'poll 1']);
    expect(r.failed[0]?.messages[0]).toContain('PollStatus(1) to w1 is queued behind CancelJob(1)');
  });
});
