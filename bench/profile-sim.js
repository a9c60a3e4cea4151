// The full-simulation workload alone (sequential workload, recording to a trace file), for profiling:
//   node --cpu-prof --cpu-prof-dir=/tmp/prof bench/profile-sim.js [steps=300000]
//   node bench/profile-summary.js /tmp/prof/<file>.cpuprofile 40
// Prints { steps, messagesPerCpuSecond, microsPerStep } for the measured run (after a warm-up run).
import { fullSimulation } from './sim-workload.js';

const lib = await import(new URL('../dist/index.js', import.meta.url).href);
const steps = Number(process.argv[2] ?? 300_000);
fullSimulation(lib, { steps: Math.min(steps, 50_000), record: true });
const r = fullSimulation(lib, { steps, record: true });
console.log({ steps: r.steps, messagesPerCpuSecond: Math.round(r.messages / (r.cpuMs / 1000)), microsPerStep: +((r.cpuMs * 1000) / r.steps).toFixed(2) });
