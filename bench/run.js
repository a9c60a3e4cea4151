// Lockstep protocol benchmark: one WorkerCoordinator and one WorkerEndpoint exchanging
// envelopes in lockstep, plus a replay-hash microbenchmark. `npm run bench` builds dist/
// first. Wall-clock timing is fine here: bench is not simulation code.
//
// Env: LOCKSTEP_BENCH_JOBS (default 200000), LOCKSTEP_BENCH_REPS (default 5).
// Profile: node --cpu-prof --cpu-prof-dir=/tmp/prof bench/run.js && node bench/profile-summary.js /tmp/prof/*.cpuprofile
import { availableParallelism } from 'node:os';
import { envelopeMix, fmt, hashBench, loadLib, stats, workload } from './workload.js';

const JOBS = Number(process.env.LOCKSTEP_BENCH_JOBS ?? 200_000);
const REPS = Number(process.env.LOCKSTEP_BENCH_REPS ?? 5);
const HASH_ROUNDS = 200_000;
const RUST_MSGS_PER_SEC = 1_100_000;

const lib = await loadLib(new URL('../dist/', import.meta.url).href);
const row = (label, s) =>
  `${label.padEnd(40)} median ${fmt(s.median).padStart(10)}   min ${fmt(s.min).padStart(10)}   max ${fmt(s.max).padStart(10)}`;

console.log(`lockstep bench: ${fmt(JOBS)} jobs x ${REPS} runs after 1 warm-up (node ${process.version}, ${availableParallelism()} CPUs)`);
console.log('workload: SpawnJob -> StatusSnapshot(Running) -> even ids: JobCompleted(Ok); odd ids: CancelJob ->');
console.log('  CancelAcknowledged -> DrainJob -> DrainCompleted -> FinalizeJob -> FinalizeCompleted; removeJob after');
console.log('  each job. Every envelope is hashed when built and validated (hash recomputed) when received.');

workload(lib, Math.min(JOBS, 20_000));
const rates = [];
let messages = 0;
for (let r = 0; r < REPS; r++) {
  const run = workload(lib, JOBS);
  messages = run.messages;
  rates.push(run.messages / (run.ms / 1000));
}

const mix = envelopeMix(lib);
hashBench(lib, mix, 20_000);
const hashRates = [];
for (let r = 0; r < REPS; r++) hashRates.push(hashBench(lib, mix, HASH_ROUNDS));

const msg = stats(rates);
const ratio = (v) => `${(v / RUST_MSGS_PER_SEC).toFixed(3)}x`;
console.log('');
console.log(`${'total messages per run'.padEnd(40)} ${fmt(messages)}`);
console.log(row('coordinator messages/s', msg));
console.log(row(`replay hashes/s (${mix.length}-op mix, opToJson+hash)`, stats(hashRates)));
console.log(`${'reference: native Rust asupersync'.padEnd(40)} ${fmt(RUST_MSGS_PER_SEC)} messages/s`);
console.log(`${'ratio to the Rust reference'.padEnd(40)} median ${ratio(msg.median)}   min ${ratio(msg.min)}   max ${ratio(msg.max)}`);

// Whole-simulator throughput: seeds of the asupersync model per second, per profile.
const SIM_SEEDS = Number(process.env.LOCKSTEP_BENCH_SIM_SEEDS ?? 300);
const { simulate, asupersyncModel } = await import(new URL('../dist/index.js', import.meta.url).href);
console.log('');
console.log(`simulator: asupersync model, ${SIM_SEEDS} seeds per run (fault phase of up to 200 steps, then heal), ${REPS} runs`);
for (const profile of ['none', 'realistic', 'adversarial', 'swarm']) {
  const perSecond = [];
  const stepsPerSecond = [];
  for (let r = 0; r < REPS; r++) {
    let steps = 0;
    const t = performance.now();
    for (let seed = 1; seed <= SIM_SEEDS; seed++) steps += simulate({ model: asupersyncModel, seed: BigInt(seed), profile }).steps;
    const s = (performance.now() - t) / 1000;
    perSecond.push(SIM_SEEDS / s);
    stepsPerSecond.push(steps / s);
  }
  console.log(row(`  ${profile}: seeds/s`, stats(perSecond)));
  console.log(row(`  ${profile}: steps/s`, stats(stepsPerSecond)));
}
