/**
 * Puts batch results that arrive in any order back into seed order, so that a
 * parallel campaign reports exactly what a serial one would.
 *
 * A campaign's seeds are cut into numbered batches of consecutive positions.
 * Each batch runs its seeds in order and ends early for one of two reasons:
 * the time budget ran out (`deadline`) or, when the campaign stops at the
 * first violation, a seed violated an invariant (`violation`). The ledger
 * commits batches strictly in batch order; the first committed batch that
 * ended early is the campaign's last, and every result after it is discarded,
 * because a serial run would never have run those seeds. So with several
 * workers, stop-at-first still reports the lowest failing seed, and a time
 * budget still yields one contiguous range of completed seeds.
 *
 * Gotcha: a batch that ends early must have run a prefix of its seeds (every
 * seed before the stopping one), or the committed range has a hole.
 *
 * @example
 * ```ts
 * const ledger = new BatchLedger<string>((b) => console.log(b.batch));
 * ledger.accept({ batch: 1, completed: 32, end: 'violation', ... }); // held back
 * ledger.accept({ batch: 0, completed: 32, end: 'all', ... });       // commits 0, then 1; closed
 * ```
 * @module
 */
import type { CampaignSummary } from './campaign.js';

/** Why a batch stopped running seeds. */
export type BatchEnd = 'all' | 'deadline' | 'violation';

/** What one batch did. `F` is whatever the caller records per failing seed. */
export interface BatchOutcome<F> {
  /** Batch number, 0-based, in seed order. */
  readonly batch: number;
  /** Seeds run: the first `completed` seeds of the batch. */
  readonly completed: number;
  readonly end: BatchEnd;
  readonly summary: CampaignSummary;
  readonly failures: readonly F[];
}

/** Commits {@link BatchOutcome}s in batch order; see the module documentation. */
export class BatchLedger<F> {
  private readonly pending = new Map<number, BatchOutcome<F>>();
  private next = 0;
  private closedBy: BatchOutcome<F> | undefined;
  private earliestStop: number | undefined;

  /** `onCommit` receives each batch that belongs to the campaign, in order, exactly once. */
  constructor(private readonly onCommit: (outcome: BatchOutcome<F>) => void) {}

  /** Record a batch's outcome; commits every batch that is now next in order. */
  accept(outcome: BatchOutcome<F>): void {
    if (outcome.batch < this.next || this.pending.has(outcome.batch)) {
      throw new Error(`batch ${outcome.batch} was reported twice`);
    }
    if (this.closedBy !== undefined) return;
    if (outcome.end !== 'all' && (this.earliestStop === undefined || outcome.batch < this.earliestStop)) {
      this.earliestStop = outcome.batch;
    }
    this.pending.set(outcome.batch, outcome);
    for (let b = this.pending.get(this.next); b !== undefined; b = this.pending.get(this.next)) {
      this.pending.delete(this.next);
      this.next++;
      this.onCommit(b);
      if (b.end !== 'all') {
        this.closedBy = b;
        this.pending.clear();
        return;
      }
    }
  }

  /** Batches committed so far (they are batches `0 … committed-1`). */
  get committed(): number {
    return this.next;
  }

  /** The batch that ended the campaign, once committed. */
  get closer(): BatchOutcome<F> | undefined {
    return this.closedBy;
  }

  /**
   * The lowest batch known to end early, committed or not. Batches after it
   * can never be committed: callers stop dispatching and cancel them.
   */
  get lastUseful(): number | undefined {
    return this.earliestStop;
  }
}
