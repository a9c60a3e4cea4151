/**
 * Pure helpers about protocol ops and outcomes that the model needs in
 * several places: which job an op is about, how many payload bytes it
 * carries, a canonical outcome summary, the outcome a job plan scripts, and
 * the generation behind a worker id.
 *
 * Gotcha: job ids are bigints in the protocol but small numbers in actions
 * and views; these helpers are where the two meet (`Number(jobId)`).
 *
 * @example
 * ```ts
 * opJob({ type: 'CancelJob', jobId: 3n, reason: 'x' }); // 3
 * outcomeSummary({ status: 'Ok', payload: new Uint8Array(16) }); // 'Ok(16)'
 * genOfWorkerId('w12'); // 12
 * ```
 * @module
 */
import type { JobOutcome, WorkerOp } from '../../protocol/index.js';
import type { OutcomeKind } from './actions.js';

/** The generation number encoded in a worker id `w<gen>`, or null. */
export function genOfWorkerId(id: string | null): number | null {
  // `/^w[1-9][0-9]*$/`, scanned by hand: this runs for every envelope the coordinator receives.
  if (id === null || id.length < 2 || id.charCodeAt(0) !== 0x77) return null;
  for (let i = 1; i < id.length; i++) {
    const c = id.charCodeAt(i);
    if (c < (i === 1 ? 0x31 : 0x30) || c > 0x39) return null;
  }
  return Number(id.slice(1));
}

// The last job id converted: the sequential workload asks about the same job for many steps in a row.
let memoJob = 0;
let memoId = 0n;

/** `BigInt(job)`, remembered for the last job converted (a bigint is a value: sharing one is invisible). */
export function jobIdOf(job: number): bigint {
  if (job !== memoJob) {
    memoId = BigInt(job);
    memoJob = job;
  }
  return memoId;
}

/** The job id an op is about, as a number, or null. */
export function opJob(op: WorkerOp): number | null {
  switch (op.type) {
    case 'SpawnJob':
      return Number(op.request.jobId);
    case 'StatusSnapshot':
      return Number(op.snapshot.jobId);
    case 'JobCompleted':
      return Number(op.result.jobId);
    case 'PollStatus':
    case 'CancelJob':
    case 'CancelAcknowledged':
    case 'DrainJob':
    case 'DrainCompleted':
    case 'FinalizeJob':
    case 'FinalizeCompleted':
      return Number(op.jobId);
    default:
      return null;
  }
}

/** Payload bytes an op carries (spawn payload or `Ok` result), or null. */
export function opBytes(op: WorkerOp): number | null {
  if (op.type === 'SpawnJob') return op.request.payload.length;
  if (op.type === 'JobCompleted' && op.result.outcome.status === 'Ok') return op.result.outcome.payload.length;
  return null;
}

/** Canonical one-line summary of an outcome, equal for equal outcomes. */
export function outcomeSummary(o: JobOutcome): string {
  switch (o.status) {
    case 'Ok':
      return `Ok(${o.payload.length})`;
    case 'Err':
      return `Err(${o.code}: ${o.message})`;
    case 'Cancelled':
      return `Cancelled(${o.reason})`;
    case 'Panicked':
      return `Panicked(${o.message})`;
  }
}

/** The outcome a plan scripts for job `job`. */
export function planOutcome(job: number, plan: { readonly outcome: OutcomeKind; readonly result: number }): JobOutcome {
  switch (plan.outcome) {
    case 'ok':
      return { status: 'Ok', payload: new Uint8Array(plan.result) };
    case 'err':
      return { status: 'Err', code: 'E_JOB', message: `job ${job} failed` };
    case 'panic':
      return { status: 'Panicked', message: `job ${job} panicked` };
  }
}
