/**
 * The replay hash of an envelope, absorbing its op's canonical JSON piece by
 * piece instead of building the text: the same bytes as `opToJson(op)`, in
 * the same order, so the same hash, bit for bit.
 *
 * Details:
 * - Every envelope is hashed when it is built and re-hashed when it is
 *   validated on receipt, as the Rust seed does; building the op's text for
 *   each (template strings, a bigint's decimal text per id) was most of that
 *   cost. Here the fixed fragments are absorbed as constants, a u64 from its
 *   digits (`absorbOpDecimal`), a payload from its bytes, and a string from
 *   its characters when `JSON.stringify` would write it unchanged between
 *   quotes (otherwise its `JSON.stringify` text is absorbed).
 * - `canonical-json.ts` stays the reference for the text itself.
 *
 * Gotcha: a change to the op's JSON in `canonical-json.ts` must be made here
 * too; the test `op-hash.test.ts` holds this file to `replayHash(meta,
 * opToJson(op))` for every op variant, and the Rust vectors hold both.
 *
 * @example
 * ```ts
 * replayHashLimbsOfOp(1n, 1n, 1n, 42n, 0n, null, { type: 'PollStatus', jobId: 3n });
 * joinU64(hashHi, hashLo) === replayHash(meta, '{"type":"PollStatus","job_id":3}'); // true
 * ```
 * @module
 */
import { assertNever } from './job-state.js';
import type { JobOutcome, WorkerOp } from './ops.js';
import {
  absorbOpBytesJson,
  absorbOpDecimal,
  absorbOpText,
  beginReplayHash,
  endReplayHash,
  endReplayHashEquals,
  endReplayHashValue,
  type ReplayHashInput,
} from './replay-hash.js';

/** Absorb `JSON.stringify(text)`: the characters between quotes when nothing needs escaping. */
function absorbJsonString(text: string): void {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // Control characters, the quote and the backslash are escaped; a surrogate may be (when lone).
    if (c < 0x20 || c === 0x22 || c === 0x5c || (c >= 0xd800 && c <= 0xdfff)) {
      absorbOpText(JSON.stringify(text));
      return;
    }
  }
  absorbOpText('"');
  absorbOpText(text);
  absorbOpText('"');
}

/** Absorb `null` or the JSON string. */
function absorbOptional(text: string | null): void {
  if (text === null) absorbOpText('null');
  else absorbJsonString(text);
}

/** The canonical text before the job id of each op that holds only a job id. */
const JOB_ONLY_HEAD = {
  PollStatus: '{"type":"PollStatus","job_id":',
  CancelAcknowledged: '{"type":"CancelAcknowledged","job_id":',
  DrainJob: '{"type":"DrainJob","job_id":',
  DrainCompleted: '{"type":"DrainCompleted","job_id":',
  FinalizeJob: '{"type":"FinalizeJob","job_id":',
  FinalizeCompleted: '{"type":"FinalizeCompleted","job_id":',
} as const;

/** `{"type":"<type>","job_id":<id>}`. */
function absorbJobOnly(head: string, jobId: bigint): void {
  absorbOpText(head);
  absorbOpDecimal(jobId);
  absorbOpText('}');
}

function absorbOutcome(o: JobOutcome): void {
  switch (o.status) {
    case 'Ok':
      absorbOpText('{"status":"Ok","payload":');
      absorbOpBytesJson(o.payload);
      absorbOpText('}');
      return;
    case 'Err':
      absorbOpText('{"status":"Err","code":');
      absorbJsonString(o.code);
      absorbOpText(',"message":');
      absorbJsonString(o.message);
      absorbOpText('}');
      return;
    case 'Cancelled':
      absorbOpText('{"status":"Cancelled","reason":');
      absorbJsonString(o.reason);
      absorbOpText('}');
      return;
    case 'Panicked':
      absorbOpText('{"status":"Panicked","message":');
      absorbJsonString(o.message);
      absorbOpText('}');
      return;
    default:
      assertNever(o);
  }
}

