/**
 * One batch of a fuzz campaign: run consecutive seeds of the plan, shrink the
 * trace of each failing seed, and return plain data. Runs in the main thread
 * (`--jobs 1`) or in a pool thread (`fuzz-worker.ts`); where it runs never
 * changes what it returns, because simulation and shrinking are
 * deterministic.
 *
 * A batch writes no files: only the main thread knows which batches belong
 * to the campaign (see `BatchLedger`), so it alone saves traces. That keeps
 * the output directory identical to a serial run's even when a pool thread
 * ran seeds past the first violation.
 * @module
 */
import type { BatchOutcome } from '../fuzz/batch-ledger.js';
import { CampaignTally, runSeed } from '../fuzz/campaign.js';
import { seedPlan, seedAt, shardSize, type Shard } from '../fuzz/seed-plan.js';
import { resolveModel } from '../models/registry.js';
import { shrinkTrace, type ShrinkResult } from '../shrink/index.js';
import type { Trace, Violation } from '../trace/types.js';
import { isCut, type Cutoff } from './fuzz-cutoff.js';
import { runSettings, type RunFlags } from './settings.js';

/** What a batch needs; plain data so it can cross a thread boundary. */
export interface BatchRequest {
  readonly flags: RunFlags;
  /** The plan's first seed (decimal u64), seed count and shard. */
  readonly start: string;
  readonly total: number;
  readonly shard: Shard;
  readonly batch: number;
  /** Positions `from … from+count-1` within the shard. */
  readonly from: number;
  readonly count: number;
  readonly stopAtFirst: boolean;
  /** Wall-clock deadline (ms since the epoch, as `Date.now()`), or null. */
  readonly deadline: number | null;
  /** Shared with the main thread: stop early once this batch is beyond it. */
  readonly cutoff: Cutoff;
}

/** One failing seed, with its shrunk trace. */
export interface FoundFailure {
  readonly seed: string;
  /** The violation the shrunk trace keeps, as recorded in it. */
  readonly violation: Violation;
  /** Steps of the original run, before shrinking. */
  readonly originalSteps: number;
  readonly trace: Trace;
  readonly shrinkAttempts: number;
  /** Why shrinking failed, in which case `trace` is the original run; null when it worked. */
  readonly shrinkError: string | null;
}

/** What a batch found. */
export type BatchResult = BatchOutcome<FoundFailure>;

/** What a batch returns: its result, or that it stopped because it was cut off (its result would be discarded). */
export type BatchReply = BatchResult | { readonly batch: number; readonly cut: true };

/**
 * Run the batch's seeds in order; stops early at the deadline, (with
 * `stopAtFirst`) at a violation, or when cut off.
 */
export function runBatch(req: BatchRequest): BatchReply {
  const settings = runSettings(req.flags);
  const plan = seedPlan(BigInt(req.start), req.total, req.shard);
  const end = Math.min(req.from + req.count, shardSize(plan));
  const tally = new CampaignTally();
  const failures: FoundFailure[] = [];
  // determinism-ok: the time budget decides how many seeds run, never what a seed does
  const outOfTime = (): boolean => req.deadline !== null && Date.now() >= req.deadline;
  let completed = 0;
  for (let j = req.from; j < end; j++) {
    if (isCut(req.cutoff, req.batch)) return { batch: req.batch, cut: true };
    if (outOfTime()) {
      return { batch: req.batch, completed, end: 'deadline', summary: tally.summary(), failures };
    }
    const seed = seedAt(plan, j);
    const result = runSeed(settings, seed);
    tally.add(result);
    completed++;
    if (result.violations.length > 0 && result.trace !== null) {
      if (isCut(req.cutoff, req.batch)) return { batch: req.batch, cut: true };
      failures.push(shrunk(seed, result.trace));
      if (req.stopAtFirst) return { batch: req.batch, completed, end: 'violation', summary: tally.summary(), failures };
    }
  }
  return { batch: req.batch, completed, end: 'all', summary: tally.summary(), failures };
}

/**
 * Shrink a failing run. If the shrinker fails, the violation is still
 * reported, with the original trace and the reason: a bug in shrinking must
 * not hide a bug in the system under test.
 */
function shrunk(seed: bigint, trace: Trace): FoundFailure {
  const original = trace.footer.violations[0];
  if (original === undefined) throw new Error(`seed ${seed} failed without a recorded violation`);
  const unshrunk = (reason: string): FoundFailure => ({
    seed: seed.toString(),
    violation: original,
    originalSteps: trace.steps.length,
    trace,
    shrinkAttempts: 0,
    shrinkError: reason,
  });
  let s: ShrinkResult;
  try {
    s = shrinkTrace(trace, resolveModel);
  } catch (e) {
    return unshrunk(e instanceof Error ? e.message : String(e));
  }
  const violations = s.trace.footer.violations;
  const violation = violations.find((v) => v.invariant === s.invariant) ?? violations[0];
  if (violation === undefined) return unshrunk(`the shrunk trace no longer violates ${s.invariant}`);
  return { seed: seed.toString(), violation, originalSteps: trace.steps.length, trace: s.trace, shrinkAttempts: s.attempts, shrinkError: null };
}
