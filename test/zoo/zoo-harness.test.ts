/**
 * The zoo's measuring tools on a small scale: the fast-check
 * `fc.scheduler()` harness finds a planted bug and reports nothing for a
 * variant that behaves exactly like the real protocol (even though the real
 * protocol's own findings occur in its runs), and a one-hunt measurement
 * renders into the report.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { variantNamed } from '../../zoo/catalog.js';
import { zooProperty } from '../../zoo/fastcheck/property.js';
import { measureVariant, summarise } from '../../zoo/measure.js';
import { renderMarkdown, type ZooResults } from '../../zoo/render.js';
import { REAL_PARTS, type ZooVariant } from '../../zoo/variant.js';

describe('fast-check harness', () => {
  it('catches a planted bug', async () => {
    const details = await fc.check(zooProperty(variantNamed('worker-panic-as-err')), { seed: 1, numRuns: 200, endOnFailure: true });
    expect(details.failed).toBe(true);
  });

  it.each(['stale-worker-inert', 'cancel-completes-via-protocol', 'settled-views-agree'])(
    'blames nothing on a variant identical to the real coordinator (%s)',
    async (invariant) => {
      const same: ZooVariant = { name: 'real-actors', side: 'coordinator', description: 'the real coordinator and worker', invariant, reach: '', parts: REAL_PARTS };
      await fc.assert(zooProperty(same), { seed: 3, numRuns: 60 });
    },
  );
});

describe('measurement and report', () => {
  it('measures a hunt and renders it', () => {
    let t = 0;
    const clock = (): number => (t += 1); // one "ms" per clock read: deterministic budget
    const { measurement, best } = measureVariant(variantNamed('coord-drains-after-shutdown'), { budgetMs: 100_000, starts: [1n] }, clock);
    const random = measurement.strategies.find((c) => c.strategy === 'random');
    expect(random?.caught).toBe(1);
    expect(random?.medianSeeds).toBe(random?.hunts[0]?.seeds);
    expect(best?.trace.footer.violations.map((v) => v.invariant)).toContain('no-job-traffic-during-shutdown');
    const results: ZooResults = {
      generated: 'test',
      settings: { budgetMs: 100_000, starts: ['1'], fcSeeds: [], cleanSeeds: 0, probeSeeds: 0 },
      summary: { ...summarise([measurement]), fastCheck: null },
      rows: [{ ...measurement, fastCheck: null }],
      clean: [],
      cleanFull: null,
    };
    const md = renderMarkdown(results);
    expect(md).toContain('Catch rate: **1/1**');
    expect(md).toContain('| `coord-drains-after-shutdown` | coordinator | `no-job-traffic-during-shutdown` | 1/1 · ');
  });
});
