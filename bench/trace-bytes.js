// Trace bytes per step of a build, on the bench's two workloads, with what the steps move.
// Usage: node bench/trace-bytes.js [dist=dist] [jobs=20000] [seeds=300]
//   sequential: the asupersync model's `sequential` workload, `jobs` jobs, profile none, one trace
//   random:     asupersync default options, profile realistic, seeds 1..`seeds`, one trace per seed
// Prints bytes/step, envelopes/step and how many envelope hashes repeat an earlier one of the
// same step block (format 4 writes those as a back-reference instead of 8 bytes).
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [distArg = 'dist', jobsArg = '20000', seedsArg = '300'] = process.argv.slice(2);
const lib = await import(pathToFileURL(join(resolve(distArg), 'index.js')).href);
const dir = mkdtempSync(join(tmpdir(), 'lockstep-trace-bytes-'));
const BLOCK = 4096; // MAX_BLOCK_STEPS

/** Wraps a sink and counts steps, envelopes and envelopes repeated within their block. */
function counting(inner) {
  const c = { steps: 0, envelopes: 0, repeats: 0, seen: new Set() };
  return {
    c,
    header: (h) => inner.header(h),
    step: (s) => {
      if (c.steps % BLOCK === 0) c.seen.clear();
      c.steps++;
      for (const e of s.envelopes) {
        c.envelopes++;
        if (c.seen.has(e)) c.repeats++;
        else c.seen.add(e);
      }
      inner.step(s);
    },
    footer: (f) => {
      c.seen.clear();
      inner.footer(f);
    },
  };
}

function record(opts, file) {
  const path = join(dir, file);
  const sink = counting(new lib.TraceFileWriter(path, { fsync: false }));
  const r = lib.simulate({ ...opts, sink, keepTrace: false });
  const bytes = statSync(path).size;
  rmSync(path);
  return { steps: r.steps, bytes, ...sink.c };
}

function show(name, runs) {
  const sum = (k) => runs.reduce((n, r) => n + r[k], 0);
  const steps = sum('steps');
  console.log(
    `${name.padEnd(11)} ${String(runs.length).padStart(4)} trace(s) ${String(steps).padStart(8)} steps ${String(sum('bytes')).padStart(9)} bytes  ` +
      `${(sum('bytes') / steps).toFixed(2)} bytes/step  ${(sum('envelopes') / steps).toFixed(2)} envelopes/step, ${((100 * sum('repeats')) / Math.max(1, sum('envelopes'))).toFixed(0)}% repeats in block`,
  );
}

try {
  const model = lib.asupersyncModel;
  show('sequential', [record({ model, seed: 1n, profile: 'none', maxSteps: 1e9, modelOptions: { workload: 'sequential', jobs: Number(jobsArg) } }, 'seq.lstrace')]);
  const random = [];
  for (let seed = 1; seed <= Number(seedsArg); seed++) random.push(record({ model, seed: BigInt(seed), profile: 'realistic', modelOptions: {} }, 'rnd.lstrace'));
  show('random', random);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
