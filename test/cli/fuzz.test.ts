// End-to-end tests of `lockstep fuzz` as a user runs it: the built
// bin/lockstep.js in a child process (`npm test` builds dist/ first), so the
// piscina pool of --jobs runs the real dist/cli/fuzz-worker.js.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FuzzReport } from '../../src/cli/fuzz-report.js';

const BIN = fileURLToPath(new URL('../../bin/lockstep.js', import.meta.url));

interface Ran {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function lockstep(args: readonly string[], cwd?: string): Ran {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', cwd, env: { ...process.env, FORCE_COLOR: '0' } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Run a printed `lockstep ...` command line (plain words, as the fuzz output prints them). */
function printed(line: string, cwd?: string): Ran {
  const words = line.trim().split(/\s+/);
  expect(words[0]).toBe('lockstep');
  return lockstep(words.slice(1), cwd);
}

function fuzzJson(args: readonly string[], code: number): FuzzReport {
  const r = lockstep(['fuzz', ...args, '--json']);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.code).toBe(code);
  return JSON.parse(r.stdout) as FuzzReport;
}

/** Everything but wall time and where the traces went: what must not depend on --jobs. */
function comparable(r: FuzzReport): unknown {
  const { wall: _wall, failures, ...rest } = r;
  return { ...rest, failures: failures.map(({ trace, replay: _replay, ...f }) => ({ ...f, trace: basename(trace) })) };
}

function traceBytes(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f))]));
}

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lockstep-fuzz-'));
});

