/**
 * `npm run zoo:clean`: the real model over `--seeds` seeds (default 100,000)
 * in each fault profile, one worker thread per profile, written to
 * `zoo/clean.json`; `npm run zoo` shows it in docs/zoo.md beside its own
 * smaller clean sample.
 *
 * Flags: `--seeds N`, `--first N` (first seed, default 1), `--out PATH`.
 * @module
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import { PROFILES, type ProfileName } from '../src/sim/profile.js';
import { intFlag, parseFlags, runMain } from './args.js';
import type { CleanProfileResult } from './clean.js';

function runProfile(profile: ProfileName, first: bigint, seeds: number): Promise<CleanProfileResult> {
  return new Promise((resolve, reject) => {
    const w = new Worker(new URL('./clean-worker.js', import.meta.url), { workerData: { profile, first: first.toString(), seeds } });
    w.once('message', (r: CleanProfileResult) => resolve(r));
    w.once('error', reject);
  });
}

runMain(() => {
  const { strings } = parseFlags(process.argv.slice(2), ['seeds', 'first', 'out'], []);
  const seeds = intFlag(strings, 'seeds', 100_000);
  const first = BigInt(intFlag(strings, 'first', 1));
  const out = strings.get('out') ?? 'zoo/clean.json';
  const t0 = performance.now();
  void Promise.all(
    PROFILES.map(async (profile) => {
      const r = await runProfile(profile, first, seeds);
      const s = ((performance.now() - t0) / 1000).toFixed(1);
      process.stdout.write(`${profile}: ${r.seeds} seeds, ${r.failing} violating ${JSON.stringify(r.violated)} (done after ${s} s)\n`);
      return r;
    }),
  ).then((results) => {
    mkdirSync(dirname(out), { recursive: true });
    const tmp = `${out}.tmp-${process.pid}`;
    writeFileSync(tmp, `${JSON.stringify({ generated: new Date().toISOString(), seeds, results }, null, 2)}\n`);
    renameSync(tmp, out);
    process.stdout.write(`wrote ${out}\n`);
  });
});
