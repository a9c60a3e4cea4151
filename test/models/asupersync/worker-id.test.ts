import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { genOfWorkerId, jobIdOf } from '../../../src/models/asupersync/ops.js';

// The reference: what genOfWorkerId computed with a regex before it scanned by hand.
const reference = (id: string | null): number | null => (id === null || !/^w[1-9][0-9]*$/.test(id) ? null : Number(id.slice(1)));

describe('genOfWorkerId', () => {
  it('agrees with /^w[1-9][0-9]*$/ for worker-like and arbitrary ids', () => {
    const idChars = fc.constantFrom('w', 'W', '0', '1', '9', '5', '/', ':', 'x', ' ', '\n', '-');
    const ids = fc.oneof(fc.string({ unit: idChars, maxLength: 24 }), fc.string(), fc.nat().map((n) => `w${n}`), fc.constant(null));
    fc.assert(
      fc.property(ids, (id) => {
        expect(genOfWorkerId(id)).toBe(reference(id));
      }),
      { numRuns: 3000 },
    );
    for (const id of ['w', 'w0', 'w01', 'w1', 'w12', 'w9\n', 'ww1', 'w123456789012345678901', '', 'w1 ']) expect(genOfWorkerId(id)).toBe(reference(id));
  });
});

describe('jobIdOf (BigInt of a job number, remembered for the last one)', () => {
  it('is BigInt(job) for any sequence of job numbers, repeats included', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: 0, max: 5 }), fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER)), { maxLength: 30 }), (jobs) => {
        for (const job of jobs) expect(jobIdOf(job)).toBe(BigInt(job));
      }),
      { numRuns: 500 },
    );
  });
});
