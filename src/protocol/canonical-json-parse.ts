/**
 * Canonical JSON reader: the inverse of `canonical-json.ts`, accepting what
 * serde_json's derived `Deserialize` accepts for these types.
 *
 * Serde rules kept here: unknown fields are ignored (even when repeated); a
 * missing `Option` field is `null`; a missing required field, a repeated
 * declared field, a float (`-0` included) or negative
 * number where a u64 is expected, or an unknown variant is an error.
 * Errors are {@link ProtocolDecodeError}s naming the field path and offset.
 * @module
 */
import type { WorkerEnvelope } from './envelope.js';
import { isJobState, type JobState } from './job-state.js';
import { isJsonObject, JsonSyntaxError, readJson, type JsonObject, type JsonValue } from './json-reader.js';
import type { DiagnosticLevel, JobOutcome, WorkerOp } from './ops.js';
import { U32_MAX, U64_MAX } from './u64.js';

/** A JSON text that does not decode to the expected protocol type. */
export class ProtocolDecodeError extends Error {
  constructor(
    /** Dotted path of the offending field, e.g. `op.job_id`. */
    readonly path: string,
    /** UTF-16 offset in the source text. */
    readonly offset: number,
    readonly reason: string,
  ) {
    super(`${path === '' ? '<root>' : path} (offset ${offset}): ${reason}`);
    this.name = 'ProtocolDecodeError';
  }
}

class Fields {
  constructor(
    private readonly obj: JsonObject,
    private readonly path: string,
  ) {}

  private at(name: string): string {
    return this.path === '' ? name : `${this.path}.${name}`;
  }

  fail(name: string, reason: string): never {
    throw new ProtocolDecodeError(this.at(name), this.obj.offsets.get(name) ?? this.obj.offset, reason);
  }

  /** serde's derived visitor rejects a declared field it sees twice. */
  private unique(name: string): void {
    const repeat = this.obj.duplicates.get(name);
    if (repeat !== undefined) throw new ProtocolDecodeError(this.at(name), repeat, `duplicate field \`${name}\``);
  }

  private required(name: string): JsonValue {
    this.unique(name);
    if (!this.obj.members.has(name)) this.fail(name, `missing field \`${name}\``);
    return this.obj.members.get(name) as JsonValue;
  }

  u64(name: string): bigint {
    const v = this.required(name);
    if (typeof v !== 'bigint' || v < 0n || v > U64_MAX) this.fail(name, `expected u64, got ${describe(v)}`);
    return v;
  }

  u32(name: string): number {
    const v = this.required(name);
    if (typeof v !== 'bigint' || v < 0n || v > BigInt(U32_MAX)) this.fail(name, `expected u32, got ${describe(v)}`);
    return Number(v);
  }

  string(name: string): string {
    const v = this.required(name);
    if (typeof v !== 'string') this.fail(name, `expected a string, got ${describe(v)}`);
    return v;
  }

  optionalString(name: string): string | null {
    this.unique(name);
    const v = this.obj.members.get(name);
    if (v === undefined || v === null) return null;
    if (typeof v !== 'string') this.fail(name, `expected a string or null, got ${describe(v)}`);
    return v;
  }

  bytes(name: string): Uint8Array {
    const v = this.required(name);
    if (!Array.isArray(v)) this.fail(name, `expected an array of bytes, got ${describe(v)}`);
    const out = new Uint8Array(v.length);
    for (let k = 0; k < v.length; k++) {
      const b = v[k];
      if (typeof b !== 'bigint' || b < 0n || b > 255n) this.fail(name, `element ${k}: expected u8, got ${describe(b ?? null)}`);
      out[k] = Number(b);
    }
    return out;
  }

  object(name: string): Fields {
    const v = this.required(name);
    if (!isJsonObject(v)) this.fail(name, `expected an object, got ${describe(v)}`);
    return new Fields(v, this.at(name));
  }

  jobState(name: string): JobState {
    const v = this.string(name);
    if (!isJobState(v)) this.fail(name, `unknown variant \`${v}\``);
    return v;
  }

  level(name: string): DiagnosticLevel {
    const v = this.string(name);
    if (v !== 'Info' && v !== 'Warn' && v !== 'Error') this.fail(name, `unknown variant \`${v}\``);
    return v;
  }
}

function describe(v: JsonValue): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `string ${JSON.stringify(v)}`;
  if (typeof v === 'number') return `float ${Object.is(v, -0) ? '-0.0' : String(v)}`;
  return `${typeof v} ${String(v)}`;
}

function outcome(f: Fields): JobOutcome {
  const status = f.string('status');
  switch (status) {
    case 'Ok':
      return { status, payload: f.bytes('payload') };
    case 'Err':
      return { status, code: f.string('code'), message: f.string('message') };
    case 'Cancelled':
      return { status, reason: f.string('reason') };
    case 'Panicked':
      return { status, message: f.string('message') };
    default:
      return f.fail('status', `unknown variant \`${status}\``);
  }
}

function op(f: Fields): WorkerOp {
  const type = f.string('type');
  switch (type) {
    case 'BootstrapReady':
      return { type, workerId: f.string('worker_id') };
    case 'BootstrapFailed':
      return { type, workerId: f.string('worker_id'), reason: f.string('reason') };
    case 'SpawnJob':
      return {
        type,
        request: {
          jobId: f.u64('job_id'),
          regionId: f.u64('region_id'),
          taskId: f.u64('task_id'),
          obligationId: f.u64('obligation_id'),
          payload: f.bytes('payload'),
        },
      };
    case 'StatusSnapshot':
      return {
        type,
        snapshot: { jobId: f.u64('job_id'), state: f.jobState('state'), detail: f.optionalString('detail') },
      };
    case 'JobCompleted':
      return { type, result: { jobId: f.u64('job_id'), outcome: outcome(f.object('outcome')) } };
    case 'CancelJob':
      return { type, jobId: f.u64('job_id'), reason: f.string('reason') };
    case 'PollStatus':
    case 'CancelAcknowledged':
    case 'DrainJob':
    case 'DrainCompleted':
    case 'FinalizeJob':
    case 'FinalizeCompleted':
      return { type, jobId: f.u64('job_id') };
    case 'ShutdownWorker':
      return { type, reason: f.string('reason') };
    case 'ShutdownCompleted':
      return { type };
    case 'Diagnostic':
      return {
        type,
        event: {
          level: f.level('level'),
          category: f.string('category'),
          message: f.string('message'),
          metadata: f.optionalString('metadata'),
        },
      };
    default:
      return f.fail('type', `unknown variant \`${type}\``);
  }
}

function root(text: string): Fields {
  let v: JsonValue;
  try {
    v = readJson(text);
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new ProtocolDecodeError('', e.offset, e.reason);
    throw e;
  }
  if (!isJsonObject(v)) throw new ProtocolDecodeError('', 0, `expected an object, got ${describe(v)}`);
  return new Fields(v, '');
}

/** Parse the serde_json text of a `WorkerOp`. */
export function parseOpJson(text: string): WorkerOp {
  return op(root(text));
}

/** Parse the serde_json text of a `WorkerEnvelope` exactly, u64 values included. */
export function parseEnvelopeJson(text: string): WorkerEnvelope {
  const f = root(text);
  return {
    version: f.u32('version'),
    messageId: f.u64('message_id'),
    seqNo: f.u64('seq_no'),
    decisionSeq: f.u64('decision_seq'),
    seed: f.u64('seed'),
    issuedAtTurn: f.u64('issued_at_turn'),
    workerId: f.optionalString('worker_id'),
    replayHash: f.u64('replay_hash'),
    op: op(f.object('op')),
  };
}
