// A/B: time the same workload against two builds in one process, interleaving runs
// so machine noise hits both alike. Usage:
//   node bench/ab.js <distA> <distB> [jobs=200000] [reps=5]
// e.g. cp -r dist /tmp/dist-before; <change src>; npm run build; node bench/ab.js /tmp/dist-before dist
import { pathToFileURL } from 'node:url';
import { envelopeMix, fmt, hashBench, loadLib, stats, workload } from './workload.js';

const [a, b, jobsArg, repsArg] = process.argv.slice(2);
if (a === undefined || b === undefined) throw new Error('usage: node bench/ab.js <distA> <distB> [jobs] [reps]');
const JOBS = Number(jobsArg ?? 200_000);
const REPS = Number(repsArg ?? 5);
const sides = [
  { name: a, lib: await loadLib(pathToFileURL(`${a}/`).href), msgs: [], hashes: [] },
  { name: b, lib: await loadLib(pathToFileURL(`${b}/`).href), msgs: [], hashes: [] },
];
for (const s of sides) {
  s.mix = envelopeMix(s.lib);
  workload(s.lib, Math.min(JOBS, 20_000));
  hashBench(s.lib, s.mix, 20_000);
}
for (let r = 0; r < REPS; r++) {
  for (const s of r % 2 === 0 ? sides : [...sides].reverse()) {
    const run = workload(s.lib, JOBS);
    s.msgs.push(run.messages / (run.ms / 1000));
    s.hashes.push(hashBench(s.lib, s.mix, 200_000));
  }
}
for (const s of sides) {
  const m = stats(s.msgs);
  const h = stats(s.hashes);
  console.log(`${s.name}`);
  console.log(`  messages/s  median ${fmt(m.median).padStart(10)}  min ${fmt(m.min).padStart(10)}  max ${fmt(m.max).padStart(10)}`);
  console.log(`  hashes/s    median ${fmt(h.median).padStart(10)}  min ${fmt(h.min).padStart(10)}  max ${fmt(h.max).padStart(10)}`);
}
const [x, y] = sides;
console.log(`speed-up B/A: messages ${(stats(y.msgs).median / stats(x.msgs).median).toFixed(2)}x, hashes ${(stats(y.hashes).median / stats(x.hashes).median).toFixed(2)}x`);
