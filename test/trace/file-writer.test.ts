import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/sim/simulate.js';
import { encodeTrace } from '../../src/trace/encoder.js';
import { readTraceFile } from '../../src/trace/file-reader.js';
import { TraceFileWriter } from '../../src/trace/file-writer.js';
import { counterModel } from '../support/counter-model.js';
import { counterTrace, tempDir } from './helpers.js';

describe('TraceFileWriter is atomic', () => {
  it('writes to a temp file and renames on the footer', () => {
    const dir = tempDir();
    const path = join(dir, 'run.lstrace');
    const trace = counterTrace(1);
    const writer = new TraceFileWriter(path);
    expect(writer.tempPath).toMatch(new RegExp(`run\\.lstrace\\.tmp-${process.pid}-\\d+$`));
    writer.header(trace.header);
    trace.steps.forEach((s) => writer.step(s));
    expect(existsSync(path)).toBe(false);
    expect(existsSync(writer.tempPath)).toBe(true);
    writer.footer(trace.footer);
    expect(readdirSync(dir)).toEqual(['run.lstrace']);
    writer.abort(); // no-op after commit
    expect(readTraceFile(path).footer).toEqual(trace.footer);
    expect(() => writer.step(trace.steps[0]!)).toThrow(/already committed/);
  });

  it('abort mid-run leaves neither the final file nor the temp file', () => {
    const dir = tempDir();
    const path = join(dir, 'run.lstrace');
    const trace = counterTrace(2);
    const writer = new TraceFileWriter(path, { bufferSize: 4096 });
    writer.header(trace.header);
    trace.steps.forEach((s) => writer.step(s));
    writer.abort();
    writer.abort();
    expect(readdirSync(dir)).toEqual([]);
    expect(() => writer.footer(trace.footer)).toThrow(/already aborted/);
  });

  it('a run that throws before the footer leaves no file behind, and an old file untouched', () => {
    const dir = tempDir();
    const path = join(dir, 'run.lstrace');
    writeFileSync(path, 'previous contents');
    const writer = new TraceFileWriter(path, { bufferSize: 4096 });
    // observe() runs outside the engine's crash capture, so this escapes simulate() mid-run.
    const exploding = {
      ...counterModel,
      observe: (st: Parameters<typeof counterModel.observe>[0]) => {
        if (st.applied >= 20) throw new Error('model exploded');
        return counterModel.observe(st);
      },
    };
    expect(() => simulate({ model: exploding, seed: 3n, maxSteps: 100, modelOptions: { target: 50 }, sink: writer })).toThrow(/model exploded/);
    expect(existsSync(writer.tempPath)).toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('previous contents');
    writer.abort();
    expect(readdirSync(dir)).toEqual(['run.lstrace']);
    expect(readFileSync(path, 'utf8')).toBe('previous contents');
  });

  it('replaces an existing file only on success', () => {
    const dir = tempDir();
    const path = join(dir, 'run.lstrace');
    writeFileSync(path, 'previous contents');
    const trace = counterTrace(4);
    const writer = new TraceFileWriter(path);
    writer.header(trace.header);
    expect(readFileSync(path, 'utf8')).toBe('previous contents');
    trace.steps.forEach((s) => writer.step(s));
    writer.footer(trace.footer);
    expect(new Uint8Array(readFileSync(path))).toEqual(encodeTrace(trace));
  });

  it('an invalid record aborts the writer and deletes the temp file', () => {
    const dir = tempDir();
    const trace = counterTrace(5);
    const writer = new TraceFileWriter(join(dir, 'run.lstrace'));
    writer.header(trace.header);
    expect(() => writer.step({ ...trace.steps[0]!, index: 9 })).toThrow(/expected step index 0/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('concurrent writers to one path use distinct temp files; the last commit wins', () => {
    const dir = tempDir();
    const path = join(dir, 'run.lstrace');
    const [a, b] = [counterTrace(6), counterTrace(7)];
    const wa = new TraceFileWriter(path);
    const wb = new TraceFileWriter(path);
    expect(wa.tempPath).not.toBe(wb.tempPath);
    for (const [w, t] of [[wa, a], [wb, b]] as const) {
      w.header(t.header);
      t.steps.forEach((s) => w.step(s));
    }
    wb.footer(b.footer);
    wa.footer(a.footer);
    expect(readdirSync(dir)).toEqual(['run.lstrace']);
    expect(readTraceFile(path).header.seed).toBe('6');
  });

  it('fails fast when the directory does not exist', () => {
    expect(() => new TraceFileWriter(join(tempDir(), 'missing', 'run.lstrace'))).toThrow(/ENOENT/);
  });
});
