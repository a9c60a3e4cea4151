// Every trace under traces/ is a regression test of its own (registered by the
// same `replayTraces` helper users get from `lockstep/vitest`), and the saved
// failures must still record the violation they were saved for. The helper's
// parts are tested here too, on a directory with a good and a tampered trace.
import { spawnSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { saveTrace } from '../../src/cli/trace-io.js';
import { resolveModel } from '../../src/models/registry.js';
import { encodeTrace } from '../../src/trace/encoder.js';
import type { TraceRecord } from '../../src/trace/decoder.js';
import { readTraceFile } from '../../src/trace/file-reader.js';
import { collectTraces, replayTraceFile, TracePathError } from '../../src/trace/trace-files.js';
import { replayTraces, traceFailure } from '../../src/vitest.js';
import { counterTrace, resolve, tempDir } from './helpers.js';

const TRACES = fileURLToPath(new URL('../../traces/', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));

replayTraces(TRACES, { name: 'traces/' });

const expectedViolation: Readonly<Record<string, string>> = {
  'regressions/asupersync-realistic-seed157-stale-bootstrap.lstrace': 'stale-worker-inert',
  'regressions/asupersync-swarm-seed20-finalize-unchecked.lstrace': 'cancel-completes-via-protocol',
};

describe('saved failures', () => {
  it.each(Object.entries(expectedViolation))('%s still records %s', (file, invariant) => {
    const trace = readTraceFile(join(TRACES, file));
    expect(trace.footer.violations.map((v) => v.invariant)).toContain(invariant);
  });
});

describe('the replayTraces helper', () => {
  /** A directory with a good trace, a tampered one (valid file, wrong digest) and a truncated one, nested. */
  function fixture(): { dir: string; good: string; tampered: string; truncated: string } {
    const dir = tempDir();
    mkdirSync(join(dir, 'b', 'deep'), { recursive: true });
    const trace = counterTrace(4, { actors: 2, target: 4 });
    const good = join(dir, 'b', 'deep', 'good.lstrace');
    saveTrace(good, trace);
    const steps = trace.steps.map((s, i) => (i === 3 ? { ...s, digest: '0000000000000000' } : s));
    const tampered = join(dir, 'a-tampered.lstrace');
    saveTrace(tampered, { ...trace, steps });
    const bytes = encodeTrace(trace);
    const truncated = join(dir, 'b', 'truncated.lstrace');
    writeFileSync(truncated, bytes.subarray(0, bytes.length - 20));
    writeFileSync(join(dir, 'b', 'notes.txt'), 'not a trace');
    return { dir, good, tampered, truncated };
  }

  it('collects every .lstrace below a directory, sorted by path, and nothing else', () => {
    const f = fixture();
    expect(collectTraces([f.dir])).toEqual([f.tampered, f.good, f.truncated]);
    expect(collectTraces([f.good, f.dir])).toEqual([f.good, f.tampered, f.truncated]);
  });

  it('rejects a missing path and a directory without traces', () => {
    const dir = tempDir();
    expect(() => collectTraces([join(dir, 'nope')])).toThrow(TracePathError);
    expect(() => collectTraces([dir])).toThrow(/no \.lstrace files under/);
  });

  it('passes the good trace and fails the tampered and the truncated one, saying why', () => {
    const f = fixture();
    const good = replayTraceFile(f.good, resolve);
    expect(good).toMatchObject({ status: 'ok' });
    expect(traceFailure(good)).toBeNull();

    const tampered = replayTraceFile(f.tampered, resolve);
    expect(tampered).toMatchObject({ status: 'diverged', divergence: { step: 3, field: 'digest' } });
    expect(traceFailure(tampered)).toMatch(/a-tampered\.lstrace no longer replays as recorded:\n.*diverged at step 3 in digest/);

    const truncated = replayTraceFile(f.truncated, resolve);
    expect(truncated).toMatchObject({ status: 'invalid', invalid: { kind: 'truncated' } });
    expect(traceFailure(truncated)).toMatch(/invalid trace file .*truncated\.lstrace at byte \d+: /);
  });

  it('shows onRecord every record in order, and still reports damage and divergence', () => {
    const f = fixture();
    const seen: string[] = [];
    const onRecord = (r: TraceRecord): void => void seen.push(r.kind === 'step' ? `step ${r.step.index}` : r.kind);
    const good = replayTraceFile(f.good, resolve, { onRecord });
    expect(good).toMatchObject({ status: 'ok' });
    const steps = good.status === 'ok' ? good.steps : -1;
    expect(seen).toEqual(['header', ...Array.from({ length: steps }, (_, i) => `step ${i}`), 'footer']);
    expect(replayTraceFile(f.tampered, resolve, { onRecord })).toMatchObject({ status: 'diverged', divergence: { step: 3, field: 'digest' } });
    expect(replayTraceFile(f.truncated, resolve, { onRecord })).toMatchObject({ status: 'invalid', invalid: { kind: 'truncated' } });
  });

  it('reports a trace of a model the resolver does not know as invalid', () => {
    const f = fixture();
    const r = replayTraceFile(f.good, resolveModel);
    expect(r).toMatchObject({ status: 'invalid', invalid: { kind: 'unknown-model' } });
    expect(traceFailure(r)).toMatch(/unknown model "counter"/);
  });

  it('registers one test per trace for a user of lockstep/vitest (the built package, in a nested vitest run)', () => {
    const f = fixture();
    const user = tempDir();
    mkdirSync(join(user, 'node_modules'));
    symlinkSync(ROOT, join(user, 'node_modules', 'lockstep'), 'dir');
    writeFileSync(
      join(user, 'traces.test.mjs'),
      `import { replayTraces } from 'lockstep/vitest';\n` +
        `const models = { counter: (await import(${JSON.stringify(join(ROOT, 'test/support/counter-model.ts'))})).counterModel };\n` +
        `replayTraces(${JSON.stringify(f.dir)}, { name: 'mine', resolveModel: (n) => models[n] ?? (() => { throw new Error('unknown model ' + n); })() });\n`,
    );
    writeFileSync(join(user, 'vitest.config.mjs'), `export default { test: { include: ['*.test.mjs'] } };\n`);
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('VITEST')));
    const r = spawnSync(process.execPath, [join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--root', user, '--reporter=json'], { cwd: user, encoding: 'utf8', env });
    const report = JSON.parse(r.stdout.slice(r.stdout.indexOf('{'))) as { testResults: { assertionResults: { fullName: string; status: string; failureMessages: string[] }[] }[] };
    const results = report.testResults.flatMap((t) => t.assertionResults).map((a) => [a.fullName, a.status, a.failureMessages.join('\n')] as const);
    expect(results.map(([name, status]) => [name, status])).toEqual([
      ['mine a-tampered.lstrace', 'failed'],
      ['mine b/deep/good.lstrace', 'passed'],
      ['mine b/truncated.lstrace', 'failed'],
    ]);
    expect(results[0]?.[2]).toMatch(/no longer replays as recorded/);
    expect(results[2]?.[2]).toMatch(/at byte \d+/);
    expect(r.status).toBe(1);
  });
});
