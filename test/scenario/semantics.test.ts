// Running scenarios: steps that cannot apply, expectation failures, determinism, seeds, run-lifecycle steps.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveModel } from '../../src/models/registry.js';
import { describeRunAction } from '../../src/models/run-lifecycle/scenario.js';
import { saveTrace } from '../../src/cli/trace-io.js';
import { readTraceRecords } from '../../src/trace/file-reader.js';
import { replay } from '../../src/trace/replay.js';
import { runScenario } from '../../src/scenario/run.js';
import { parse, run, withJob } from './helpers.js';

describe('steps that cannot apply name the file, line and step', () => {
  it.each([
    ['  - deliver: CancelJob(1)\n', /^mem\.yaml:7:14: steps\[4\]\.deliver: deliver CancelJob\(1\): no CancelJob\(1\) is in flight \(nothing is in flight\)$/],
    ['  - spawn: 2\n  - spawn: 3\n  - deliver: SpawnJob(3)\n', /steps\[6\]\.deliver: deliver SpawnJob\(3\): SpawnJob\(3\) to w1 is queued behind SpawnJob\(2\); deliver those first/],
    ['  - finish: 2\n', /steps\[4\]\.finish: finish 2: job 2 is not on the live worker w1 \(deliver its SpawnJob first\)/],
    ['  - bootstrap: w1\n', /steps\[4\]\.bootstrap: bootstrap w1: w1 is ready; only a booting worker bootstraps/],
    ['  - replace: w3\n', /the next worker is w2, not w3/],
    ['  - restart\n', /w1 is ready; a live worker is replaced \(replace\), not restarted/],
    ['  - stale: JobCompleted(1)\n', /no JobCompleted\(1\) from a replaced worker is in flight/],
    ['  - replay: CancelJob(1)\n', /CancelJob\(1\) has not been delivered/],
    ['  - finish: 1\n  - reorder: JobCompleted(1)\n', /nothing is queued behind JobCompleted\(1\) to swap it with/],
    ['  - lie: {job: 1, kind: terminal-snapshot, state: Draining}\n', /terminal-snapshot needs Completed or Failed, not Draining/],
  ])('%j', (extra, message) => {
    const r = run(withJob(1) + extra);
    expect(r.passed).toBe(false);
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0]).toMatch(message);
  });

  it('an ambiguous message asks which worker is meant', () => {
    const text = 'name: t\nsteps:\n  - bootstrap: w1\n  - replace\n  - bootstrap: w2\n  - deliver: BootstrapReady\n';
    expect(run(text).messages[0]).toMatch(/steps\[3\]\.deliver: deliver BootstrapReady: BootstrapReady is ambiguous: BootstrapReady from w1 and BootstrapReady from w2; say which/);
    expect(run(text.replace('deliver: BootstrapReady\n', 'deliver: BootstrapReady from w2\n')).passed).toBe(true);
    expect(run(text.replace('deliver: BootstrapReady\n', 'deliver: {message: BootstrapReady, from: w2}\n')).passed).toBe(true);
  });
});

describe('expectations', () => {
  const done = `${withJob(0)}  - finish: 1\n  - deliver: JobCompleted(1)\n`;
  it('pass when everything matches', () => {
    expect(run(`${done}expect:\n  jobs: {1: Completed}\n  outcomes: {1: [Err, Ok(16)]}\n  errors: []\n  settled: true\n`).messages).toEqual([]);
  });

  it('report each mismatch at the line and column of the expectation', () => {
    const r = run(`${done}expect:
  jobs: {1: Failed, 2: Queued}
  outcomes: {1: Cancelled}
  errors: [InboundSequenceNotFresh]
  events: [stale-message]
  settled: false
  violate: [stale-worker-inert]
`);
    expect(r.messages).toEqual([
      'mem.yaml:10:13: expect.jobs.1: job 1 ended Completed, expected Failed',
      'mem.yaml:10:24: expect.jobs.2: job 2 ended untracked, expected Queued',
      'mem.yaml:11:17: expect.outcomes.1: job 1 ended with Ok(16), expected Cancelled',
      'mem.yaml:12:11: expect.errors: errors returned were [], expected [InboundSequenceNotFresh]',
      'mem.yaml:13:11: expect.events: event stale-message never happened (events: none)',
      'mem.yaml:14:12: expect.settled: the run ended settled, expected not settled',
      'mem.yaml:15:12: expect.violate: invariant stale-worker-inert was expected to be violated but held',
    ]);
  });

  it('every invariant must hold by default; a violation is reported with its message', () => {
    const hijack = `name: t
steps:
  - bootstrap: w1
  - replace: w2
  - bootstrap: w2
  - deliver: BootstrapReady from w2
  - spawn: 1
  - stale: BootstrapReady
`;
    const r = run(hijack);
    expect(r.messages).toEqual([
      expect.stringMatching(/^mem\.yaml:1:1: expect\.hold: invariant stale-worker-inert was violated at step 5: BootstrapReady from retired worker w1 changed the coordinator: active worker w2 → w1; job 1 Queued → Failed$/),
    ]);
    expect(run(`${hijack}expect:\n  hold: [terminal-is-final]\n`).passed).toBe(true);
    expect(run(`${hijack}expect:\n  violate: [stale-worker-inert]\n`).passed).toBe(true);
  });

  it('settle that cannot settle in its bound fails, unless the scenario expects an unsettled end', () => {
    const text = `name: t\noptions: {jobs: 2}\nsteps:\n  - bootstrap: w1\n  - deliver: BootstrapReady\n  - settle: 3\n`;
    expect(run(text).messages).toEqual(['mem.yaml:6:13: steps[2].settle: settle: not settled within 3 steps']);
    expect(run(`${text}expect: {settled: false}\n`).passed).toBe(true);
  });
});

