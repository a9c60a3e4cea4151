// `lockstep replay` as a user runs it: the built bin in a child process
// (`npm test` builds dist/ first). Covers several files and directories, a
// divergence, each kind of bad input, --junit, --json and colour.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { saveTrace } from '../../src/cli/trace-io.js';
import { readTraceFile } from '../../src/trace/file-reader.js';
import { TRACE_FORMAT_VERSION } from '../../src/trace/types.js';

const BIN = fileURLToPath(new URL('../../bin/lockstep.js', import.meta.url));
const REGRESSIONS = fileURLToPath(new URL('../../traces/regressions/', import.meta.url));
const STALE = join(REGRESSIONS, 'asupersync-realistic-seed157-stale-bootstrap.lstrace');
const PCT = join(REGRESSIONS, 'asupersync-adversarial-pct-seed42.lstrace');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function lockstep(args: readonly string[], env: Record<string, string | undefined> = {}): Run {
  const base: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ...env };
  const clean = Object.fromEntries(Object.entries(base).filter((e): e is [string, string] => e[1] !== undefined));
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: clean });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const ANSI = /\u001b\[/;
const STACK = /\n\s+at /;

let dir = '';
let tampered = '';
let truncated = '';
let newer = '';
let noise = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'lockstep-replay-'));
  mkdirSync(join(dir, 'good', 'nested'), { recursive: true });
  copyFileSync(STALE, join(dir, 'good', 'b.lstrace'));
  copyFileSync(PCT, join(dir, 'good', 'nested', 'a.lstrace'));
  writeFileSync(join(dir, 'good', 'README.txt'), 'not a trace, ignored');
  const trace = readTraceFile(PCT);
  tampered = join(dir, 'tampered.lstrace');
  saveTrace(tampered, { ...trace, steps: trace.steps.map((s, i) => (i === 17 ? { ...s, digest: '0123456789abcdef' } : s)) });
  const bytes = readFileSync(PCT);
  truncated = join(dir, 'truncated.lstrace');
  writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length / 2)));
  newer = join(dir, 'newer.lstrace');
  const next = Buffer.from(bytes);
  next.writeUInt16LE(TRACE_FORMAT_VERSION + 1, 13);
  writeFileSync(newer, next);
  noise = join(dir, 'noise.lstrace');
  writeFileSync(noise, Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7919 + 13) % 251)));
});

