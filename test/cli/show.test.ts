// `lockstep show` as a user runs it: the built bin in a child process.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { saveTrace } from '../../src/cli/trace-io.js';
import { asupersyncModel } from '../../src/models/asupersync/model.js';
import { simulate } from '../../src/sim/simulate.js';
import { readTraceFile } from '../../src/trace/file-reader.js';

const BIN = fileURLToPath(new URL('../../bin/lockstep.js', import.meta.url));
const STALE = fileURLToPath(new URL('../../traces/regressions/asupersync-realistic-seed157-stale-bootstrap.lstrace', import.meta.url));
const PCT = fileURLToPath(new URL('../../traces/regressions/asupersync-adversarial-pct-seed42.lstrace', import.meta.url));

function lockstep(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NO_COLOR' && k !== 'FORCE_COLOR'));
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Step numbers of the timeline rows in `out`. */
const rowSteps = (out: string): number[] => [...out.matchAll(/^ {0,5}(\d+) (fault|heal) /gm)].map((m) => Number(m[1]));

let dir = '';
let long = '';
let longViolations: number[] = [];
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lockstep-show-'));
  // A run that goes on after its first violation, so it is longer than the default window.
  const r = simulate({ model: asupersyncModel, seed: 20, profile: 'swarm', stopOnViolation: false });
  if (r.trace === null) throw new Error('no trace');
  long = join(dir, 'long.lstrace');
  saveTrace(long, r.trace);
  longViolations = r.violations.map((v) => v.step);
});

