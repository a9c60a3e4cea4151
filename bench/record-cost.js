// What recording costs per step in the full simulation (sequential workload, profile none): CPU time with a
// TraceFileWriter sink minus the same run without a sink, for one or more builds, alternating in one process
// (this machine is shared and noisy: the medians of many paired runs are the figures to read).
// Usage: node bench/record-cost.js <dist> [<dist> ...] [--reps 15] [--steps 100000]
// e.g. node bench/record-cost.js .ab/before dist
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const value = Number(args[i + 1]);
  args.splice(i, 2);
  return value;
};
const REPS = option('--reps', 15);
const STEPS = option('--steps', 100_000);
if (args.length === 0) throw new Error('usage: node bench/record-cost.js <dist> [<dist> ...] [--reps n] [--steps n]');
const libs = await Promise.all(args.map((d) => import(pathToFileURL(join(resolve(d), 'index.js')).href)));
const path = join(tmpdir(), `record-cost-${process.pid}.lstrace`);

/** CPU µs per step of one run, with or without recording, and its rolling hash. */
function run(lib, record) {
  const sink = record ? new lib.TraceFileWriter(path, { fsync: false }) : undefined;
  const cpu = process.cpuUsage();
  const r = lib.simulate({
    model: lib.asupersyncModel,
    seed: 1n,
    profile: 'none',
    maxSteps: 1e9,
    modelOptions: { jobs: Math.round(STEPS / 10.5), workload: 'sequential' },
    keepTrace: false,
    ...(sink === undefined ? {} : { sink }),
  });
  const u = process.cpuUsage(cpu);
  rmSync(path, { force: true });
  return { us: (u.user + u.system) / r.steps, hash: r.rollingHash };
}

const med = (v) => [...v].sort((x, y) => x - y)[v.length >> 1];
for (const lib of libs) for (const record of [false, true]) run(lib, record); // warm up
const on = libs.map(() => []);
const off = libs.map(() => []);
const hashes = new Set();
for (let i = 0; i < REPS; i++) {
  const order = libs.map((_, k) => k);
  if (i % 2) order.reverse();
  for (const k of order) {
    for (const record of i % 2 ? [true, false] : [false, true]) {
      const x = run(libs[k], record);
      (record ? on : off)[k].push(x.us);
      hashes.add(x.hash);
    }
  }
}
args.forEach((d, k) => {
  const paired = on[k].map((v, i) => v - off[k][i]);
  console.log(`${d}: ${med(off[k]).toFixed(3)} µs/step without recording, ${med(on[k]).toFixed(3)} with; recording ${med(paired).toFixed(3)} µs/step (median of ${REPS} paired differences)`);
});
console.log(`rolling hashes ${hashes.size === 1 ? 'identical' : 'DIFFER'} across builds and runs`);
