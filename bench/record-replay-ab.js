// Record and replay of the bench's long trace, as `npm run bench` measures them (each in its own
// child process, events per CPU-second), for two or more checkouts alternating, so that the
// replay/record ratio of each can be compared under the same machine noise.
// Usage: node bench/record-replay-ab.js <reps> <checkout> [<checkout> ...]   (env STEPS, default 1000000)
// A checkout is a directory with bench/trace-child.js and a built dist/, e.g. a copy of this
// repository's bench/ with a saved build beside it:
//   mkdir -p .ab/b1 && cp -r bench .ab/b1/bench && cp -r dist .ab/b1/dist   # before the change
//   npm run build && node bench/record-replay-ab.js 5 .ab/b1 .
// (.ab/ is ignored by git and finds this repository's node_modules.)
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const [repsArg, ...dirs] = process.argv.slice(2);
const reps = Number(repsArg);
if (!(reps >= 1) || dirs.length === 0) throw new Error('usage: node bench/record-replay-ab.js <reps> <checkout> [<checkout> ...]');
const steps = process.env.STEPS ?? '1000000';
const path = join(tmpdir(), `lockstep-rr-${process.pid}.lstrace`);
const child = (dir, ...args) => JSON.parse(execFileSync(process.execPath, [join(resolve(dir), 'bench/trace-child.js'), ...args], { encoding: 'utf8' }));
const rates = new Map(dirs.map((d) => [d, { record: [], replay: [] }]));
try {
  for (let i = 0; i < reps; i++) {
    for (const dir of i % 2 === 0 ? dirs : [...dirs].reverse()) {
      const rec = child(dir, 'record', path, steps);
      const rep = child(dir, 'replay', path);
      if (!rep.ok) throw new Error(`${dir}: the trace did not replay cleanly`);
      const r = rates.get(dir);
      r.record.push(rec.events / (rec.cpuMs / 1000));
      r.replay.push(rep.events / (rep.cpuMs / 1000));
    }
  }
} finally {
  rmSync(path, { force: true });
}
const median = (v) => [...v].sort((x, y) => x - y)[v.length >> 1];
console.log(`events per CPU-second, medians of ${reps} (${steps} steps)`);
for (const [dir, r] of rates) {
  const rec = median(r.record);
  const rep = median(r.replay);
  console.log(`${dir.padEnd(28)} record ${Math.round(rec).toLocaleString('en-US').padStart(9)}  replay ${Math.round(rep).toLocaleString('en-US').padStart(9)}  replay/record ${(rep / rec).toFixed(3)}`);
}