describe('determinism and traces', () => {
  const workload = `name: w\noptions: {jobs: 4, cancelRate: 0.3}\nprofile: realistic\nsteps:\n  - bootstrap: w1\n  - deliver: BootstrapReady\n  - run: 60\n  - settle\n`;

  it('the same scenario gives the same trace; another seed gives another schedule', () => {
    const a = run(workload);
    const b = run(workload);
    expect(a.trace?.footer.rollingHash).toBe(b.trace?.footer.rollingHash);
    const c = runScenario({ ...parse(workload), seed: 99n });
    expect(c.trace?.footer.rollingHash).not.toBe(a.trace?.footer.rollingHash);
    expect(a.trace?.header).toMatchObject({ model: 'asupersync', seed: '1', profile: 'realistic', options: { scenario: 'w', interleaving: null } });
  });

  it('scheduler steps with a fault profile inject faults, and the trace still replays from a file', () => {
    const faults = new Set<string>();
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-scn-trace-'));
    for (let seed = 1; seed <= 8; seed++) {
      const r = runScenario({ ...parse(workload), seed: BigInt(seed) });
      for (const s of r.trace?.steps ?? []) if (s.fault !== null) faults.add(s.fault);
      const file = join(dir, `s${seed}.lstrace`);
      if (r.trace === null) throw new Error('no trace');
      saveTrace(file, r.trace);
      const verdict = replay(readTraceRecords(file), resolveModel);
      expect(verdict.ok ? null : verdict.divergence.message).toBeNull();
    }
    expect(faults.size).toBeGreaterThan(0);
  });

  it('a tampered scenario trace does not replay', () => {
    const r = run(`${withJob(0)}  - finish: 1\n  - deliver: JobCompleted(1)\n`);
    if (r.trace === null) throw new Error('no trace');
    const steps = [...r.trace.steps];
    const last = steps[5];
    if (last === undefined) throw new Error('no step 5');
    steps[5] = { ...last, events: ['cancel-vs-completion'] };
    const verdict = replay({ ...r.trace, steps }, resolveModel);
    expect(verdict.ok).toBe(false);
  });
});

describe('run-lifecycle vocabulary', () => {
  it('describes actions for pins', () => {
    expect(describeRunAction({ type: 'finish', worker: 'w0', run: 'r0', attempt: 'r0/a1', outcome: 'success' })).toBe('finish r0/a1 by w0 (success)');
    expect(describeRunAction({ type: 'lease', worker: 'w1', run: 'r2' })).toBe('lease r2 by w1');
  });

  it('resolves workers\' beliefs, rejects unknown ids, and pins work on its descriptions', () => {
    const base = 'name: t\nmodel: run-lifecycle\noptions: {runs: 1, workers: 2}\nsteps:\n';
    expect(run(`${base}  - promote: r7\n`).messages[0]).toMatch(/steps\[0\]\.promote: promote r7: there is no run r7 \(runs: r0\)/);
    expect(run(`${base}  - heartbeat: w0\n`).messages[0]).toMatch(/worker w0 holds no run/);
    const raced = `${base}  - promote: r0\n  - lease: {worker: w0, run: r0}\n  - start: {worker: w0, work: 0}\n  - cancel: r0\n  - finish: w0\nexpect:\n  runs: {r0: Canceled}\n  errors: [AttemptFinishRequiresRunning]\n  events: [cancel-vs-finish, finish-after-cancel]\n`;
    expect(run(raced).messages).toEqual([]);
    const pinned = `${raced}order:\n  - before: finish r0\n    after: cancel r0\n`;
    expect(run(pinned).messages[0]).toMatch(/"cancel r0" breaks the pin before "finish r0" \/ after "cancel r0"/);
  });
});
