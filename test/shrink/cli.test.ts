// `lockstep shrink` end to end, as a user runs it: the built bin/lockstep.js in a child process
// (`npm test` builds dist/ first; run `npm run build` before running this file alone).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/lockstep.js', import.meta.url));
const REGRESSIONS = fileURLToPath(new URL('../../traces/regressions/', import.meta.url));

function lockstep(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir = '';
let failing = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lockstep-shrink-'));
  failing = join(dir, 'seed157.lstrace');
  copyFileSync(join(REGRESSIONS, 'asupersync-realistic-seed157-stale-bootstrap.lstrace'), failing);
});

describe('lockstep shrink', () => {
  it('writes <name>.min.lstrace next to the trace, reports what it kept, and the result replays', () => {
    const r = lockstep('shrink', failing);
    expect(r.code).toBe(0);
    const out = join(dir, 'seed157.min.lstrace');
    expect(existsSync(out)).toBe(true);
    expect(r.stdout).toMatch(/shrunk .*seed157\.lstrace: stale-worker-inert, 52 → 5 steps in \d+ candidate runs/);
    expect(r.stdout).toContain('stale-worker-inert at step 4: BootstrapReady from retired worker w1');
    expect(r.stdout).toContain(`lockstep replay ${out}`);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    const replay = lockstep('replay', out);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toContain('5 steps replayed identically');
  });

  it('--json prints one document, --out chooses the file, and the bytes are the same every time', () => {
    const a = join(dir, 'a.lstrace');
    const b = join(dir, 'b.lstrace');
    const r = lockstep('shrink', failing, '--out', a, '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(doc).toMatchObject({ input: failing, output: a, invariant: 'stale-worker-inert', originalSteps: 52, steps: 5, exhausted: false, replay: `lockstep replay ${a}` });
    expect(doc.violation).toMatchObject({ step: 4, decision: { type: 'deliver', gen: 1, to: 'coordinator' } });
    expect(lockstep('shrink', failing, '--out', b, '--json').code).toBe(0);
    expect(readFileSync(b).equals(readFileSync(a))).toBe(true);
  });

  it('--max-attempts bounds the work and says the result may not be minimal', () => {
    const out = join(dir, 'budget.lstrace');
    const r = lockstep('shrink', failing, '--out', out, '--max-attempts', '3');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('in 3 candidate runs');
    expect(r.stdout).toContain('attempt budget spent');
    expect(lockstep('replay', out).code).toBe(0);
  });

  it('shrinks a liveness failure by re-running the heal phase with the recorded bound', () => {
    const file = join(dir, 'live.lstrace');
    expect(lockstep('run', '--seed', '3', '--profile', 'realistic', '--max-steps', '30', '--heal-steps', '5', '--trace', file).code).toBe(1);
    const r = lockstep('shrink', file, '--json');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { invariant: string; originalSteps: number; steps: number; violation: { message: string }; output: string };
    expect(doc.invariant).toBe('liveness:all-work-terminates');
    expect(doc.steps).toBeLessThan(doc.originalSteps);
    expect(doc.violation.message).toBe('not settled within 5 heal steps');
    expect(lockstep('replay', doc.output).code).toBe(0);
  });

  it.each([
    ['a trace without a violation', [join(REGRESSIONS, 'asupersync-adversarial-pct-seed42.lstrace'), '--out', 'OUT'], /no violation to keep/],
    ['a missing file', ['NOPE'], /no such trace file/],
    ['random bytes', ['RANDOM'], /not a lockstep trace file/],
    ['a zero budget', ['FAILING', '--max-attempts', '0'], /--max-attempts must be an integer >= 1/],
    ['a budget that is not a number', ['FAILING', '--max-attempts', 'lots'], /--max-attempts must be an integer >= 1/],
  ])('rejects %s with exit 2 and a one-line message', (_what, args, message) => {
    const random = join(dir, 'random.lstrace');
    writeFileSync(random, Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 73 + 11) % 256)));
    const out = join(dir, 'refused.lstrace');
    const subst = args.map((a) => ({ OUT: out, NOPE: join(dir, 'nope.lstrace'), RANDOM: random, FAILING: failing })[a] ?? a);
    const r = lockstep('shrink', ...subst);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(false);
  });

  it('--help shows examples', () => {
    const r = lockstep('shrink', '--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('lockstep shrink traces/run.lstrace');
  });
});
