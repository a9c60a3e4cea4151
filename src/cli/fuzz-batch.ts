/**
 * One batch of a fuzz campaign: run consecutive seeds, save the trace of each
 * failing seed, and return a cloneable summary. Runs in the main thread or in
 * a worker thread (`fuzz-worker.ts`).
 * @module
 */
import { join } from 'node:path';
import { CampaignTally, runSeed, type CampaignSummary } from '../fuzz/campaign.js';
import { runSettings, type RunFlags } from './settings.js';
import { saveTrace } from './trace-io.js';

/** What a batch needs; plain data so it can cross a worker boundary. */
export interface BatchRequest {
  readonly flags: RunFlags;
  readonly out: string;
  /** First seed of the batch, as a decimal string. */
  readonly first: string;
  readonly count: number;
  readonly failFast: boolean;
}

/** One failing seed. */
export interface FailureRecord {
  readonly seed: string;
  readonly file: string;
  readonly invariant: string;
  readonly step: number;
  readonly message: string;
}

/** What a batch found. */
export interface BatchResult {
  readonly summary: CampaignSummary;
  readonly failures: readonly FailureRecord[];
}

/** Run the batch's seeds in ascending order. */
export function runBatch(req: BatchRequest): BatchResult {
  const settings = runSettings(req.flags);
  const tally = new CampaignTally();
  const failures: FailureRecord[] = [];
  const first = BigInt(req.first);
  for (let i = 0; i < req.count; i++) {
    const seed = BigInt.asUintN(64, first + BigInt(i));
    const result = runSeed(settings, seed);
    tally.add(result);
    const v = result.violations[0];
    if (v !== undefined && result.trace !== null) {
      const file = join(req.out, `${settings.model.name}-${settings.profile}-${settings.strategy}-seed${seed}.lstrace`);
      saveTrace(file, result.trace);
      failures.push({ seed: seed.toString(), file, invariant: v.invariant, step: v.step, message: v.message });
      if (req.failFast) break;
    }
  }
  return { summary: tally.summary(), failures };
}
