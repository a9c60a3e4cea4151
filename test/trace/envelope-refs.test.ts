// Format 4's envelope entries (step-codec.ts): a hash new to the block is written in full after a
// 0, a repeat as a back-reference d (the d-th most recently written new hash); format 3 blocks
// (every hash in full) are still read.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeTrace } from '../../src/trace/decoder.js';
import { TraceEncoder } from '../../src/trace/encoder.js';
import { FRAME_HEADER_LENGTH, FrameType, PREAMBLE_LENGTH, readFrameHeader } from '../../src/trace/format.js';
import { BlockReader } from '../../src/trace/step-block-reader.js';
import { BlockWriter } from '../../src/trace/step-block-writer.js';
import { MAX_BLOCK_STEPS } from '../../src/trace/step-codec.js';
import type { Trace, TraceStep } from '../../src/trace/types.js';
import { parseStep } from '../../src/trace/validate.js';
import { counterTrace } from './helpers.js';

/** A minimal step moving `envelopes`. */
function stepWith(index: number, envelopes: readonly string[]): TraceStep {
  return parseStep({ index, phase: 'fault', actor: 'a', decision: { type: 't' }, fault: null, envelopes, error: null, events: [], digest: '0123456789abcdef' }, index);
}

function encodeBlock(first: number, steps: readonly TraceStep[]): Uint8Array {
  const w = new BlockWriter(first);
  for (const s of steps) w.add(s);
  return w.finish();
}

const u64le = (n: bigint): number[] => Array.from({ length: 8 }, (_, i) => Number((n >> BigInt(8 * i)) & 0xffn));
// Block bytes of one step of stepWith: flags (envelope count in bits 3-4), actor "a", decision
// {"type":"t"} (key list and value as new strings), the envelope entries, the digest.
const stepBytes = (count: number, envelopeEntries: number[], newStrings: boolean): number[] => [
  count << 3,
  ...(newStrings ? [0x86, 0, 1, 0x61] : [0xa0]),
  ...(newStrings ? [0x88, 0x86, 1, 8, ...Buffer.from('["type"]')] : [0x88, 0xa1]),
  ...(newStrings ? [0x86, 2, 1, 0x74] : [0xa2]),
  ...envelopeEntries,
  ...u64le(0x0123456789abcdefn),
];

