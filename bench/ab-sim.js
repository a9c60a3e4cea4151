// A/B of the simulator between two builds, alternating in one process so machine noise hits
// both alike; rates are per CPU-second (process.cpuUsage) as well as per wall second.
// Usage: node bench/ab-sim.js <distA> <distB> [reps=5] [steps=50000]
// e.g. rm -rf .ab/before; mkdir -p .ab; cp -r dist .ab/before; <change src>; npm run build; node bench/ab-sim.js .ab/before dist
// (.ab/ is ignored by git; a copy outside the repository cannot find node_modules.)
// The full simulation is the bench's: the sequential (lockstep) workload; record/replay also.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fullSimulation, fuzzSeeds, simulationOf } from './sim-workload.js';
import { fmt, stats } from './workload.js';

const [a, b, repsArg, stepsArg] = process.argv.slice(2);
if (a === undefined || b === undefined) throw new Error('usage: node bench/ab-sim.js <distA> <distB> [reps] [steps]');
const REPS = Number(repsArg ?? 5);
const STEPS = Number(stepsArg ?? 50_000);
const cpuSince = (c) => {
  const u = process.cpuUsage(c);
  return (u.user + u.system) / 1000;
};

/** Record the full-simulation workload to a file, then replay it in process: events per CPU-second of each. */
function recordReplay(lib) {
  const sim = simulationOf(lib, { steps: STEPS });
  const path = join(tmpdir(), `lockstep-ab-${process.pid}.lstrace`);
  let c = process.cpuUsage();
  const r = lib.simulate({ ...sim, seed: 1n, profile: 'none', sink: new lib.TraceFileWriter(path, { fsync: false }), keepTrace: false });
  const recordCpu = cpuSince(c);
  c = process.cpuUsage();
  const v = lib.replay(lib.readTraceRecords(path), () => sim.model);
  const replayCpu = cpuSince(c);
  rmSync(path, { force: true });
  if (!v.ok) throw new Error(`${lib.name}: replay diverged`);
  return { record: r.steps / (recordCpu / 1000), replay: v.steps / (replayCpu / 1000) };
}

const figures = ['sim recording on (msgs/CPU-s)', 'sim recording off (msgs/CPU-s)', 'fuzz realistic (seeds/CPU-s)', 'record (events/CPU-s)', 'replay (events/CPU-s)'];
const sides = [];
for (const dist of [a, b]) sides.push({ name: dist, lib: await import(pathToFileURL(join(dist, 'index.js')).href), v: figures.map(() => []) });
for (const s of sides) fullSimulation(s.lib, { steps: 5000, record: true });
for (let r = 0; r < REPS; r++) {
  for (const s of r % 2 === 0 ? sides : [...sides].reverse()) {
    const on = fullSimulation(s.lib, { steps: STEPS, record: true });
    const off = fullSimulation(s.lib, { steps: STEPS, record: false });
    const c = process.cpuUsage();
    const fz = fuzzSeeds(s.lib, { profile: "realistic", seeds: 100 });
    const fzCpu = cpuSince(c);
    const rr = recordReplay(s.lib);
    const row = [on.messages / (on.cpuMs / 1000), off.messages / (off.cpuMs / 1000), fz.seeds / (fzCpu / 1000), rr.record, rr.replay];
    row.forEach((x, i) => s.v[i].push(x));
  }
}
console.log(`${'figure (median of ' + REPS + ')'.padEnd(20)}`.padEnd(34) + 'A'.padStart(12) + 'B'.padStart(12) + '   B/A');
figures.forEach((f, i) => {
  const x = stats(sides[0].v[i]).median;
  const y = stats(sides[1].v[i]).median;
  console.log(f.padEnd(34) + fmt(x).padStart(12) + fmt(y).padStart(12) + `   ${(y / x).toFixed(2)}x`);
});
console.log(`A = ${a}\nB = ${b}`);