describe('lockstep fuzz', () => {
  it('a clean campaign exits 0, says what it runs first and ends with the summary; nothing on stderr off a TTY', () => {
    const r = lockstep(['fuzz', '--seeds', '20', '--profile', 'none', '--out', join(dir, 'none')]);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^lockstep fuzz: model asupersync, profile none, strategy random, seeds 1\.\.20 \(20\)/);
    expect(r.stdout).toContain('no violations in 20 seeds');
    expect(r.stdout).toMatch(/seeds: +1\.\.20\n/);
    expect(r.stdout).toMatch(/cancel-vs-completion +×\d+/);
    expect(r.stderr).toBe('');
    expect(existsSync(join(dir, 'none'))).toBe(false);
  });

  it('with no flags: realistic profile, a seed range and a time budget, stops at the first violation and saves it under traces/', () => {
    const cwd = mkdtempSync(join(dir, 'defaults-'));
    const r = lockstep(['fuzz'], cwd);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toMatch(/profile realistic, .*seeds 1\.\.100000 \(100000\) within 1m, stop at the first violation, 1 job$/);
    const saved = readdirSync(join(cwd, 'traces'));
    expect(saved).toHaveLength(1);
    expect(saved[0]).toMatch(/^asupersync-realistic-seed-\d+\.lstrace$/);
    expect(r.stdout).toMatch(/✗ 1 of \d+ seeds violated an invariant \(stopped at the first violation/);
  });

  it('a violation exits 1 and prints what and where; the printed replay and re-run commands reproduce it', () => {
    const out = join(dir, 'found');
    const r = lockstep(['fuzz', '--seeds', '40', '--profile', 'adversarial', '--out', out]);
    expect(r.code).toBe(1);
    const head = /✗ seed (\d+) violated (\S+) at step (\d+): (.+)\n +decision: (\{.*\})\n/.exec(r.stdout);
    expect(head).not.toBeNull();
    const [, seed, invariant] = head ?? [];
    const file = join(out, `asupersync-adversarial-seed-${seed}.lstrace`);
    expect(readdirSync(out)).toEqual([basename(file)]); // written atomically: no temporary file left
    const replayLine = /reproduce: (lockstep replay .+)\n/.exec(r.stdout)?.[1] ?? '';
    expect(replayLine).toBe(`lockstep replay ${file}`);
    const replay = printed(replayLine);
    expect(replay.code).toBe(0);
    expect(replay.stdout).toContain('replayed identically');

    const rerunLine = /re-run: +(lockstep fuzz .+)\n/.exec(r.stdout)?.[1] ?? '';
    expect(rerunLine).toBe(`lockstep fuzz --seed-start ${seed} --seeds 1 --profile adversarial --strategy random --model asupersync`);
    const cwd = mkdtempSync(join(dir, 'rerun-'));
    const rerun = printed(rerunLine, cwd);
    expect(rerun.code).toBe(1);
    expect(rerun.stdout).toContain(`✗ seed ${seed} violated ${invariant} at step`);
    expect(readFileSync(join(cwd, 'traces', basename(file)))).toEqual(readFileSync(file));
  });

  it('--json prints one JSON document on stdout and the rest on stderr', () => {
    const r = lockstep(['fuzz', '--seeds', '40', '--profile', 'adversarial', '--out', join(dir, 'json'), '--json']);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as FuzzReport;
    expect(report).toMatchObject({ model: 'asupersync', profile: 'adversarial', stoppedBy: 'violation', failingSeeds: 1 });
    const f = report.failures[0];
    expect(f?.replay).toBe(`lockstep replay ${f?.trace}`);
    expect(report.ran.last).toBe(f?.seed);
    expect(Object.values(report.violated).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1);
    expect(r.stderr).toMatch(/^lockstep fuzz: /);
    expect(r.stderr).toContain(`✗ seed ${f?.seed} violated`);
  });

  // Few failures on purpose (realistic finds one in about a hundred seeds): each is shrunk, which costs runs.
  it('--jobs 2 --keep-going: same seeds, failures, summary and byte-identical traces as one thread', () => {
    const args = ['--seeds', '320', '--profile', 'realistic', '--keep-going'];
    const one = fuzzJson([...args, '--jobs', '1', '--out', join(dir, 'k1')], 1);
    const two = fuzzJson([...args, '--jobs', '2', '--out', join(dir, 'k2')], 1);
    expect(one.failures.length).toBeGreaterThan(1);
    expect(comparable(two)).toEqual(comparable(one));
    expect(two.wall.jobs).toBe(2);
    expect(traceBytes(join(dir, 'k2'))).toEqual(traceBytes(join(dir, 'k1')));
  });

  it.each([
    ['swarm', '1'],
    ['realistic', '1'],
    ['adversarial', '30'],
  ])('--jobs 2 stops at the same lowest failing seed as one thread (%s from seed %s), discarding later finds', (profile, start) => {
    const args = ['--seeds', '600', '--profile', profile, '--seed-start', start];
    const one = fuzzJson([...args, '--jobs', '1', '--out', join(dir, `s1-${profile}`)], 1);
    const two = fuzzJson([...args, '--jobs', '2', '--out', join(dir, `s2-${profile}`)], 1);
    expect(one.stoppedBy).toBe('violation');
    expect(comparable(two)).toEqual(comparable(one));
    expect(traceBytes(join(dir, `s2-${profile}`))).toEqual(traceBytes(join(dir, `s1-${profile}`)));
  });

  it('--shard K/N: the shards are disjoint and together are exactly the unsharded campaign', () => {
    const args = ['--seeds', '300', '--profile', 'realistic', '--keep-going', '--seed-start', '1'];
    const whole = fuzzJson([...args, '--out', join(dir, 'whole')], 1);
    const shards = [1, 2, 3, 4].map((k) => {
      const r = lockstep(['fuzz', ...args, '--shard', `${k}/4`, '--jobs', k === 2 ? '2' : '1', '--out', join(dir, `shard${k}`), '--json']);
      expect(r.code === 0 || r.code === 1).toBe(true);
      return JSON.parse(r.stdout) as FuzzReport;
    });
    expect(whole.failures.length).toBeGreaterThan(1);
    expect(shards.map((s) => s.ran)).toEqual([
      { seeds: 75, first: '1', last: '297', every: 4 },
      { seeds: 75, first: '2', last: '298', every: 4 },
      { seeds: 75, first: '3', last: '299', every: 4 },
      { seeds: 75, first: '4', last: '300', every: 4 },
    ]);
    const failing = shards.flatMap((s) => s.failures.map((f) => f.seed));
    expect(new Set(failing).size).toBe(failing.length);
    expect(failing.sort()).toEqual(whole.failures.map((f) => f.seed).sort());
    expect(shards.reduce((n, s) => n + s.steps, 0)).toBe(whole.steps);
    const events: Record<string, number> = {};
    for (const s of shards) for (const [k, n] of Object.entries(s.events)) events[k] = (events[k] ?? 0) + n;
    expect(events).toEqual(whole.events);
    const wholeTraces = traceBytes(join(dir, 'whole'));
    const shardTraces = new Map(
      [1, 2, 3, 4].flatMap((k) => (existsSync(join(dir, `shard${k}`)) ? [...traceBytes(join(dir, `shard${k}`))] : [])),
    );
    expect(new Map([...shardTraces].sort())).toEqual(wholeTraces);
  });

  // Budgets long enough that a loaded machine still finishes a first seed (a worker pool can take a
  // second to start), and far too short for the default 100,000 seeds, so time is what stops them.
  it('--time reports the contiguous range actually completed', () => {
    const serial = fuzzJson(['--time', '2s', '--profile', 'none'], 0);
    expect(serial.stoppedBy).toBe('time');
    expect(serial.timeBudgetMs).toBe(2000);
    expect(serial.ran.seeds).toBeGreaterThan(0);
    expect(serial.ran).toEqual({ seeds: serial.ran.seeds, first: '1', last: String(serial.ran.seeds), every: 1 });
    const shard = fuzzJson(['--time', '3s', '--profile', 'none', '--jobs', '2', '--shard', '2/2', '--seed-start', '10'], 0);
    expect(shard.ran.seeds).toBeGreaterThan(0);
    expect(shard.stoppedBy).toBe('time');
    expect(shard.ran).toEqual({ seeds: shard.ran.seeds, first: '11', last: String(11 + 2 * (shard.ran.seeds - 1)), every: 2 });
    const both = fuzzJson(['--time', '10m', '--seeds', '5', '--profile', 'none'], 0);
    expect([both.stoppedBy, both.ran.seeds]).toEqual(['seeds', 5]);
  });

  it.each([
    [['--seeds', 'many'], /--seeds must be an integer >= 1/],
    [['--seeds', '0'], /--seeds must be an integer >= 1/],
    [['--jobs', '0'], /--jobs must be an integer >= 1/],
    [['--time', '60'], /--time must be a duration with a unit/],
    [['--time', '0s'], /--time must be at least 1ms/],
    [['--shard', '0/4'], /--shard K\/N needs 1 <= K <= N/],
    [['--shard', '5/4'], /--shard K\/N needs 1 <= K <= N/],
    [['--shard', 'half'], /--shard must look like K\/N/],
    [['--seed-start', '18446744073709551616'], /--seed-start must be below 2\^64/],
    [['--profile', 'chaotic'], /--profile must be one of none, realistic, adversarial, swarm/],
    [['--strategy', 'dfs'], /--strategy must be one of random, pct/],
    [['--model', 'nope'], /unknown model "nope"/],
    [['--workers', '2'], /Unknown argument/],
    [['--model-options', 'nope'], /--model-options must be a JSON object/],
    [['--model-options', '[1]'], /--model-options must be a JSON object/],
    [['--model-options', '{"jobz":3}'], /asupersync has no option jobz/],
    [['--model-options', '{"jobs":-3}'], /option jobs must be an integer in 0\.\.1000/],
  ])('usage error %j exits 2 with one clear line and no stack', (args, message) => {
    const r = lockstep(['fuzz', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.split('\n')[0]).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe('');
  });

  it('--model-options reaches the model: run-lifecycle without fencing is caught, and the re-run command carries the option', () => {
    const out = mkdtempSync(join(tmpdir(), 'lockstep-fuzz-options-'));
    const args = ['--model', 'run-lifecycle', '--model-options', '{"bugNoFencing":true}', '--seeds', '50', '--out', out];
    const report = fuzzJson(args, 1);
    expect(report.failures[0]?.invariant).toBe('attempt-fencing');
    expect(report.failures[0]?.rerun).toContain(`--model-options '{"bugNoFencing":true}'`);
    const clean = fuzzJson(['--model', 'run-lifecycle', '--seeds', '50', '--out', out], 0);
    expect(clean.failingSeeds).toBe(0);
  });

  it('an --out that cannot be written is reported in one line, exit 2', () => {
    const r = lockstep(['fuzz', '--profile', 'adversarial', '--seeds', '40', '--out', BIN]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^lockstep: cannot write the trace of seed \d+ to .*lockstep\.js\//);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('--help shows examples', () => {
    const r = lockstep(['fuzz', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('lockstep fuzz --seeds 100000 --shard 2/4');
  });
});
