/**
 * Where fuzz batches run: in this thread (`--jobs 1`), or on a piscina
 * worker-thread pool (`--jobs N`). Both answer a {@link BatchRequest} with the
 * same {@link BatchReply}; only the wall time differs.
 * @module
 */
import { Piscina } from 'piscina';
import { runBatch, type BatchRequest, type BatchReply } from './fuzz-batch.js';

/** Runs batches. */
export interface BatchExecutor {
  /** Batches worth keeping in flight at once. */
  readonly width: number;
  /** Run one batch. */
  run(req: BatchRequest): Promise<BatchReply>;
  /** Release the threads (after cutting off whatever still runs). */
  close(): Promise<void>;
}

/** Runs each batch synchronously in the calling thread. */
export function inProcessExecutor(): BatchExecutor {
  return {
    width: 1,
    run: (req) => Promise.resolve().then(() => runBatch(req)),
    close: () => Promise.resolve(),
  };
}

/**
 * A pool of `jobs` threads running `fuzz-worker.js`. Two batches per thread
 * stay in flight so that no thread waits for the main thread between batches.
 */
export function poolExecutor(jobs: number): BatchExecutor {
  const pool = new Piscina<BatchRequest, BatchReply>({
    filename: new URL('./fuzz-worker.js', import.meta.url).href,
    minThreads: jobs,
    maxThreads: jobs,
  });
  return {
    width: jobs * 2,
    run: (req) => pool.run(req),
    close: () => pool.destroy(),
  };
}
