// Simulator workloads of the bench, parameterized by the built library (`dist/index.js`
// namespace), so run.js times them and profiles can load them alone.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sequenceModel } from './sequence-model.js';
import { countingSink } from './counting-sink.js';

/** Steps per job of the sequential workload, on average (even jobs take 8, odd ones 13). */
export const SEQUENTIAL_STEPS_PER_JOB = 10.5;

/**
 * The simulation `fullSimulation` runs: the protocol issue's lockstep workload (the asupersync
 * model's `sequential` workload, one job at a time, each removed when done) with about `steps`
 * steps, run to settlement; or, with `workload: 'random'`, the fuzzing workload (asupersync
 * sub-runs of `jobs` jobs back to back, see sequence-model.js) cut at `steps` steps.
 */
export function simulationOf(lib, { steps, workload = 'sequential', jobs = 6 }) {
  if (workload === 'sequential') {
    const options = { workload, jobs: Math.max(1, Math.round(steps / SEQUENTIAL_STEPS_PER_JOB)) };
    return { model: lib.asupersyncModel, maxSteps: 1e9, modelOptions: options };
  }
  return { model: sequenceModel(lib.asupersyncModel), maxSteps: steps, modelOptions: { jobs } };
}

/**
 * One long simulation (profile none; scheduler, invariants and digests on; see simulationOf),
 * recording to a trace file or not.
 * Returns { steps, messages, ms, cpuMs }: messages are delivered envelopes (deliver decisions).
 */
export function fullSimulation(lib, { steps, record, workload = 'sequential', jobs = 6 }) {
  const sim = simulationOf(lib, { steps, workload, jobs });
  const path = join(tmpdir(), `lockstep-bench-${process.pid}.lstrace`);
  const sink = countingSink(record ? new lib.TraceFileWriter(path, { fsync: false }) : undefined);
  const cpu = process.cpuUsage();
  const t = performance.now();
  const r = lib.simulate({ ...sim, seed: 1n, profile: 'none', sink, keepTrace: false });
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  if (record) rmSync(path, { force: true });
  if (r.violations.length > 0) throw new Error(`bench: unexpected violation ${r.violations[0].invariant}`);
  return { steps: r.steps, messages: sink.messages, ms, cpuMs: (used.user + used.system) / 1000 };
}

/**
 * Seeds 1..seeds of `lockstep fuzz` under `profile` (default 200 fault steps, then heal), as the
 * campaign runs them: the trace kept in memory for a failing seed's report.
 * Returns { seeds, steps, ms, cpuMs }.
 */
export function fuzzSeeds(lib, { profile, seeds }) {
  let steps = 0;
  const cpu = process.cpuUsage();
  const t = performance.now();
  for (let seed = 1; seed <= seeds; seed++) {
    steps += lib.simulate({ model: lib.asupersyncModel, seed: BigInt(seed), profile, maxSteps: 200 }).steps;
  }
  const ms = performance.now() - t;
  const used = process.cpuUsage(cpu);
  return { seeds, steps, ms, cpuMs: (used.user + used.system) / 1000 };
}

/** One simulation of a single coordinator with `jobs` jobs (profile none, no recording): how per-step cost grows with tracked jobs. */
export function singleCoordinator(lib, jobs) {
  const t = performance.now();
  const r = lib.simulate({ model: lib.asupersyncModel, seed: 1n, profile: 'none', maxSteps: 1e9, modelOptions: { jobs }, keepTrace: false });
  return { steps: r.steps, ms: performance.now() - t };
}
