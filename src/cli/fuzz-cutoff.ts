/**
 * The cut-off shared by the main thread and the pool threads of a fuzz
 * campaign: the highest batch number whose result can still be used.
 *
 * Once the ledger knows a batch ends the campaign (first violation, or out of
 * time), every later batch would be discarded, so the main thread lowers the
 * cut-off and running batches beyond it stop between seeds instead of
 * finishing (and shrinking) for nothing. It lives in a SharedArrayBuffer,
 * which a task message shares rather than copies.
 *
 * Gotcha: this replaces piscina's AbortSignal on purpose. Aborting a running
 * piscina task terminates its thread, and a result already in flight then
 * crashes the pool ("Unexpected message from Worker"); a cooperative flag
 * cannot race like that. A cut-off batch only ever affects results that are
 * discarded anyway, so it cannot change what the campaign reports.
 * @module
 */

/** A cut-off cell; starts with no cut-off. */
export type Cutoff = BigInt64Array;

const NONE = 2n ** 63n - 1n;

/** A new cell, shareable with worker threads. */
export function newCutoff(): Cutoff {
  const cell = new BigInt64Array(new SharedArrayBuffer(BigInt64Array.BYTES_PER_ELEMENT));
  cell[0] = NONE;
  return cell;
}

/** Batches after `batch` are no longer needed. Only the main thread calls this; the cut-off only goes down. */
export function cutAfter(cell: Cutoff, batch: number): void {
  const value = BigInt(batch);
  if (value < Atomics.load(cell, 0)) Atomics.store(cell, 0, value);
}

/** Whether `batch` lies beyond the cut-off. */
export function isCut(cell: Cutoff, batch: number): boolean {
  return BigInt(batch) > Atomics.load(cell, 0);
}
