// Recorded traces kept in traces/regressions/ are regression tests: each must
// replay identically (decisions, envelope hashes, digests, outcome), and the
// failing ones must still record the violation they were saved for.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { resolveModel } from '../../src/models/registry.js';
import { readTraceFile, readTraceRecords } from '../../src/trace/file-reader.js';
import { replay } from '../../src/trace/replay.js';

const DIR = fileURLToPath(new URL('../../traces/regressions/', import.meta.url));
const files = readdirSync(DIR).filter((f) => f.endsWith('.lstrace')).sort();

const expectedViolation: Readonly<Record<string, string>> = {
  'asupersync-realistic-seed157-stale-bootstrap.lstrace': 'stale-worker-inert',
  'asupersync-swarm-seed20-finalize-unchecked.lstrace': 'cancel-completes-via-protocol',
};

describe('regression traces', () => {
  it('the directory holds the traces this test knows about', () => {
    expect(files).toEqual(expect.arrayContaining(Object.keys(expectedViolation)));
  });

  it.each(files)('%s replays identically from the file stream', (file) => {
    const verdict = replay(readTraceRecords(DIR + file), resolveModel);
    expect(verdict).toMatchObject({ ok: true });
  });

  it.each(Object.entries(expectedViolation))('%s still records %s', (file, invariant) => {
    const trace = readTraceFile(DIR + file);
    expect(trace.footer.violations.map((v) => v.invariant)).toContain(invariant);
  });
});
