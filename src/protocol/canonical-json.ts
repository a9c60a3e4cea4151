/**
 * Canonical JSON writer: exactly the text `serde_json::to_string` produces
 * for the Rust types.
 *
 * Details that matter for byte equality:
 * - `WorkerOp` is internally tagged with `"type"`, `JobOutcome` with `"status"`;
 *   newtype variants flatten their struct's fields after the tag.
 * - Fields appear in Rust declaration order; `None` is `null`.
 * - `Vec<u8>` is an array of numbers; u64 values are bare digits, also above 2^53.
 * - Strings escape `"`, `\\` and control characters exactly as serde_json does;
 *   `JSON.stringify` on a string uses the same rules (short forms for
 *   `\b \f \n \r \t`, lowercase `\u00XX` otherwise, everything else raw).
 * - The envelope's `worker_id` is omitted when absent.
 * @module
 */
import { assertNever } from './job-state.js';
import type { JobOutcome, SpawnJobRequest, WorkerOp } from './ops.js';
import type { WorkerEnvelope } from './envelope.js';

const str = JSON.stringify;

// ASCII digits of every byte value, so large payloads are written into one
// byte buffer and decoded once instead of joining 256K small strings.
const DIGITS: readonly (readonly number[])[] = Array.from({ length: 256 }, (_, b) =>
  Array.from(String(b), (c) => c.charCodeAt(0)),
);
const ASCII = new TextDecoder('latin1');

/** A byte array as serde_json writes `Vec<u8>`: `[1,2,3]`. */
export function bytesToJson(bytes: Uint8Array): string {
  const n = bytes.length;
  if (n === 0) return '[]';
  if (n < 64) {
    let out = '[' + String(bytes[0]);
    for (let i = 1; i < n; i++) out += ',' + String(bytes[i]);
    return out + ']';
  }
  const text = new Uint8Array(n * 4 + 1);
  let k = 0;
  text[k++] = 0x5b; // [
  for (let i = 0; i < n; i++) {
    if (i > 0) text[k++] = 0x2c; // ,
    const d = DIGITS[bytes[i] as number] as readonly number[];
    for (let j = 0; j < d.length; j++) text[k++] = d[j] as number;
  }
  text[k++] = 0x5d; // ]
  return ASCII.decode(text.subarray(0, k));
}

// The fragments around a payload.
const OK_HEAD = '{"status":"Ok","payload":';
const spawnHead = (r: SpawnJobRequest): string =>
  `{"type":"SpawnJob","job_id":${r.jobId},"region_id":${r.regionId},"task_id":${r.taskId},"obligation_id":${r.obligationId},"payload":`;
const completedHead = (jobId: bigint): string => `{"type":"JobCompleted","job_id":${jobId},"outcome":`;

function outcomeToJson(o: JobOutcome): string {
  switch (o.status) {
    case 'Ok':
      return `${OK_HEAD}${bytesToJson(o.payload)}}`;
    case 'Err':
      return `{"status":"Err","code":${str(o.code)},"message":${str(o.message)}}`;
    case 'Cancelled':
      return `{"status":"Cancelled","reason":${str(o.reason)}}`;
    case 'Panicked':
      return `{"status":"Panicked","message":${str(o.message)}}`;
    default:
      return assertNever(o);
  }
}

function optional(value: string | null): string {
  return value === null ? 'null' : str(value);
}

/** `serde_json::to_string(&op)`. */
export function opToJson(op: WorkerOp): string {
  switch (op.type) {
    case 'BootstrapReady':
      return `{"type":"BootstrapReady","worker_id":${str(op.workerId)}}`;
    case 'BootstrapFailed':
      return `{"type":"BootstrapFailed","worker_id":${str(op.workerId)},"reason":${str(op.reason)}}`;
    case 'SpawnJob':
      return `${spawnHead(op.request)}${bytesToJson(op.request.payload)}}`;
    case 'PollStatus':
      return `{"type":"PollStatus","job_id":${op.jobId}}`;
    case 'StatusSnapshot': {
      const s = op.snapshot;
      return `{"type":"StatusSnapshot","job_id":${s.jobId},"state":"${s.state}","detail":${optional(s.detail)}}`;
    }
    case 'JobCompleted':
      return `${completedHead(op.result.jobId)}${outcomeToJson(op.result.outcome)}}`;
    case 'CancelJob':
      return `{"type":"CancelJob","job_id":${op.jobId},"reason":${str(op.reason)}}`;
    case 'CancelAcknowledged':
      return `{"type":"CancelAcknowledged","job_id":${op.jobId}}`;
    case 'DrainJob':
      return `{"type":"DrainJob","job_id":${op.jobId}}`;
    case 'DrainCompleted':
      return `{"type":"DrainCompleted","job_id":${op.jobId}}`;
    case 'FinalizeJob':
      return `{"type":"FinalizeJob","job_id":${op.jobId}}`;
    case 'FinalizeCompleted':
      return `{"type":"FinalizeCompleted","job_id":${op.jobId}}`;
    case 'ShutdownWorker':
      return `{"type":"ShutdownWorker","reason":${str(op.reason)}}`;
    case 'ShutdownCompleted':
      return '{"type":"ShutdownCompleted"}';
    case 'Diagnostic': {
      const e = op.event;
      return `{"type":"Diagnostic","level":"${e.level}","category":${str(e.category)},"message":${str(e.message)},"metadata":${optional(e.metadata)}}`;
    }
    default:
      return assertNever(op);
  }
}

/** `serde_json::to_string(&envelope)`. */
export function envelopeToJson(env: WorkerEnvelope): string {
  const worker = env.workerId === null ? '' : `,"worker_id":${str(env.workerId)}`;
  return `{"version":${env.version},"message_id":${env.messageId},"seq_no":${env.seqNo},"decision_seq":${env.decisionSeq},"seed":${env.seed},"issued_at_turn":${env.issuedAtTurn}${worker},"replay_hash":${env.replayHash},"op":${opToJson(env.op)}}`;
}
