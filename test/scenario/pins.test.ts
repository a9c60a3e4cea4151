// Ordering pins: matching, filtering the scheduler, rejecting explicit steps, excluding interleavings.
import { describe, expect, it } from 'vitest';
import { pinMatches } from '../../src/scenario/pins.js';
import { run, withJob } from './helpers.js';

describe('pin matching', () => {
  it('matches a description by prefix at a word boundary', () => {
    const text = 'deliver CancelJob(1) to worker w1';
    expect(pinMatches('deliver CancelJob(1)', text)).toBe(true);
    expect(pinMatches(text, text)).toBe(true);
    expect(pinMatches('deliver CancelJob', text)).toBe(true);
    expect(pinMatches('deliver CancelJob(1)', 'deliver CancelJob(10) to worker w1')).toBe(false);
    expect(pinMatches('deliver Cancel', text)).toBe(false);
    expect(pinMatches('deliver JobCompleted(1)', text)).toBe(false);
  });
});

describe('pins steer the scheduler', () => {
  // Job 1 completes on its first step; the cancel is in flight. Which happens first decides the outcome.
  const race = (before: string, after: string, seed: number): string => `${withJob(0).replace('name: t', `name: t\nseed: ${seed}`)}  - cancel: 1
  - settle
order:
  - before: ${before}
    after: ${after}
`;
  it.each([1, 2, 3, 4, 5, 6])('seed %i: cancel delivered first → the cancel protocol completes the job as Cancelled', (seed) => {
    const r = run(`${race('deliver CancelJob(1)', 'step job 1', seed)}expect:\n  jobs: {1: Completed}\n  outcomes: {1: Cancelled}\n`);
    expect(r.messages).toEqual([]);
    const steps = r.trace?.steps.map((s) => s.decision.type) ?? [];
    expect(steps).not.toContain('step');
  });

  it.each([1, 2, 3, 4, 5, 6])('seed %i: step first → the racing completion wins with Ok', (seed) => {
    const r = run(`${race('step job 1', 'deliver CancelJob(1)', seed)}expect:\n  jobs: {1: Completed}\n  outcomes: {1: Ok}\n  events: [cancel-vs-completion]\n`);
    expect(r.messages).toEqual([]);
  });

  it('without a pin, the seeds disagree on who wins (so the pins above do something)', () => {
    const outcomes = new Set<string>();
    for (let seed = 1; seed <= 30; seed++) {
      const r = run(`${withJob(0).replace('name: t', `name: t\nseed: ${seed}`)}  - cancel: 1\n  - settle\n`);
      const jobs = (r.trace?.footer.outcome as { jobs: { outcome: string }[] }).jobs;
      outcomes.add(jobs[0]?.outcome.split('(')[0] ?? '?');
    }
    expect([...outcomes].sort()).toEqual(['Cancelled', 'Ok']);
  });

  it('a pin whose "before" never happens leaves settle stuck, reported as a failure at the settle line', () => {
    const r = run(`${withJob(0)}  - settle\norder:\n  - before: shutdown\n    after: step job 1\n`);
    expect(r.passed).toBe(false);
    expect(r.messages).toEqual([expect.stringMatching(/^mem\.yaml:7:5: steps\[4\]: settle: nothing left to do after 4 steps but the model is not settled/)]);
  });
});

describe('pins reject explicit steps', () => {
  it('an explicit step that breaks a pin fails the scenario, naming the pin and both lines', () => {
    const r = run(`${withJob(0)}  - finish: 1\n  - cancel: 1\norder:\n  - before: cancel job 1\n    after: step job 1\n`);
    expect(r.passed).toBe(false);
    expect(r.messages).toEqual([
      'mem.yaml:7:13: steps[4].finish: finish 1: "step job 1 on w1" breaks the pin before "cancel job 1" / after "step job 1" (line 10): "cancel job 1" has not happened yet',
    ]);
  });

  it('inside an exhaustive block, orderings a pin forbids are infeasible, not failures', () => {
    const r = run(`${withJob(2)}  - explore: exhaustive\n    events: [cancel: 1, poll: 1]\norder:\n  - before: poll job 1\n    after: cancel job 1\n`);
    expect(r.passed).toBe(true);
    expect(r.interleavings).toEqual({ total: 2, explored: 1, infeasible: 1, failed: 0 });
    expect(r.infeasible[0]?.order).toEqual(['cancel 1', 'poll 1']);
    expect(r.infeasible[0]?.messages[0]).toContain('breaks the pin before "poll job 1" / after "cancel job 1"');
  });
});
