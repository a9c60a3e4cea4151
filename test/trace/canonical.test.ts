import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, type Json } from '../../src/sim/json.js';
import { canonicalStep } from '../../src/trace/canonical.js';
import type { TraceStep } from '../../src/trace/types.js';

const text = fc.string({ unit: 'binary', maxLength: 8 });

describe('canonicalStep', () => {
  it('is exactly canonicalJson of the record, whatever the strings hold (property)', () => {
    const step = fc.record({
      index: fc.nat(),
      phase: fc.constantFrom('fault', 'heal'),
      actor: text,
      decision: fc.dictionary(text, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }).map((d) => ({ ...d, type: 'x' }) as TraceStep['decision']),
      fault: fc.option(text, { nil: null }),
      envelopes: fc.array(text, { maxLength: 3 }),
      error: fc.option(text, { nil: null }),
      events: fc.array(text, { maxLength: 3 }),
      digest: text,
    });
    fc.assert(
      fc.property(step, (s) => {
        expect(canonicalStep(s)).toBe(canonicalJson(s as unknown as Json));
      }),
    );
  });
});
