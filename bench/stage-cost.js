// Where a step of the full simulation goes, stage by stage, measured in place: the protocol's
// lockstep workload (asupersync, `workload: 'sequential'`, profile none) run with one stage after
// another taken away, through the public model contract (no patched build):
//   full        recording to a trace file (what the bench's headline figure runs)
//   -record     no sink
//   -invariants the model with no invariants
//   -view       and `observe` returning a constant (so the engine builds no view)
//   -digest     and `digestInto` feeding nothing (the engine still hashes an empty state)
// What is left is the core: candidates, scheduler, apply (the protocol with it), the rolling hash
// and the engine's glue. The rolling hash is also timed alone, over records of a real run, and the
// protocol alone (coordinator and worker in lockstep, no simulator) per simulated step.
// Variants alternate in one process; figures are medians of CPU µs per step (the machine is
// shared and noisy: read them as ±0.1 µs).
// Usage: npm run build && node bench/stage-cost.js [--reps 9] [--steps 100000]
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SEQUENTIAL_STEPS_PER_JOB } from './sim-workload.js';
import { loadLib, workload } from './workload.js';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : Number(args[i + 1]);
};
const REPS = option('--reps', 9);
const STEPS = option('--steps', 100_000);
const dist = new URL('../dist/', import.meta.url).href;
const lib = await import(`${dist}index.js`);
const { hashStepInto } = await import(`${dist}sim/run-engine.js`);
const { Hash64 } = await import(`${dist}sim/digest.js`);
const path = join(tmpdir(), `stage-cost-${process.pid}.lstrace`);
const base = lib.asupersyncModel;

const VARIANTS = [
  { name: 'full', record: true, model: base },
  { name: '-record', record: false, model: base },
  { name: '-invariants', record: false, model: { ...base, invariants: [] } },
  { name: '-view', record: false, model: { ...base, invariants: [], observe: () => null } },
  { name: '-digest', record: false, model: { ...base, invariants: [], observe: () => null, digestInto: () => {} } },
];

/** CPU µs per step and delivered messages per step of one run. */
function run(v) {
  let messages = 0;
  const inner = v.record ? new lib.TraceFileWriter(path, { fsync: false }) : undefined;
  const sink = {
    header: (h) => inner?.header(h),
    step(s) {
      if (s.decision.type === 'deliver') messages++;
      inner?.step(s);
    },
    footer: (f) => inner?.footer(f),
  };
  const jobs = Math.round(STEPS / SEQUENTIAL_STEPS_PER_JOB);
  const cpu = process.cpuUsage();
  const r = lib.simulate({ model: v.model, seed: 1n, profile: 'none', maxSteps: 1e9, modelOptions: { workload: 'sequential', jobs }, sink, keepTrace: false });
  const u = process.cpuUsage(cpu);
  rmSync(path, { force: true });
  return { us: (u.user + u.system) / r.steps, perStep: messages / r.steps };
}

const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
for (const v of VARIANTS) run(v); // warm up
const us = VARIANTS.map(() => []);
let perStep = 0;
for (let i = 0; i < REPS; i++) {
  const order = VARIANTS.map((_, k) => k);
  if (i % 2) order.reverse();
  for (const k of order) {
    const x = run(VARIANTS[k]);
    us[k].push(x.us);
    if (k === 0) perStep = x.perStep;
  }
}

// The rolling hash alone, over the records of a real run.
const records = lib.simulate({ model: base, seed: 1n, profile: 'none', maxSteps: 1e9, modelOptions: { workload: 'sequential', jobs: 2000 } }).trace.steps;
const rolling = [];
for (let i = 0; i < REPS; i++) {
  const h = new Hash64();
  const cpu = process.cpuUsage();
  for (let k = 0; k < 20; k++) for (const s of records) hashStepInto(h, s);
  const u = process.cpuUsage(cpu);
  rolling.push((u.user + u.system) / (20 * records.length));
}

// The protocol alone: µs per message of the bench's protocol workload, times messages per step.
const protocolLib = await loadLib(dist);
workload(protocolLib, 20_000);
const protocol = [];
for (let i = 0; i < REPS; i++) {
  const cpu = process.cpuUsage();
  const w = workload(protocolLib, 50_000);
  const u = process.cpuUsage(cpu);
  protocol.push(((u.user + u.system) / w.messages) * perStep);
}

const m = us.map(med);
const line = (label, value, note = '') => console.log(`${label.padEnd(34)} ${value.toFixed(2).padStart(6)} µs/step  ${note}`);
console.log(`stage costs, sequential workload, ${STEPS} steps, medians of ${REPS} alternating runs (CPU time); ${perStep.toFixed(3)} delivered messages per step`);
line('whole step, recording on', m[0], `(${Math.round(perStep / (m[0] / 1e6))} messages per CPU-second)`);
line('  recording', m[0] - m[1]);
line('  invariants', m[1] - m[2]);
line('  view (observe)', m[2] - m[3]);
line('  state digest', m[3] - m[4]);
line('  core: the rest', m[4], '(candidates, scheduler, apply, rolling hash, engine)');
line('    of it, the rolling hash alone', med(rolling), '(hashStepInto over recorded steps)');
line('    of it, the protocol alone', med(protocol), '(bench protocol workload, per simulated step)');
line('budget for 300,000 messages/s', perStep / 0.3);
