// How small shrinking makes real failures: simulate a range of seeds (as `lockstep fuzz` does, in
// process), shrink every failing one, check that the shrunk trace replays and still violates the
// same invariant, and print original vs shrunk step counts and time per shrink. Uses the built
// dist/ (`npm run build` first). Wall-clock timing is fine here: bench is not simulation code.
//
//   node bench/shrink-stats.js --profile realistic --seeds 2000
//   node bench/shrink-stats.js --profile adversarial --seeds 2000 --strategy pct --max-attempts 500
//   node bench/shrink-stats.js --model run-lifecycle --model-options '{"bugNoFencing":true}' --profile realistic
import { parseArgs } from 'node:util';

const { values: flags } = parseArgs({
  options: {
    model: { type: 'string', default: 'asupersync' },
    profile: { type: 'string', default: 'realistic' },
    strategy: { type: 'string', default: 'random' },
    seeds: { type: 'string', default: '2000' },
    'seed-start': { type: 'string', default: '1' },
    'max-attempts': { type: 'string', default: '2000' },
    'model-options': { type: 'string', default: '{}' },
  },
});

const dist = new URL('../dist/', import.meta.url).href;
const { simulate } = await import(`${dist}sim/simulate.js`);
const { replay } = await import(`${dist}trace/replay.js`);
const { resolveModel } = await import(`${dist}models/registry.js`);
const { shrinkTrace, ShrinkError } = await import(`${dist}shrink/index.js`);

const model = resolveModel(flags.model);
const seeds = Number(flags.seeds);
const first = BigInt(flags['seed-start']);
const maxAttempts = Number(flags['max-attempts']);
const modelOptions = JSON.parse(flags['model-options']);

const rows = [];
const refused = new Map();
let failing = 0;
let simMs = 0;
for (let i = 0; i < seeds; i++) {
  const seed = first + BigInt(i);
  const t0 = performance.now();
  const run = simulate({ model, seed, profile: flags.profile, strategy: flags.strategy, modelOptions });
  simMs += performance.now() - t0;
  const v = run.violations[0];
  if (v === undefined || run.trace === null) continue;
  failing++;
  const t1 = performance.now();
  let r;
  try {
    r = shrinkTrace(run.trace, resolveModel, { maxAttempts });
  } catch (e) {
    if (!(e instanceof ShrinkError)) throw e;
    const key = e.message.replace(/ at step \d+/, '');
    refused.set(key, (refused.get(key) ?? 0) + 1);
    continue;
  }
  const ms = performance.now() - t1;
  const verdict = replay(r.trace, resolveModel);
  const same = r.trace.footer.violations[0]?.invariant === v.invariant;
  if (!verdict.ok || !same) throw new Error(`seed ${seed}: shrunk trace replay ok=${verdict.ok}, same invariant=${same}`);
  rows.push({ seed, invariant: v.invariant, before: r.originalSteps, after: r.steps, attempts: r.attempts, exhausted: r.exhausted, ms });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const max = (xs) => (xs.length === 0 ? NaN : Math.max(...xs));
const line = (label, xs, unit = '') => `  ${label.padEnd(22)} median ${String(median(xs).toFixed(unit === 'ms' ? 1 : 0)).padStart(7)}${unit}   max ${String(max(xs).toFixed(unit === 'ms' ? 1 : 0)).padStart(7)}${unit}`;

console.log(`shrink-stats: model ${model.name} ${JSON.stringify(modelOptions)}, profile ${flags.profile}, strategy ${flags.strategy}, seeds ${first}..${first + BigInt(seeds) - 1n}, max attempts ${maxAttempts} (node ${process.version})`);
console.log(`  ${seeds} seeds simulated in ${(simMs / 1000).toFixed(1)} s; ${failing} failing; ${rows.length} shrunk; every shrunk trace replays and violates the same invariant`);
for (const [why, n] of refused) console.log(`  refused ×${n}: ${why}`);
if (rows.length > 0) {
  console.log(line('original steps', rows.map((r) => r.before)));
  console.log(line('shrunk steps', rows.map((r) => r.after)));
  console.log(line('candidate runs', rows.map((r) => r.attempts)));
  console.log(line('time per shrink', rows.map((r) => r.ms), 'ms'));
  console.log(`  budget exhausted: ${rows.filter((r) => r.exhausted).length} of ${rows.length}`);
  const by = new Map();
  for (const r of rows) by.set(r.invariant, [...(by.get(r.invariant) ?? []), r]);
  for (const [inv, rs] of [...by].sort(([a], [b]) => (a < b ? -1 : 1))) {
    console.log(`  ${inv}: ${rs.length} traces, shrunk steps median ${median(rs.map((r) => r.after))} max ${max(rs.map((r) => r.after))} (from median ${median(rs.map((r) => r.before))})`);
  }
}
