// The full simulation with and without recording (the bench's sequential workload, 100,000 steps a
// run) for two or more checkouts, one process per build and measurement, alternating, so that no
// build shares a process with another (in one process, whichever loads first tends to win).
// Each process makes two warm-up runs, then times five and reports their medians; this prints the
// median over rounds, messages per CPU-second.
// Usage: node bench/sim-ab.js <rounds> <checkout> [<checkout> ...]
// A checkout is a directory with bench/ and a built dist/ (see bench/record-replay-ab.js).
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const [first, ...rest] = process.argv.slice(2);
if (first === '--child') {
  const dir = rest[0];
  const { fullSimulation } = await import(pathToFileURL(resolve(dir, 'bench/sim-workload.js')).href);
  const lib = await import(pathToFileURL(resolve(dir, 'dist/index.js')).href);
  for (let i = 0; i < 2; i++) fullSimulation(lib, { steps: 100_000, record: true });
  const on = [];
  const off = [];
  for (let i = 0; i < 5; i++) {
    const a = fullSimulation(lib, { steps: 100_000, record: true });
    on.push(a.messages / (a.cpuMs / 1000));
    const b = fullSimulation(lib, { steps: 100_000, record: false });
    off.push(b.messages / (b.cpuMs / 1000));
  }
  console.log(JSON.stringify({ on: median(on), off: median(off) }));
} else {
  const rounds = Number(first);
  if (!(rounds >= 1) || rest.length === 0) throw new Error('usage: node bench/sim-ab.js <rounds> <checkout> [<checkout> ...]');
  const self = fileURLToPath(import.meta.url);
  const got = new Map(rest.map((d) => [d, { on: [], off: [] }]));
  for (let r = 0; r < rounds; r++) {
    for (const dir of r % 2 === 0 ? rest : [...rest].reverse()) {
      const x = JSON.parse(execFileSync(process.execPath, [self, '--child', dir], { encoding: 'utf8' }));
      got.get(dir).on.push(x.on);
      got.get(dir).off.push(x.off);
    }
  }
  console.log(`full simulation, messages per CPU-second, medians over ${rounds} rounds`);
  for (const [dir, v] of got) {
    const f = (n) => Math.round(n).toLocaleString('en-US').padStart(9);
    console.log(`${dir.padEnd(28)} recording on ${f(median(v.on))}  off ${f(median(v.off))}`);
  }
}

function median(v) {
  return [...v].sort((x, y) => x - y)[v.length >> 1];
}
