/**
 * Drives a campaign: cuts the plan's seeds into batches, hands them to an
 * executor in seed order, and lets a {@link BatchLedger} commit the results in
 * seed order. As soon as some batch is known to end the campaign (a
 * violation with stop-at-first, or the deadline), later batches are no longer
 * dispatched and those already running are cut off (`fuzz-cutoff.ts`): a
 * serial run would never have reached them.
 * @module
 */
import { BatchLedger } from '../fuzz/batch-ledger.js';
import { shardSize, type SeedPlan } from '../fuzz/seed-plan.js';
import type { BatchRequest, BatchResult } from './fuzz-batch.js';
import { cutAfter, newCutoff, type Cutoff } from './fuzz-cutoff.js';
import type { BatchExecutor } from './fuzz-executor.js';
import type { RunFlags } from './settings.js';

/** Seeds per batch: small enough that a time budget or a stop costs little, large enough to amortise a thread hop. */
export const BATCH_SEEDS = 32;

/** Why the campaign ended. */
export type StopReason = 'seeds' | 'time' | 'violation';

/** What {@link runCampaign} needs to know. */
export interface CampaignPlan {
  readonly flags: RunFlags;
  readonly plan: SeedPlan;
  readonly stopAtFirst: boolean;
  /** Wall-clock deadline (ms since the epoch), or null. */
  readonly deadline: number | null;
  /** Seeds per batch; default {@link BATCH_SEEDS}. Never changes the results, only the granularity. */
  readonly batchSeeds?: number;
}

/** Run the campaign; `onCommit` receives the campaign's batches in seed order. */
export async function runCampaign(
  campaign: CampaignPlan,
  executor: BatchExecutor,
  onCommit: (batch: BatchResult) => void,
): Promise<StopReason> {
  const batches = Math.ceil(shardSize(campaign.plan) / (campaign.batchSeeds ?? BATCH_SEEDS));
  const ledger = new BatchLedger(onCommit);
  const cutoff = newCutoff();
  const inflight = new Map<number, Promise<void>>();
  let failure: { readonly error: unknown } | undefined;
  const useful = (b: number): boolean => ledger.lastUseful === undefined || b <= ledger.lastUseful;
  for (let next = 0; failure === undefined; ) {
    while (inflight.size < executor.width && next < batches && useful(next)) {
      const b = next++;
      const done = executor
        .run(request(campaign, b, cutoff))
        .then((reply) => {
          inflight.delete(b);
          if ('cut' in reply) return;
          ledger.accept(reply); // may throw from onCommit (e.g. a trace that cannot be written)
          if (ledger.lastUseful !== undefined) cutAfter(cutoff, ledger.lastUseful);
        })
        .catch((error: unknown) => {
          inflight.delete(b);
          failure ??= { error };
        });
      inflight.set(b, done);
    }
    if (inflight.size === 0) break;
    await Promise.race(inflight.values());
  }
  if (failure !== undefined) {
    cutAfter(cutoff, -1);
    await Promise.allSettled(inflight.values());
    throw failure.error;
  }
  const end = ledger.closer?.end;
  return end === 'violation' ? 'violation' : end === 'deadline' ? 'time' : 'seeds';
}

function request(c: CampaignPlan, batch: number, cutoff: Cutoff): BatchRequest {
  const size = c.batchSeeds ?? BATCH_SEEDS;
  const from = batch * size;
  return {
    flags: c.flags,
    start: c.plan.start.toString(),
    total: c.plan.total,
    shard: c.plan.shard,
    batch,
    from,
    count: Math.min(size, shardSize(c.plan) - from),
    stopAtFirst: c.stopAtFirst,
    deadline: c.deadline,
    cutoff,
  };
}
