import { statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { simulate } from '../../src/sim/simulate.js';
import { readTraceRecords } from '../../src/trace/file-reader.js';
import { TraceFileWriter } from '../../src/trace/file-writer.js';
import { replay } from '../../src/trace/replay.js';
import { counterModel } from '../support/counter-model.js';
import { resolve, tempDir } from './helpers.js';

const STEPS = 200_000;

// Nothing here holds the trace as an array: simulate streams into the writer
// (keepTrace: false), and both the count and the replay pull records one by one.
describe('a large trace streams through the writer, reader and replay', () => {
  it(`${STEPS} steps`, () => {
    const path = join(tempDir(), 'large.lstrace');
    const writer = new TraceFileWriter(path, { fsync: false });
    const result = simulate({
      model: counterModel,
      seed: 2024n,
      profile: 'realistic',
      maxSteps: STEPS,
      healSteps: 0,
      modelOptions: { actors: 4, target: 1_000_000_000 },
      sink: writer,
      keepTrace: false,
    });
    expect(result.trace).toBeNull();
    expect(result.steps).toBe(STEPS);
    expect(writer.committed).toBe(true);
    // Compact steps: flags, actor, a small decision, one envelope hash (9 bytes when new to its
    // block, 1 when repeated) and the digest (8 bytes).
    expect(statSync(path).size).toBeLessThan(STEPS * 24);
    expect(statSync(path).size).toBeGreaterThan(STEPS * 16);

    let steps = 0;
    let lastIndex = -1;
    const kinds: string[] = [];
    for (const r of readTraceRecords(path)) {
      if (r.kind === 'step') {
        steps++;
        lastIndex = r.step.index;
      } else {
        kinds.push(r.kind);
        if (r.kind === 'footer') expect(r.footer.rollingHash).toBe(result.rollingHash);
      }
    }
    expect({ steps, lastIndex, kinds }).toEqual({ steps: STEPS, lastIndex: STEPS - 1, kinds: ['header', 'footer'] });

    expect(replay(readTraceRecords(path), resolve)).toEqual({ ok: true, steps: STEPS });
  });
});
