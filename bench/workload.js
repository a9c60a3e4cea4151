// The lockstep workload and the replay-hash microbenchmark, parameterized by the
// library under test ({ protocol, worker } module namespaces) so run.js and ab.js
// can time the same code against different builds.
import { performance } from 'node:perf_hooks';

export const SEED = 0x5eedn;
const SPAWN_PAYLOAD = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
const OK_OUTCOME = { status: 'Ok', payload: new Uint8Array([42, 43, 44, 45]) };

/** Load `<dist>/protocol/index.js` and `<dist>/worker/index.js`. */
export async function loadLib(distUrl) {
  const base = distUrl.endsWith('/') ? distUrl : `${distUrl}/`;
  const protocol = await import(new URL('protocol/index.js', base).href);
  const worker = await import(new URL('worker/index.js', base).href);
  return { protocol, worker };
}

function must(lib, result, what) {
  if (!result.ok) throw new Error(`${what}: ${lib.worker.formatWorkerEndpointError(result.error)}`);
  return result.value;
}

/**
 * One run of the lockstep workload. Every job: SpawnJob → StatusSnapshot(Running) →
 * even ids JobCompleted(Ok); odd ids CancelJob → CancelAcknowledged → DrainJob →
 * DrainCompleted → FinalizeJob → FinalizeCompleted; then removeJob/forgetJob.
 * Returns { messages, ms }: envelopes handled by their receiver, and wall time.
 */
export function workload(lib, jobs) {
  const t0 = performance.now();
  const coord = new lib.protocol.WorkerCoordinator(SEED);
  const worker = new lib.worker.WorkerEndpoint({
    workerId: 'bench-worker-1',
    seed: SEED,
    snapshotOnStart: true,
    behaviour: () => ({ steps: 1, outcome: OK_OUTCOME }),
  });
  let messages = 0;
  const pump = () => {
    for (;;) {
      let moved = false;
      for (let env = coord.drainOutbox(); env !== undefined; env = coord.drainOutbox()) {
        must(lib, worker.handleInbound(env), 'worker.handleInbound');
        messages++;
        moved = true;
      }
      for (let env = worker.drainOutbox(); env !== undefined; env = worker.drainOutbox()) {
        must(lib, coord.handleInbound(env), 'coordinator.handleInbound');
        messages++;
        moved = true;
      }
      if (!moved) return;
    }
  };
  must(lib, worker.bootstrap(), 'bootstrap');
  pump();
  let id = 0n;
  for (let i = 1; i <= jobs; i++) {
    id += 1n;
    must(lib, coord.spawnJob(id, 7n, id, id, SPAWN_PAYLOAD), 'spawnJob');
    pump();
    must(lib, worker.stepJob(id), 'stepJob(start)');
    pump();
    if ((i & 1) === 0) must(lib, worker.stepJob(id), 'stepJob(complete)');
    else must(lib, coord.cancelJob(id, 'bench cancel'), 'cancelJob');
    pump();
    if (coord.removeJob(id) !== 'Completed') throw new Error(`job ${id} did not complete`);
    if (!worker.forgetJob(id)) throw new Error(`worker did not settle job ${id}`);
    coord.advanceTurn();
    worker.advanceTurn();
  }
  return { messages, ms: performance.now() - t0 };
}

/** The workload's envelope mix, one of each kind, checked to carry their constructors' hashes. */
export function envelopeMix(lib) {
  const { coordinatorEnvelope, workerEnvelope, replayHash, opToJson } = lib.protocol;
  const j = 123_457n;
  const c = (n, op) => coordinatorEnvelope(n, n, n, SEED, 61_728n, op);
  const k = (n, op) => workerEnvelope('bench-worker-1', n, n, SEED, 61_728n, op);
  const spawn = { jobId: j, regionId: 7n, taskId: j, obligationId: j, payload: SPAWN_PAYLOAD };
  const mix = [
    c(600_001n, { type: 'SpawnJob', request: spawn }),
    k(500_001n, { type: 'StatusSnapshot', snapshot: { jobId: j, state: 'Running', detail: null } }),
    k(500_002n, { type: 'JobCompleted', result: { jobId: j, outcome: OK_OUTCOME } }),
    c(600_002n, { type: 'CancelJob', jobId: j, reason: 'bench cancel' }),
    k(500_003n, { type: 'CancelAcknowledged', jobId: j }),
    c(600_003n, { type: 'DrainJob', jobId: j }),
    k(500_004n, { type: 'DrainCompleted', jobId: j }),
    c(600_004n, { type: 'FinalizeJob', jobId: j }),
    k(500_005n, { type: 'FinalizeCompleted', jobId: j }),
  ];
  for (const env of mix) {
    if (replayHash(env, opToJson(env.op)) !== env.replayHash) throw new Error(`hash mismatch: ${env.op.type}`);
  }
  return mix;
}

/** Serialize and hash `rounds` × the mix; returns hashes per second. */
export function hashBench(lib, mix, rounds) {
  const { replayHash, opToJson } = lib.protocol;
  let sink = 0n;
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < mix.length; i++) sink ^= replayHash(mix[i], opToJson(mix[i].op));
  }
  const ms = performance.now() - t0;
  if (sink === -1n) console.log('unreachable');
  return (rounds * mix.length) / (ms / 1000);
}

/** Median, min and max. */
export function stats(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

export const fmt = (n) => Math.round(n).toLocaleString('en-US');
