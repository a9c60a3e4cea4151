/**
 * Pool-thread entry for `lockstep fuzz --jobs N` (loaded by piscina): answers
 * each {@link BatchRequest} with its {@link BatchReply}.
 * @module
 */
import { runBatch, type BatchRequest, type BatchReply } from './fuzz-batch.js';

/** Run one batch. */
export default function fuzzWorker(req: BatchRequest): BatchReply {
  return runBatch(req);
}