/** Absorb `opToJson(op)`. */
function absorbOp(op: WorkerOp): void {
  switch (op.type) {
    case 'BootstrapReady':
      absorbOpText('{"type":"BootstrapReady","worker_id":');
      absorbJsonString(op.workerId);
      absorbOpText('}');
      return;
    case 'BootstrapFailed':
      absorbOpText('{"type":"BootstrapFailed","worker_id":');
      absorbJsonString(op.workerId);
      absorbOpText(',"reason":');
      absorbJsonString(op.reason);
      absorbOpText('}');
      return;
    case 'SpawnJob': {
      const r = op.request;
      absorbOpText('{"type":"SpawnJob","job_id":');
      absorbOpDecimal(r.jobId);
      absorbOpText(',"region_id":');
      absorbOpDecimal(r.regionId);
      absorbOpText(',"task_id":');
      absorbOpDecimal(r.taskId);
      absorbOpText(',"obligation_id":');
      absorbOpDecimal(r.obligationId);
      absorbOpText(',"payload":');
      absorbOpBytesJson(r.payload);
      absorbOpText('}');
      return;
    }
    case 'StatusSnapshot': {
      const s = op.snapshot;
      absorbOpText('{"type":"StatusSnapshot","job_id":');
      absorbOpDecimal(s.jobId);
      // The state is a plain identifier, written between quotes as opToJson does.
      absorbOpText(',"state":"');
      absorbOpText(s.state);
      absorbOpText('","detail":');
      absorbOptional(s.detail);
      absorbOpText('}');
      return;
    }
    case 'JobCompleted':
      absorbOpText('{"type":"JobCompleted","job_id":');
      absorbOpDecimal(op.result.jobId);
      absorbOpText(',"outcome":');
      absorbOutcome(op.result.outcome);
      absorbOpText('}');
      return;
    case 'CancelJob':
      absorbOpText('{"type":"CancelJob","job_id":');
      absorbOpDecimal(op.jobId);
      absorbOpText(',"reason":');
      absorbJsonString(op.reason);
      absorbOpText('}');
      return;
    case 'PollStatus':
    case 'CancelAcknowledged':
    case 'DrainJob':
    case 'DrainCompleted':
    case 'FinalizeJob':
    case 'FinalizeCompleted':
      absorbJobOnly(JOB_ONLY_HEAD[op.type], op.jobId);
      return;
    case 'ShutdownWorker':
      absorbOpText('{"type":"ShutdownWorker","reason":');
      absorbJsonString(op.reason);
      absorbOpText('}');
      return;
    case 'ShutdownCompleted':
      absorbOpText('{"type":"ShutdownCompleted"}');
      return;
    case 'Diagnostic': {
      const e = op.event;
      absorbOpText('{"type":"Diagnostic","level":"');
      absorbOpText(e.level);
      absorbOpText('","category":');
      absorbJsonString(e.category);
      absorbOpText(',"message":');
      absorbJsonString(e.message);
      absorbOpText(',"metadata":');
      absorbOptional(e.metadata);
      absorbOpText('}');
      return;
    }
    default:
      assertNever(op);
  }
}

/**
 * The replay hash of an envelope with these fields into `hashHi`/`hashLo`
 * (see `replay-hash.ts`): `replayHashLimbs(meta, opToJson(op))` without the text.
 */
export function replayHashLimbsOfOp(
  messageId: bigint,
  seqNo: bigint,
  decisionSeq: bigint,
  seed: bigint,
  issuedAtTurn: bigint,
  workerId: string | null,
  op: WorkerOp,
): void {
  beginReplayHash(messageId, seqNo, decisionSeq, seed, issuedAtTurn, workerId);
  absorbOp(op);
  endReplayHash();
}

/** {@link replayHashLimbsOfOp} as a u64 bigint. */
export function replayHashOfOp(
  messageId: bigint,
  seqNo: bigint,
  decisionSeq: bigint,
  seed: bigint,
  issuedAtTurn: bigint,
  workerId: string | null,
  op: WorkerOp,
): bigint {
  beginReplayHash(messageId, seqNo, decisionSeq, seed, issuedAtTurn, workerId);
  absorbOp(op);
  return endReplayHashValue();
}

/** Whether `env`'s fields hash to its `replayHash` reduced mod 2^64 (`validateEnvelope` checks the range). */
export function replayHashMatches(env: ReplayHashInput & { readonly op: WorkerOp; readonly replayHash: bigint }): boolean {
  beginReplayHash(env.messageId, env.seqNo, env.decisionSeq, env.seed, env.issuedAtTurn, env.workerId);
  absorbOp(env.op);
  return endReplayHashEquals(env.replayHash);
}
