// Format-3 files are still read: the stored traces (traces/regressions, zoo/traces) are format 3
// and stay so. Formats 3 and 4 hold the same records, so a format-3 trace re-encoded (format 4
// only writes envelope repeats as back-references) decodes to the same steps and footer.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { decodeTrace } from '../../src/trace/decoder.js';
import { encodeTrace } from '../../src/trace/encoder.js';
import { TraceFormatError } from '../../src/trace/errors.js';
import { MAGIC } from '../../src/trace/format.js';
import { TRACE_FORMAT_VERSION } from '../../src/trace/types.js';
import { counterTrace } from './helpers.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const stored = ['traces/regressions', 'zoo/traces'].flatMap((dir) =>
  readdirSync(join(ROOT, dir))
    .filter((f) => f.endsWith('.lstrace'))
    .sort()
    .map((f) => `${dir}/${f}`),
);
const versionOf = (bytes: Uint8Array): number => bytes[MAGIC.length]! | (bytes[MAGIC.length + 1]! << 8);

describe('format 3 files', () => {
  it('the stored traces are format 3 (at least one)', () => {
    expect(stored.length).toBeGreaterThan(0);
  });

  it.each(stored)('%s decodes, and re-encoded as format 4 holds the same records in fewer bytes', (file) => {
    const bytes = new Uint8Array(readFileSync(join(ROOT, file)));
    expect(versionOf(bytes)).toBe(3);
    const v3 = decodeTrace(bytes);
    expect(v3.header.formatVersion).toBe(3);
    expect(v3.steps).toHaveLength(v3.footer.steps);

    // The encoder writes the current format; a format-3 header is re-stamped.
    const again = encodeTrace(v3);
    expect(versionOf(again)).toBe(4);
    const v4 = decodeTrace(again);
    expect(v4.steps).toEqual(v3.steps);
    expect(v4.footer).toEqual(v3.footer);
    expect(v4.header).toEqual({ ...v3.header, formatVersion: 4 });
    if (v3.steps.some((s) => s.envelopes.length > 0)) expect(again.length).toBeLessThan(bytes.length);
  });

  it('the encoder writes a format-3 header as format 4, and refuses versions it cannot read', () => {
    const trace = counterTrace(2);
    const as = (formatVersion: number): Uint8Array => encodeTrace({ ...trace, header: { ...trace.header, formatVersion } });
    expect(versionOf(as(3))).toBe(TRACE_FORMAT_VERSION);
    expect(as(3)).toEqual(as(TRACE_FORMAT_VERSION));
    expect(decodeTrace(as(3)).header.formatVersion).toBe(TRACE_FORMAT_VERSION);
    for (const v of [2, TRACE_FORMAT_VERSION + 1]) expect(() => as(v)).toThrow(`header says ${v}`);
  });

  it('a preamble version that differs from the header record is rejected', () => {
    const bytes = Uint8Array.from(encodeTrace(counterTrace(3)));
    bytes[MAGIC.length] = 3;
    let error: unknown;
    try {
      decodeTrace(bytes);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TraceFormatError);
    expect((error as TraceFormatError).reason).toMatch(/header\.formatVersion: differs from the preamble version/);
  });
});
