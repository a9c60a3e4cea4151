// `lockstep run <scenario...>` as a user runs it: the built bin in a child process (`npm test` builds dist/ first).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/lockstep.js', import.meta.url));
const LIBRARY = fileURLToPath(new URL('../../scenarios/', import.meta.url));

function lockstep(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir = '';
const passing = 'name: passes\nsteps:\n  - bootstrap: w1\n  - deliver: BootstrapReady\n  - spawn: 1\n  - settle\nexpect:\n  jobs: {1: Completed}\n';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lockstep-run-'));
  writeFileSync(join(dir, 'passes.yaml'), passing);
  writeFileSync(join(dir, 'fails.yaml'), passing.replace('name: passes', 'name: fails').replace('Completed', 'Failed'));
  writeFileSync(join(dir, 'invalid.yaml'), 'name: bad\nsteps:\n  - cancel: one\n');
});

describe('lockstep run <scenario...>', () => {
  it('runs the whole library from its directory and exits 0', () => {
    const r = lockstep('run', LIBRARY);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/✓ cancel vs completion, every interleaving .*6 interleavings: 4 explored, 2 infeasible, 0 failed/);
    expect(r.stdout).toMatch(/\n(\d+) scenarios: \1 passed, 0 failed\n$/);
  });

  it('a failing scenario exits 1 and says why; --trace-out keeps a trace that replays', () => {
    const out = join(dir, 'traces');
    const r = lockstep('run', join(dir, 'passes.yaml'), join(dir, 'fails.yaml'), '--trace-out', out);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✓ passes');
    expect(r.stdout).toContain('✗ fails');
    expect(r.stdout).toMatch(/fails\.yaml:8:13: expect\.jobs\.1: job 1 ended Completed, expected Failed/);
    expect(r.stdout).toContain('2 scenarios: 1 passed, 1 failed');
    expect(readdirSync(out).sort()).toEqual(['fails.lstrace', 'passes.lstrace']);
    const replayed = lockstep('replay', join(out, 'fails.lstrace'), join(out, 'passes.lstrace'));
    expect(replayed.code).toBe(0);
  });

  it('--json prints one JSON document on stdout and the report on stderr', () => {
    const r = lockstep('run', join(dir, 'passes.yaml'), join(dir, 'fails.yaml'), '--json');
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { passed: number; failed: number; scenarios: { name: string; passed: boolean; messages: string[] }[] };
    expect(doc.passed).toBe(1);
    expect(doc.failed).toBe(1);
    expect(doc.scenarios.map((s) => [s.name, s.passed])).toEqual([
      ['passes', true],
      ['fails', false],
    ]);
    expect(r.stderr).toContain('✗ fails');
  });

  it.each([
    [['invalid.yaml'], /invalid\.yaml:3:13: steps\[0\]\.cancel: must be integer, got string "one"/],
    [['missing.yaml'], /missing\.yaml: no such scenario file or directory/],
    [['passes.yaml', '--trace', 'x.lstrace'], /--trace is for single-seed runs; with scenarios use --trace-out DIR/],
  ])('bad input %j exits 2 with one line and no stack', (args, message) => {
    const [first, ...rest] = args as [string, ...string[]];
    const r = lockstep('run', join(dir, first), ...rest);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('--seed overrides the scenario seed', () => {
    const r = lockstep('run', join(LIBRARY, 'seeded-workload.yaml'), '--seed', '12', '--trace-out', join(dir, 's12'));
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 's12', 'seeded-workload.lstrace'))).toBe(true);
  });

  it('help shows examples', () => {
    const r = lockstep('run', '--help');
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('lockstep run scenarios/');
  });
});
