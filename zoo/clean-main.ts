/**
 * `npm run zoo:clean`: the real model over `--seeds` seeds (default 100,000)
 * in each fault profile, written to `zoo/clean.json`; `npm run zoo` shows it
 * in docs/zoo.md beside its own smaller clean sample.
 *
 * Flags: `--seeds N`, `--first N` (first seed, default 1), `--out PATH`.
 * @module
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PROFILES } from '../src/sim/profile.js';
import { intFlag, parseFlags, runMain } from './args.js';
import { cleanProfile, type CleanProfileResult } from './clean.js';

runMain(() => {
  const { strings } = parseFlags(process.argv.slice(2), ['seeds', 'first', 'out'], []);
  const seeds = intFlag(strings, 'seeds', 100_000);
  const first = BigInt(intFlag(strings, 'first', 1));
  const out = strings.get('out') ?? 'zoo/clean.json';
  const results: CleanProfileResult[] = [];
  for (const profile of PROFILES) {
    const t0 = performance.now();
    const r = cleanProfile(profile, first, seeds);
    const s = ((performance.now() - t0) / 1000).toFixed(1);
    process.stdout.write(`${profile}: ${r.seeds} seeds, ${r.failing} failing ${JSON.stringify(r.violated)} (${s} s)\n`);
    results.push(r);
  }
  mkdirSync(dirname(out), { recursive: true });
  const tmp = `${out}.tmp-${process.pid}`;
  writeFileSync(tmp, `${JSON.stringify({ generated: new Date().toISOString(), seeds, results }, null, 2)}\n`);
  renameSync(tmp, out);
  process.stdout.write(`wrote ${out}\n`);
});