describe('lockstep replay', () => {
  it('replays files and directories (recursively, sorted by path) with one line per trace', () => {
    const r = lockstep(['replay', join(dir, 'good'), STALE]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toEqual([
      `✓ ok       ${join(dir, 'good', 'b.lstrace')} (52 steps replayed identically)`,
      `✓ ok       ${join(dir, 'good', 'nested', 'a.lstrace')} (92 steps replayed identically)`,
      `✓ ok       ${STALE} (52 steps replayed identically)`,
      '3 traces: 3 ok, 0 diverged, 0 invalid',
    ]);
    expect(r.stderr).toBe('');
  });

  it('a divergence prints the first differing step, expected and actual, and exits 1', () => {
    const r = lockstep(['replay', tampered, PCT]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`✗ diverged ${tampered}`);
    expect(r.stdout).toMatch(/diverged at step 17 in digest: step 17: state digest [0-9a-f]{16} differs from the recorded 0123456789abcdef/);
    expect(r.stdout).toContain('expected: "0123456789abcdef"');
    expect(r.stdout).toMatch(/actual: {3}"[0-9a-f]{16}"/);
    expect(r.stdout).toContain('2 traces: 1 ok, 1 diverged, 0 invalid');
  });

  it.each([
    ['a truncated trace', () => truncated, /^lockstep: invalid trace file .*truncated\.lstrace at byte \d+: truncated .+$/],
    ['a trace from a newer format version', () => newer, new RegExp(`^lockstep: invalid trace file .*newer\\.lstrace at byte 13: unsupported format version ${TRACE_FORMAT_VERSION + 1} \\(this lockstep reads versions 3 to ${TRACE_FORMAT_VERSION}\\): written by a newer lockstep; upgrade lockstep to read it$`)],
    ['random bytes', () => noise, /^lockstep: invalid trace file .*noise\.lstrace at byte 0: bad magic: not a lockstep trace file$/],
  ])('%s exits 2 with one line naming the file, the byte offset and the reason', (_name, file, message) => {
    const r = lockstep(['replay', file()]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr.trimEnd()).toMatch(message);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stdout).toBe('');
  });

  it('a missing file is a usage error before anything is replayed', () => {
    const r = lockstep(['replay', PCT, join(dir, 'missing.lstrace')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd()).toBe(`lockstep: no such trace file or directory: ${join(dir, 'missing.lstrace')}`);
    expect(r.stdout).toBe('');
  });

  it('an invalid trace among good ones is reported and the rest still replay; bad input wins the exit code', () => {
    const r = lockstep(['replay', PCT, truncated, tampered]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain(`✓ ok       ${PCT}`);
    expect(r.stdout).toContain(`✗ diverged ${tampered}`);
    expect(r.stderr).toMatch(/truncated\.lstrace at byte \d+/);
    expect(r.stdout).toContain('3 traces: 1 ok, 1 diverged, 1 invalid');
  });

  it('--junit writes one test case per trace, the divergence as a failure and damage as an error, atomically', () => {
    const report = join(dir, 'reports', 'replay.xml');
    const r = lockstep(['replay', PCT, tampered, truncated, '--junit', report]);
    expect(r.code).toBe(2);
    const xml = readFileSync(report, 'utf8');
    expect(xml.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="lockstep replay" tests="3" failures="1" errors="1"')).toBe(true);
    const cases = [...xml.matchAll(/<testcase classname="lockstep\.replay" name="([^"]+)"/g)].map((m) => m[1]);
    expect(cases).toEqual([PCT, tampered, truncated]);
    expect(xml).toMatch(new RegExp(`name="${tampered.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}" time="[\\d.]+">\\n\\s+<failure message="step 17: state digest [0-9a-f]{16} differs from the recorded 0123456789abcdef" type="divergence">`));
    expect(xml).toContain('    expected: "0123456789abcdef"\n');
    expect(xml).toMatch(/<error message="invalid trace file [^"]*truncated\.lstrace at byte \d+: [^"]*" type="truncated">/);
    expect(xml).not.toMatch(ANSI);
    expect(readdirSync(join(dir, 'reports'))).toEqual(['replay.xml']);
  });

  it('--json prints one JSON document on stdout and everything else on stderr', () => {
    const r = lockstep(['replay', PCT, tampered, truncated, '--json']);
    expect(r.code).toBe(2);
    const doc = JSON.parse(r.stdout) as { traces: number; ok: number; diverged: number; invalid: number; results: { file: string; status: string; divergence?: { step: number }; error?: { kind: string; offset: number } }[] };
    expect(doc).toMatchObject({ traces: 3, ok: 1, diverged: 1, invalid: 1 });
    expect(doc.results.map((x) => [x.file, x.status])).toEqual([
      [PCT, 'ok'],
      [tampered, 'diverged'],
      [truncated, 'invalid'],
    ]);
    expect(doc.results[1]?.divergence?.step).toBe(17);
    expect(doc.results[2]?.error).toMatchObject({ kind: 'truncated', offset: expect.any(Number) });
    expect(r.stderr).toMatch(/truncated\.lstrace at byte/);
  });

  it('colours only on request when stdout is not a terminal; NO_COLOR and --no-color turn them off', () => {
    expect(lockstep(['replay', PCT]).stdout).not.toMatch(ANSI);
    expect(lockstep(['replay', PCT, '--color']).stdout).toMatch(ANSI);
    expect(lockstep(['replay', PCT, '--color', '--no-color']).stdout).not.toMatch(ANSI);
    expect(lockstep(['replay', PCT], { FORCE_COLOR: '1' }).stdout).toMatch(ANSI);
    expect(lockstep(['replay', PCT], { FORCE_COLOR: '1', NO_COLOR: '1' }).stdout).not.toMatch(ANSI);
    expect(lockstep(['replay', PCT, '--no-color'], { FORCE_COLOR: '1' }).stdout).not.toMatch(ANSI);
  });

  it('--help shows examples', () => {
    const r = lockstep(['replay', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('lockstep replay traces/ --junit reports/replay.xml');
  });
});

describe('lockstep (global)', () => {
  it('--help shows examples and the conventions', () => {
    const r = lockstep(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Examples:');
    expect(r.stdout).toContain('lockstep show ');
    expect(r.stdout).toMatch(/Exit codes: 0 pass, 1 a violation or divergence was found, 2 usage error or bad input/);
  });

  it.each([['models'], ['check-determinism', '--seeds', '2', '--profile', 'none']])('%s --json prints exactly one JSON document', (...args) => {
    const r = lockstep([...args, '--json']);
    expect(r.code).toBe(0);
    expect(() => JSON.parse(r.stdout) as unknown).not.toThrow();
    expect(r.stdout.trim().startsWith('{')).toBe(true);
  });

  it('models --json lists the models with faults and invariants', () => {
    const doc = JSON.parse(lockstep(['models', '--json']).stdout) as { models: { name: string; invariants: { name: string }[] }[] };
    expect(doc.models.map((m) => m.name)).toEqual(['asupersync', 'run-lifecycle']);
    expect(doc.models[0]?.invariants.map((i) => i.name)).toContain('stale-worker-inert');
  });
});
