/**
 * Spreads a campaign's seeds over worker threads in batches.
 *
 * Batches are handed out in seed order to whichever worker is idle; results
 * arrive in completion order, which is why callers sort failures by seed
 * before reporting them.
 * @module
 */
import { Worker } from 'node:worker_threads';
import { runBatch, type BatchRequest, type BatchResult } from './fuzz-batch.js';

/** Run `batches` on `workers` threads (in this thread when `workers` is 1). */
export async function runBatches(
  batches: readonly BatchRequest[],
  workers: number,
  onResult: (result: BatchResult) => void,
  stop: () => boolean,
): Promise<void> {
  if (workers <= 1) {
    for (const b of batches) {
      if (stop()) return;
      onResult(runBatch(b));
    }
    return;
  }
  const queue = [...batches];
  const url = new URL('./fuzz-worker.js', import.meta.url);
  const lane = (worker: Worker): Promise<void> =>
    new Promise((resolve, reject) => {
      const next = (): void => {
        const b = stop() ? undefined : queue.shift();
        if (b === undefined) {
          resolve();
          return;
        }
        worker.postMessage(b);
      };
      worker.on('message', (r: BatchResult) => {
        onResult(r);
        next();
      });
      worker.on('error', reject);
      next();
    });
  const pool = Array.from({ length: Math.min(workers, batches.length) }, () => new Worker(url));
  try {
    await Promise.all(pool.map(lane));
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}
