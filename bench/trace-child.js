// One record or replay of the bench's long trace, in its own process so that its peak RSS
// is its own. Prints one JSON line. Wall-clock timing is fine: the bench is not simulation code.
//
//   node bench/trace-child.js record <path> <steps>   -> { events, messages, ms, cpuMs, bytes, maxRssKB }
//   node bench/trace-child.js replay <path>           -> { events, ms, cpuMs, ok, maxRssKB }
import { statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { countingSink } from './counting-sink.js';
import { simulationOf } from './sim-workload.js';

const dist = new URL('../dist/', import.meta.url).href;
const lib = await import(new URL('index.js', dist).href);
const { simulate, replay, asupersyncModel, TraceFileWriter, readTraceRecords } = lib;
const resolve = (name) => {
  if (name !== asupersyncModel.name) throw new Error(`trace-child: unknown model ${name}`);
  return asupersyncModel;
};

function cpuSince(start) {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

const [mode, path, stepsArg] = process.argv.slice(2);
if (mode === 'record') {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const sink = countingSink(new TraceFileWriter(path, { fsync: false }));
  const r = simulate({ ...simulationOf(lib, { steps: Number(stepsArg) }), seed: 1n, profile: 'none', sink, keepTrace: false });
  const ms = performance.now() - t;
  const cpuMs = cpuSince(cpu);
  if (r.violations.length > 0) throw new Error(`trace-child: unexpected violation ${r.violations[0].invariant}`);
  console.log(JSON.stringify({ events: r.steps, messages: sink.messages, ms, cpuMs, bytes: statSync(path).size, maxRssKB: process.resourceUsage().maxRSS }));
} else if (mode === 'replay') {
  const cpu = process.cpuUsage();
  const t = performance.now();
  const v = replay(readTraceRecords(path), resolve);
  const ms = performance.now() - t;
  const cpuMs = cpuSince(cpu);
  console.log(JSON.stringify({ events: v.steps, ms, cpuMs, ok: v.ok, maxRssKB: process.resourceUsage().maxRSS }));
} else {
  throw new Error('usage: node bench/trace-child.js record <path> <steps> | replay <path>');
}
