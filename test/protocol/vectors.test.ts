import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  coordinatorEnvelope,
  opToJson,
  parseOpJson,
  replayHash,
  validateEnvelope,
  workerEnvelopeWithDecisionSeq,
  type JobOutcome,
  type WorkerOp,
} from '../../src/protocol/index.js';

// A verbatim copy of the Rust-generated vectors (shared/vectors/replay-hash.jsonl), kept in the
// repository so the suite passes wherever it is cloned.
const VECTORS = fileURLToPath(new URL('./fixtures/replay-hash.jsonl', import.meta.url));

type Raw = Record<string, unknown>;

// The vectors spell every u64 as a decimal string; build the typed op from that.
function u64(v: unknown): bigint {
  if (typeof v !== 'string' || !/^\d+$/.test(v)) throw new Error(`not a u64 string: ${String(v)}`);
  return BigInt(v);
}
function s(v: unknown): string {
  if (typeof v !== 'string') throw new Error(`not a string: ${String(v)}`);
  return v;
}
function opt(v: unknown): string | null {
  return v === null || v === undefined ? null : s(v);
}
function bytes(v: unknown): Uint8Array {
  if (!Array.isArray(v)) throw new Error('not an array');
  return Uint8Array.from(v as number[]);
}

function outcomeFrom(raw: Raw): JobOutcome {
  switch (raw.status) {
    case 'Ok':
      return { status: 'Ok', payload: bytes(raw.payload) };
    case 'Err':
      return { status: 'Err', code: s(raw.code), message: s(raw.message) };
    case 'Cancelled':
      return { status: 'Cancelled', reason: s(raw.reason) };
    case 'Panicked':
      return { status: 'Panicked', message: s(raw.message) };
    default:
      throw new Error(`unknown status ${String(raw.status)}`);
  }
}

function opFrom(raw: Raw): WorkerOp {
  switch (raw.type) {
    case 'BootstrapReady':
      return { type: 'BootstrapReady', workerId: s(raw.worker_id) };
    case 'BootstrapFailed':
      return { type: 'BootstrapFailed', workerId: s(raw.worker_id), reason: s(raw.reason) };
    case 'SpawnJob':
      return {
        type: 'SpawnJob',
        request: {
          jobId: u64(raw.job_id),
          regionId: u64(raw.region_id),
          taskId: u64(raw.task_id),
          obligationId: u64(raw.obligation_id),
          payload: bytes(raw.payload),
        },
      };
    case 'StatusSnapshot':
      return {
        type: 'StatusSnapshot',
        snapshot: { jobId: u64(raw.job_id), state: raw.state as never, detail: opt(raw.detail) },
      };
    case 'JobCompleted':
      return { type: 'JobCompleted', result: { jobId: u64(raw.job_id), outcome: outcomeFrom(raw.outcome as Raw) } };
    case 'CancelJob':
      return { type: 'CancelJob', jobId: u64(raw.job_id), reason: s(raw.reason) };
    case 'PollStatus':
    case 'CancelAcknowledged':
    case 'DrainJob':
    case 'DrainCompleted':
    case 'FinalizeJob':
    case 'FinalizeCompleted':
      return { type: raw.type, jobId: u64(raw.job_id) };
    case 'ShutdownWorker':
      return { type: 'ShutdownWorker', reason: s(raw.reason) };
    case 'ShutdownCompleted':
      return { type: 'ShutdownCompleted' };
    case 'Diagnostic':
      return {
        type: 'Diagnostic',
        event: { level: raw.level as never, category: s(raw.category), message: s(raw.message), metadata: opt(raw.metadata) },
      };
    default:
      throw new Error(`unknown op ${String(raw.type)}`);
  }
}

const lines = readFileSync(VECTORS, 'utf8').split('\n').filter((l) => l.length > 0);
const cases = lines.map((line, i) => {
  const v = JSON.parse(line) as { input: Raw; op_json: string; replay_hash: string };
  return { line: i + 1, ...v };
});

describe('replay-hash vectors from the Rust seed', () => {
  it('has all 2,000 vectors', () => {
    expect(cases).toHaveLength(2000);
  });

  it('every op serializes to the exact serde_json text, hashes bit-exactly, and parses back', () => {
    const failures: string[] = [];
    for (const c of cases) {
      const op = opFrom(c.input.op as Raw);
      const json = opToJson(op);
      if (json !== c.op_json) failures.push(`line ${c.line}: json ${json} !== ${c.op_json}`);
      const hash = replayHash(
        {
          messageId: u64(c.input.message_id),
          seqNo: u64(c.input.seq_no),
          decisionSeq: u64(c.input.decision_seq),
          seed: u64(c.input.seed),
          issuedAtTurn: u64(c.input.issued_at_turn),
          workerId: opt(c.input.worker_id),
        },
        c.op_json,
      );
      if (hash !== BigInt(c.replay_hash)) failures.push(`line ${c.line}: hash ${hash} !== ${c.replay_hash}`);
      // The constructors hash the op in parts (a payload straight from its bytes): the same hash, and it validates.
      const args = [u64(c.input.message_id), u64(c.input.seq_no), u64(c.input.decision_seq), u64(c.input.seed), u64(c.input.issued_at_turn), op] as const;
      const workerId = opt(c.input.worker_id);
      const env = workerId === null ? coordinatorEnvelope(...args) : workerEnvelopeWithDecisionSeq(workerId, ...args);
      if (env.replayHash !== BigInt(c.replay_hash)) failures.push(`line ${c.line}: envelope hash ${env.replayHash} !== ${c.replay_hash}`);
      if (validateEnvelope(env)?.kind === 'ReplayHashMismatch') failures.push(`line ${c.line}: the envelope does not validate`);
      expect(parseOpJson(c.op_json)).toEqual(op);
    }
    expect(failures.slice(0, 5)).toEqual([]);
  });
});
