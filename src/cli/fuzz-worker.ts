/**
 * Pool-thread entry for `lockstep fuzz --jobs N` (loaded by piscina): answers
 * each {@link BatchRequest} with its {@link BatchResult}.
 * @module
 */
import { runBatch, type BatchRequest, type BatchResult } from './fuzz-batch.js';

/** Run one batch. */
export default function fuzzWorker(req: BatchRequest): BatchResult {
  return runBatch(req);
}
