/**
 * Drives a campaign: cuts the plan's seeds into batches, hands them to an
 * executor in seed order, and lets a {@link BatchLedger} commit the results in
 * seed order. As soon as some batch is known to end the campaign (a
 * violation with stop-at-first, or the deadline), later batches are no longer
 * dispatched and those already running are cancelled: a serial run would
 * never have reached them.
 * @module
 */
import { BatchLedger } from '../fuzz/batch-ledger.js';
import { shardSize, type SeedPlan } from '../fuzz/seed-plan.js';
import type { BatchRequest, BatchResult } from './fuzz-batch.js';
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
}

/** Run the campaign; `onCommit` receives the campaign's batches in seed order. */
export async function runCampaign(
  campaign: CampaignPlan,
  executor: BatchExecutor,
  onCommit: (batch: BatchResult) => void,
): Promise<StopReason> {
  const batches = Math.ceil(shardSize(campaign.plan) / BATCH_SEEDS);
  const ledger = new BatchLedger(onCommit);
  const inflight = new Map<number, { readonly abort: AbortController; readonly done: Promise<void> }>();
  let failure: { readonly error: unknown } | undefined;
  const useful = (b: number): boolean => ledger.lastUseful === undefined || b <= ledger.lastUseful;
  const cancelUseless = (): void => {
    for (const [b, f] of inflight) if (!useful(b)) f.abort.abort();
  };
  for (let next = 0; failure === undefined; ) {
    while (inflight.size < executor.width && next < batches && useful(next)) {
      const b = next++;
      const abort = new AbortController();
      const done = executor.run(request(campaign, b), abort.signal).then(
        (result) => {
          inflight.delete(b);
          ledger.accept(result);
          cancelUseless();
        },
        (error: unknown) => {
          inflight.delete(b);
          if (!abort.signal.aborted) failure ??= { error };
        },
      );
      inflight.set(b, { abort, done });
    }
    if (inflight.size === 0) break;
    await Promise.race([...inflight.values()].map((f) => f.done));
  }
  if (failure !== undefined) {
    for (const f of inflight.values()) f.abort.abort();
    throw failure.error;
  }
  const end = ledger.closer?.end;
  return end === 'violation' ? 'violation' : end === 'deadline' ? 'time' : 'seeds';
}

function request(c: CampaignPlan, batch: number): BatchRequest {
  const from = batch * BATCH_SEEDS;
  return {
    flags: c.flags,
    start: c.plan.start.toString(),
    total: c.plan.total,
    shard: c.plan.shard,
    batch,
    from,
    count: Math.min(BATCH_SEEDS, shardSize(c.plan) - from),
    stopAtFirst: c.stopAtFirst,
    deadline: c.deadline,
  };
}
