/** Shared builders for the worker endpoint tests. */
import { expect } from 'vitest';
import {
  coordinatorEnvelope,
  type JobOutcome,
  type WorkerCoordinator,
  type WorkerEnvelope,
  type WorkerOp,
} from '../../src/protocol/index.js';
import {
  formatWorkerEndpointError,
  WorkerEndpoint,
  type JobBehaviour,
  type WorkerEndpointOptions,
  type WorkerResult,
} from '../../src/worker/index.js';

export const SEED = 42n;
export const OK_7: JobOutcome = { status: 'Ok', payload: new Uint8Array([7]) };

/** A worker whose jobs all take `steps` units and end with `outcome`. */
export function makeWorker(
  behaviour: JobBehaviour = { steps: 1, outcome: OK_7 },
  extra: Partial<WorkerEndpointOptions> = {},
): WorkerEndpoint {
  return new WorkerEndpoint({ workerId: 'w-1', seed: SEED, behaviour: () => behaviour, ...extra });
}

/** A bootstrapped worker with its `BootstrapReady` already drained. */
export function readyWorker(
  behaviour: JobBehaviour = { steps: 1, outcome: OK_7 },
  extra: Partial<WorkerEndpointOptions> = {},
): WorkerEndpoint {
  const worker = makeWorker(behaviour, extra);
  value(worker.bootstrap());
  expect(worker.drainOutbox()?.op.type).toBe('BootstrapReady');
  return worker;
}

/** A well-formed coordinator envelope with `messageId = seqNo = decisionSeq = seq`. */
export function fromCoord(seq: bigint, op: WorkerOp): WorkerEnvelope {
  return coordinatorEnvelope(seq, seq, seq, SEED, 0n, op);
}

export function spawnOp(jobId: bigint, payload = new Uint8Array([1, 2, 3])): WorkerOp {
  return { type: 'SpawnJob', request: { jobId, regionId: 100n, taskId: 200n, obligationId: 300n, payload } };
}

/** Everything in an outbox, oldest first. */
export function drain(side: { drainOutbox(): WorkerEnvelope | undefined }): WorkerEnvelope[] {
  const out: WorkerEnvelope[] = [];
  for (let env = side.drainOutbox(); env !== undefined; env = side.drainOutbox()) out.push(env);
  return out;
}

export function ops(envelopes: readonly WorkerEnvelope[]): WorkerOp[] {
  return envelopes.map((e) => e.op);
}

/** The value of an `ok` result; fails the test otherwise. */
export function value<T>(result: WorkerResult<T>): T {
  if (!result.ok) throw new Error(`expected ok, got ${formatWorkerEndpointError(result.error)}`);
  return result.value;
}

/** The error of a failed result; fails the test otherwise. */
export function error<T>(result: WorkerResult<T>): unknown {
  if (result.ok) throw new Error(`expected an error, got ok(${String(result.value)})`);
  return result.error;
}

/** Deliver the coordinator's whole outbox to the worker; the results, in order. */
export function toWorker(coord: WorkerCoordinator, worker: WorkerEndpoint): WorkerResult<unknown>[] {
  return drain(coord).map((env) => worker.handleInbound(env));
}

/** Deliver the worker's whole outbox to the coordinator; the results, in order. */
export function toCoordinator(worker: WorkerEndpoint, coord: WorkerCoordinator): WorkerResult<unknown>[] {
  return drain(worker).map((env) => coord.handleInbound(env));
}
