// End-to-end tests of the `lockstep` command as a user runs it: the built
// bin/lockstep.js in a child process (`npm test` builds dist/ first).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const BIN = fileURLToPath(new URL('../../bin/lockstep.js', import.meta.url));

function lockstep(...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lockstep-cli-'));
});

describe('lockstep CLI', () => {
  it('lists the built-in models with faults and invariants', () => {
    const r = lockstep('models');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('asupersync');
    expect(r.stdout).toContain('run-lifecycle');
    expect(r.stdout).toContain('stale-worker-inert');
  });

  it('runs one seed, saves its trace atomically, and replays it identically', () => {
    const file = join(dir, 'one.lstrace');
    const run = lockstep('run', '--seed', '3', '--profile', 'none', '--trace', file);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/seed 3: \d+ steps, settled, 0 violation/);
    expect(existsSync(file)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    const replay = lockstep('replay', file);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toMatch(/replayed identically/);
  });

  it('reports a corrupt trace with the byte offset and reason, exit 2, no stack trace', () => {
    const good = join(dir, 'good.lstrace');
    expect(lockstep('run', '--seed', '5', '--profile', 'none', '--trace', good).code).toBe(0);
    const bytes = readFileSync(good);
    const truncated = join(dir, 'truncated.lstrace');
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 10));
    const r = lockstep('replay', truncated);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid trace file .*truncated\.lstrace at byte \d+: /);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  // Usage errors of `fuzz` are in fuzz.test.ts.
  it.each([
    [['run', '--seed', '-4'], /--seed must be an unsigned integer/],
    [['replay', '/definitely/missing.lstrace'], /no such trace file/],
    [['frobnicate'], /Unknown argument/],
    [[], /choose a command/],
  ])('usage error %j exits 2 with one clear line and no stack', (args, message) => {
    const r = lockstep(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('check-determinism passes on a sample of seeds', () => {
    const r = lockstep('check-determinism', '--seeds', '5', '--profile', 'adversarial');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('byte-identical');
  });
});