describe('lockstep show', () => {
  it('prints the timeline in lanes, names messages by op and job, marks faults and highlights the violation', () => {
    const r = lockstep('show', STALE);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const out = r.stdout;
    expect(out).toContain('model asupersync · seed 157 · profile realistic · strategy random');
    expect(out).toMatch(/^ {2}step phase {2}coordinator \(main thread\) +worker +network$/m);
    expect(rowSteps(out)).toEqual(Array.from({ length: 52 }, (_, i) => i));
    // The worker lane is the second column: the coordinator lane is idle (│) on its rows.
    expect(out).toMatch(/^ {5}1 fault {2}│ {29}bootstrap w1$/m);
    expect(out).toMatch(/^ {5}3 fault {2}deliver BootstrapReady from worker w1 to coordinator$/m);
    expect(out).toMatch(/^ {5}6 fault {2}│ +deliver SpawnJob\(1\) to worker w1$/m);
    expect(out).toContain('supervisor: ⚡FAULT(worker-replaced) replace worker: w4 starts  ◆ worker-replaced-mid-job');
    expect(out).toMatch(/^ {4}51 fault {2}⚡FAULT\(late-message\) deliver BootstrapReady from worker w3 to coordinator .*◆ stale-bootstrap-accepted$/m);
    expect(out).toMatch(/51 fault .*\n {14}✗ VIOLATION stale-worker-inert: BootstrapReady from retired worker w3 changed the coordinator/);
  });

  it('shows errors and network faults in their lanes', () => {
    const r = lockstep('show', PCT);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/→ error InboundSequenceNotFresh/);
    expect(r.stdout).toMatch(/^ +\d+ fault {2}│ {29}│ {29}⚡FAULT\((drop|duplicate|reorder|delay|replay)\) /m);
    expect(r.stdout).toContain('no violations');
  });

  it('highlights the violation in red when colour is on', () => {
    const r = lockstep('show', STALE, '--color');
    expect(r.stdout).toMatch(/\u001b\[31m✗ VIOLATION \u001b\[1mstale-worker-inert/);
    expect(lockstep('show', STALE).stdout).not.toMatch(/\u001b\[/);
  });

  it('a long trace shows the context around its first violation by default', () => {
    const first = longViolations[0] ?? -1;
    expect(first).toBeGreaterThan(10);
    const r = lockstep('show', long);
    expect(r.code).toBe(0);
    expect(rowSteps(r.stdout)).toEqual(Array.from({ length: 21 }, (_, i) => first - 10 + i));
    expect(r.stdout).toContain(`steps ${first - 10}–${first + 10} of`);
    expect(r.stdout).toContain(`${first - 10} earlier steps`);
  });

  it('--from/--to and --around choose the steps; violations outside them are still listed', () => {
    const r = lockstep('show', long, '--from', '3', '--to', '7');
    expect(rowSteps(r.stdout)).toEqual([3, 4, 5, 6, 7]);
    expect(r.stdout).toContain('violations outside the steps shown:');
    expect(r.stdout).toContain(`✗ VIOLATION cancel-completes-via-protocol at step ${longViolations[0]}`);
    const a = lockstep('show', long, '--around', '2');
    const first = longViolations[0] ?? -1;
    expect(rowSteps(a.stdout)).toEqual([first - 2, first - 1, first, first + 1, first + 2]);
  });

  it('--json prints the timeline as one JSON document', () => {
    const r = lockstep('show', STALE, '--json', '--from', '50');
    expect(r.code).toBe(0);
    const t = JSON.parse(r.stdout) as { file: string; steps: number; window: unknown; rows: { step: number; lane: { kind: string; name: string }; text: string; fault: string | null; violations: { invariant: string }[] }[]; violations: unknown[] };
    expect(t.file).toBe(STALE);
    expect(t.steps).toBe(52);
    expect(t.window).toEqual({ from: 50, to: 51 });
    expect(t.rows.map((x) => x.step)).toEqual([50, 51]);
    expect(t.rows[1]).toMatchObject({ lane: { kind: 'coordinator', name: 'coordinator' }, text: 'deliver BootstrapReady from worker w3 to coordinator', fault: 'late-message' });
    expect(t.rows[1]?.violations.map((v) => v.invariant)).toEqual(['stale-worker-inert']);
  });

  it('a trace that no longer re-executes as recorded shows where and exits 1', () => {
    const trace = readTraceFile(PCT);
    const file = join(dir, 'tampered.lstrace');
    saveTrace(file, { ...trace, steps: trace.steps.map((s, i) => (i === 5 ? { ...s, digest: 'aaaaaaaaaaaaaaaa' } : s)) });
    const r = lockstep('show', file, '--to', '8');
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✗ the replay diverged at step 5 in digest/);
    expect(r.stdout).toMatch(/^ {5}6 fault .*\(not re-executed\)/m);
    expect(r.stdout).toMatch(/^ {5}5 fault .*\n {14}✗ DIVERGED here \(digest\)/m);
  });

  it.each([
    ['a missing file', () => [join(dir, 'missing.lstrace')], /^lockstep: no such trace file: .*missing\.lstrace$/],
    ['a truncated file', () => [truncatedCopy()], /^lockstep: invalid trace file .*cut\.lstrace at byte \d+: .+$/],
    ['--from past the end', () => [STALE, '--from', '60'], /^lockstep: --from 60 is past the last step \(51\)$/],
    ['--from after --to', () => [STALE, '--from', '9', '--to', '3'], /^lockstep: --from 9 is after --to 3$/],
    ['a negative step', () => [STALE, '--to', '-1'], /^lockstep: --to must be an integer >= 0, got -1$/],
    ['--around without a violation', () => [PCT, '--around', '3'], /^lockstep: --around: the trace records no violation; use --from\/--to$/],
  ])('%s exits 2 with one line', (_name, args, message) => {
    const r = lockstep('show', ...args());
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(message);
    expect(r.stdout).toBe('');
  });

  it('--around with --from is a usage error pointing at --help', () => {
    const r = lockstep('show', STALE, '--around', '3', '--from', '1');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/mutually exclusive/);
    expect(r.stderr).toContain("Run 'lockstep --help' for usage.");
  });

  it('--help shows examples', () => {
    const r = lockstep('show', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('lockstep show trace.lstrace --from 0 --to 40');
  });
});

function truncatedCopy(): string {
  const file = join(dir, 'cut.lstrace');
  const bytes = readFileSync(STALE);
  writeFileSync(file, bytes.subarray(0, bytes.length - 50));
  return file;
}
