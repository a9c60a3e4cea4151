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

  it('a clean fuzz campaign exits 0 and prints the summary', () => {
    const r = lockstep('fuzz', '--seeds', '20', '--profile', 'none', '--out', join(dir, 'none'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('20 seeds, no violations');
    expect(r.stdout).toContain('cancel-vs-completion');
  });

  it('a fuzz campaign that finds a violation exits 1 and writes a trace that replays to the same violation', () => {
    const out = join(dir, 'found');
    const r = lockstep('fuzz', '--seeds', '40', '--profile', 'adversarial', '--out', out, '--fail-fast', '--workers', '1', '--json');
    expect(r.code).toBe(1);
    const summary = JSON.parse(r.stdout) as { failures: number; failingSeeds: { file: string }[] };
    expect(summary.failures).toBe(1);
    const file = summary.failingSeeds[0]?.file ?? '';
    expect(existsSync(file)).toBe(true);
    const replay = lockstep('replay', file);
    expect(replay.code).toBe(0);
  });

  it('parallel workers find exactly what one thread finds, with byte-identical traces', () => {
    const run = (workers: string): { failingSeeds: { seed: string; file: string }[]; events: unknown; steps: number } => {
      const r = lockstep('fuzz', '--seeds', '60', '--profile', 'swarm', '--workers', workers, '--out', join(dir, `w${workers}`), '--json');
      expect(r.code).toBe(1);
      return JSON.parse(r.stdout) as { failingSeeds: { seed: string; file: string }[]; events: unknown; steps: number };
    };
    const one = run('1');
    const two = run('2');
    expect(two.steps).toBe(one.steps);
    expect(two.events).toEqual(one.events);
    expect(two.failingSeeds.map((f) => f.seed)).toEqual(one.failingSeeds.map((f) => f.seed));
    one.failingSeeds.forEach((f, i) => {
      expect(readFileSync(two.failingSeeds[i]?.file ?? '')).toEqual(readFileSync(f.file));
    });
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

  it.each([
    [['fuzz', '--seeds', 'many'], /--seeds must be an integer/],
    [['fuzz', '--workers', '0'], /--workers must be an integer >= 1/],
    [['fuzz', '--profile', 'chaotic'], /--profile must be one of none, realistic, adversarial, swarm/],
    [['fuzz', '--model', 'nope'], /unknown model "nope"/],
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
