// The campaign runner with executors that finish batches out of order, as a
// thread pool does: what gets committed must be exactly what a serial run
// commits. Real simulations, no threads (the threaded path is covered
// end-to-end in fuzz.test.ts).
import { describe, expect, it } from 'vitest';
import { runBatch, type BatchReply, type BatchRequest, type BatchResult } from '../../src/cli/fuzz-batch.js';
import { inProcessExecutor, type BatchExecutor } from '../../src/cli/fuzz-executor.js';
import { runCampaign, type CampaignPlan, type StopReason } from '../../src/cli/fuzz-runner.js';
import type { RunFlags } from '../../src/cli/settings.js';
import { seedPlan } from '../../src/fuzz/seed-plan.js';

const SWARM: RunFlags = { model: 'asupersync', profile: 'swarm', strategy: 'random', 'pct-depth': 3, 'max-steps': 200, 'heal-steps': 2000 };

/**
 * Collects each wave of `width` dispatched batches, then runs and answers them
 * one at a time in the given order, letting the runner react between answers
 * (as it would to a thread finishing first).
 */
function wave(width: number, release: 'reverse' | 'forward'): BatchExecutor & { order: number[]; cut: number[] } {
  const order: number[] = [];
  const cut: number[] = [];
  let pending: { req: BatchRequest; resolve: (r: BatchReply) => void }[] = [];
  const flush = async (): Promise<void> => {
    const now = pending.sort((a, b) => (release === 'reverse' ? b.req.batch - a.req.batch : a.req.batch - b.req.batch));
    pending = [];
    for (const p of now) {
      const reply = runBatch(p.req);
      order.push(p.req.batch);
      if ('cut' in reply) cut.push(reply.batch);
      p.resolve(reply);
      await new Promise((r) => setImmediate(r));
    }
  };
  return {
    width,
    order,
    cut,
    run: (req) =>
      new Promise((resolve) => {
        if (pending.length === 0) setImmediate(() => void flush());
        pending.push({ req, resolve });
      }),
    close: () => Promise.resolve(),
  };
}

interface Committed {
  readonly stoppedBy: StopReason;
  readonly batches: number[];
  readonly seeds: number;
  readonly failing: string[];
  readonly steps: number;
}

async function campaign(executor: BatchExecutor, plan: Omit<CampaignPlan, 'flags'>): Promise<Committed> {
  const got: BatchResult[] = [];
  const stoppedBy = await runCampaign({ flags: SWARM, ...plan }, executor, (b) => got.push(b));
  return {
    stoppedBy,
    batches: got.map((b) => b.batch),
    seeds: got.reduce((n, b) => n + b.completed, 0),
    failing: got.flatMap((b) => b.failures.map((f) => f.seed)),
    steps: got.reduce((n, b) => n + b.summary.steps, 0),
  };
}

describe('campaign runner', () => {
  it('stop-at-first commits up to the lowest failing seed although higher batches fail first', async () => {
    // swarm seeds 8, 11 and 16 fail: with 4 seeds per batch, batches 1, 2 and 3 each end on a violation.
    const plan = { plan: seedPlan(1n, 40), stopAtFirst: true, deadline: null, batchSeeds: 4 };
    const serial = await campaign(inProcessExecutor(), plan);
    expect(serial).toMatchObject({ stoppedBy: 'violation', batches: [0, 1], seeds: 8, failing: ['8'] });
    const pool = wave(4, 'reverse');
    expect(await campaign(pool, plan)).toEqual(serial);
    expect(pool.order).toEqual([3, 2, 1, 0]); // the higher failures really did arrive first
  });

  it('batches beyond a known stop are cut off instead of running to the end', async () => {
    const plan = { plan: seedPlan(1n, 40), stopAtFirst: true, deadline: null, batchSeeds: 4 };
    const pool = wave(4, 'forward');
    expect(await campaign(pool, plan)).toEqual(await campaign(inProcessExecutor(), plan));
    // Batch 1 ends the campaign; every later batch that still ran (2, 3, and 4 dispatched when 0 finished) was cut off.
    const later = pool.order.filter((b) => b > 1);
    expect(later).toEqual(expect.arrayContaining([2, 3]));
    expect(pool.cut).toEqual(later);
  });

  it('keep-going commits every batch in seed order with every failure', async () => {
    const plan = { plan: seedPlan(1n, 40), stopAtFirst: false, deadline: null, batchSeeds: 4 };
    const serial = await campaign(inProcessExecutor(), plan);
    expect(serial.stoppedBy).toBe('seeds');
    expect(serial.seeds).toBe(40);
    expect(serial.failing.slice(0, 3)).toEqual(['8', '11', '16']);
    expect(await campaign(wave(3, 'reverse'), plan)).toEqual(serial);
  });

  it('a deadline already passed runs no seed and reports the time budget', async () => {
    const plan = { plan: seedPlan(1n, 40), stopAtFirst: true, deadline: 0, batchSeeds: 4 };
    expect(await campaign(wave(2, 'reverse'), plan)).toEqual({ stoppedBy: 'time', batches: [0], seeds: 0, failing: [], steps: 0 });
  });

  it('an error in a batch propagates once the other batches have stopped', async () => {
    const broken: BatchExecutor = { ...inProcessExecutor(), width: 2, run: (req) => (req.batch === 1 ? Promise.reject(new Error('thread died')) : Promise.resolve(runBatch(req))) };
    await expect(campaign(broken, { plan: seedPlan(1n, 40), stopAtFirst: false, deadline: null, batchSeeds: 4 })).rejects.toThrow('thread died');
  });
});