describe('format 4 envelope entries', () => {
  it('write a new hash as 0 and the u64, a repeat as its back-reference (the layout, byte for byte)', () => {
    const h = 5n;
    const g = (1n << 64n) - 1n;
    const steps = [stepWith(0, [String(h)]), stepWith(1, [String(g), String(h)]), stepWith(2, [String(g)])];
    const expected = [
      0, 3,
      ...stepBytes(1, [0, ...u64le(h)], true),
      ...stepBytes(2, [0, ...u64le(g), 2], false), // h is now the 2nd most recent new hash
      ...stepBytes(1, [1], false),
    ];
    const bytes = encodeBlock(0, steps);
    expect([...bytes]).toEqual(expected);
    expect(new BlockReader(bytes, 4).steps(0)).toEqual(steps);
  });

  it('round-trip steps whose envelopes repeat within and across steps (property)', () => {
    const hash = fc.bigInt({ min: 0n, max: (1n << 64n) - 1n }).map(String);
    const block = fc.array(hash, { minLength: 1, maxLength: 12 }).chain((pool) =>
      fc.array(fc.array(fc.constantFrom(...pool), { maxLength: 6 }), { minLength: 1, maxLength: 40 }),
    );
    fc.assert(
      fc.property(block, fc.nat({ max: 100_000 }), (lists, first) => {
        const steps = lists.map((l, i) => stepWith(first + i, l));
        const bytes = encodeBlock(first, steps);
        expect(new BlockReader(bytes).steps(first)).toEqual(steps);
        // Every repeat (within the last 127 new hashes: the pool is smaller) saves 8 bytes on 9.
        const all = lists.flat();
        const repeats = all.length - new Set(all).size;
        const distinct = encodeBlock(first, lists.map((l, i) => stepWith(first + i, l.map((_, j) => String(BigInt(i) * 1000n + BigInt(j))))));
        expect(distinct.length - bytes.length).toBe(8 * repeats);
      }),
      { numRuns: 200 },
    );
  });

  it('refer back past 127 distinct hashes with a multi-byte varint', () => {
    const n = 300;
    const hashes = Array.from({ length: n }, (_, i) => String(BigInt(i) * 0x9e3779b97f4a7c15n % (1n << 64n)));
    const steps = [
      ...hashes.map((h, i) => stepWith(i, [h])),
      // Oldest first: hashes[i] is the (n - i)-th most recent, so d runs from 300 down to 1.
      ...hashes.map((h, i) => stepWith(n + i, [h])),
      stepWith(2 * n, [hashes[n - 1]!, hashes[0]!]),
    ];
    const bytes = encodeBlock(0, steps);
    expect(new BlockReader(bytes).steps(0)).toEqual(steps);
    const fresh = encodeBlock(0, steps.map((s, i) => stepWith(i, s.envelopes.map((_, j) => String(10_000 + 2 * i + j)))));
    // A repeat costs a 2-byte reference (d >= 128: 173 of the first pass and the last step's
    // d = 300) or a 1-byte one (the other 127, and d = 1) instead of 9 bytes.
    expect(fresh.length - bytes.length).toBe(173 * 7 + 127 * 8 + 8 + 7);
  });

  it('a hash repeated across a block boundary is written new in the next block, which decodes on its own', () => {
    const base = counterTrace(1);
    const h = '12345678901234567890';
    const n = MAX_BLOCK_STEPS + 3;
    const steps = Array.from({ length: n }, (_, i) =>
      stepWith(i, i === MAX_BLOCK_STEPS - 1 || i === MAX_BLOCK_STEPS || i === MAX_BLOCK_STEPS + 2 ? [h] : [String(i)]),
    );
    const trace: Trace = { header: base.header, steps, footer: { ...base.footer, steps: n, violations: [] } };
    const encoder = new TraceEncoder();
    const parts = [encoder.header(trace.header), ...steps.map((s) => encoder.step(s)), encoder.footer(trace.footer)];
    const bytes = Buffer.concat(parts);
    expect(decodeTrace(bytes).steps).toEqual(steps);

    const blocks: Uint8Array[] = [];
    for (let at = PREAMBLE_LENGTH; at < bytes.length; ) {
      const { length, type } = readFrameHeader(bytes, at);
      if (type === FrameType.step) blocks.push(bytes.subarray(at + FRAME_HEADER_LENGTH, at + FRAME_HEADER_LENGTH + length));
      at += FRAME_HEADER_LENGTH + length;
    }
    expect(blocks).toHaveLength(2);
    const second = blocks[1]!;
    expect(new BlockReader(second).steps(MAX_BLOCK_STEPS)).toEqual(steps.slice(MAX_BLOCK_STEPS));
    // The hash is in full in both blocks, and once only in the second (its third use is a reference).
    const full = Buffer.from(u64le(BigInt(h)));
    expect(Buffer.from(blocks[0]!).indexOf(full)).toBeGreaterThan(0);
    const at = Buffer.from(second).indexOf(full);
    expect(at).toBeGreaterThan(0);
    expect(Buffer.from(second).indexOf(full, at + 1)).toBe(-1);
  });

  it('a back-reference beyond the block\'s hashes names the reference and its block offset', () => {
    const bytes = encodeBlock(0, [stepWith(0, ['7', '7'])]);
    // ... 0, u64 7, then the reference 1 and the 8-byte digest: make the reference point past the one hash.
    const at = bytes.length - 9;
    expect(bytes[at]).toBe(1);
    const bad = Uint8Array.from(bytes);
    bad[at] = 2;
    expect(() => new BlockReader(bad).steps(0)).toThrow(`envelope back-reference 2 beyond the block's 1 envelope hashes at block offset ${at}`);
    bad[at] = 0x80; // an unfinished varint runs into the digest: a huge reference
    expect(() => new BlockReader(bad).steps(0)).toThrow(/envelope back-reference \d+ beyond the block's 1 envelope hashes/);
  });
});

describe('format 3 blocks', () => {
  it('are read with every envelope hash in full, and are not format-4 blocks', () => {
    const h = 5n;
    const bytes = Uint8Array.from([0, 2, ...stepBytes(1, u64le(h), true), ...stepBytes(2, [...u64le(h), ...u64le(h)], false)]);
    expect(new BlockReader(bytes, 3).steps(0)).toEqual([stepWith(0, ['5']), stepWith(1, ['5', '5'])]);
    // The same bytes under format 4: the hash's first byte (5) reads as a back-reference.
    expect(() => new BlockReader(bytes, 4).steps(0)).toThrow(/envelope back-reference 5 beyond the block's 0 envelope hashes/);
  });
});
