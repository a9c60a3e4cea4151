// A/B of replay alone between two builds: both replay the same trace file, alternating in one
// process so machine noise hits both alike; prints medians of CPU microseconds per step.
// Usage: node bench/replay-ab.js <distA> <distB> <trace.lstrace> [reps=15]
// e.g. node bench/trace-child.js record /tmp/r100k.lstrace 100000
//      node bench/replay-ab.js .ab/before dist /tmp/r100k.lstrace 21
// (.ab/ is ignored by git; a copy outside the repository cannot find node_modules.)
// Replay differences of a few percent are at the noise level of a shared machine: swap A and B
// and use many reps before believing one.
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const [a, b, path, repsArg] = process.argv.slice(2);
if (a === undefined || b === undefined || path === undefined) throw new Error('usage: node bench/replay-ab.js <distA> <distB> <trace> [reps]');
const libs = await Promise.all([a, b].map((d) => import(pathToFileURL(resolve(d, 'index.js')).href)));
const reps = Number(repsArg ?? 15);

function once(lib) {
  const cpu = process.cpuUsage();
  const v = lib.replay(lib.readTraceRecords(path), () => lib.asupersyncModel);
  const used = process.cpuUsage(cpu);
  if (!v.ok) throw new Error(`replay-ab: ${path} diverged: ${v.divergence.message}`);
  return (used.user + used.system) / v.steps;
}

for (const lib of libs) once(lib); // warm both
const us = [[], []];
for (let i = 0; i < reps; i++) for (const k of i % 2 ? [1, 0] : [0, 1]) us[k].push(once(libs[k]));
const median = (v) => [...v].sort((x, y) => x - y)[v.length >> 1];
const [ma, mb] = us.map(median);
console.log(`replay us/step (median of ${reps}) A ${ma.toFixed(3)} B ${mb.toFixed(3)}: B is ${(ma / mb).toFixed(3)}x as fast as A`);
