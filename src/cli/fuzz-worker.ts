/**
 * Worker-thread entry for parallel fuzzing: answers each {@link BatchRequest}
 * with its {@link BatchResult}. Simulations are independent and
 * deterministic, so where a seed runs never changes its result.
 * @module
 */
import { parentPort } from 'node:worker_threads';
import { runBatch, type BatchRequest } from './fuzz-batch.js';

parentPort?.on('message', (req: BatchRequest) => {
  parentPort?.postMessage(runBatch(req));
});
