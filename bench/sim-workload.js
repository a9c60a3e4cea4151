// Simulator workloads of the bench, parameterized by the built library (`dist/index.js`
// namespace), so run.js times them and profiles can load them alone.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { sequenceModel } from './sequence-model.js';
import { countingSink } from './counting-sink.js';

/**
 * One long simulation of the sequence workload (asupersync sub-runs of `jobs` jobs, profile
 * none, scheduler and invariants on), recording to a trace file or not.
 * Returns { steps, messages, ms, cpuMs }: messages are delivered envelopes (deliver decisions).
 */
export function fullSimulation(lib, { steps, jobs, record }) {
  const model = sequenceModel(lib.asupersyncModel);
  const path = join(tmpdir(), `lockstep-bench-${process.pid}.lstrace`);
  const sink = countingSink(record ? new lib.TraceFileWriter(path, { fsync: false }) : undefined);
  const cpu = process.cpuUsage();
  const t = performance.now();
  const r = lib.simulate({ model, seed: 1n, profile: 'none', maxSteps: steps, modelOptions: { jobs }, sink, keepTrace: false });
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
