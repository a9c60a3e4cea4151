/**
 * `npm run zoo`: measure every variant, run the head-to-head against
 * fast-check, sample the clean model, save each caught variant's shrunk
 * trace, and write `zoo/results.json` and `docs/zoo.md` (also printed).
 *
 * Flags: `--budget-ms N` (per hunt, default 10000), `--starts N` (hunts per
 * cell, default 5; start seeds 1, 100001, 200001, ...), `--clean-seeds N`
 * (default 2000 per profile), `--probe-seeds N` (default 300), `--no-fc`,
 * `--no-traces`, `--variants a,b` (measure only these and print; nothing is
 * written), `--render-only` (measure nothing: re-render docs/zoo.md from
 * zoo/results.json with the latest zoo/clean.json), `--clean-only` (the same,
 * but first re-run the clean-model sample of `--clean-seeds`).
 * @module
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { saveTrace } from '../src/cli/trace-io.js';
import { PROFILES } from '../src/sim/profile.js';
import { intFlag, parseFlags, ZooUsageError } from './args.js';
import { VARIANTS, variantNamed } from './catalog.js';
import { cleanProfile } from './clean.js';
import { fcHunt } from './fastcheck/property.js';
import { medianOf } from './hunt.js';
import { measureVariant } from './measure.js';
import { fullSummary, renderMarkdown, type FcCell, type ZooResults, type ZooRow } from './render.js';

const now = (): number => performance.now();

function writeAtomic(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

function readCleanFull(path: string): ZooResults['cleanFull'] {
  if (!existsSync(path)) return null;
  return JSON.parse(readFileSync(path, 'utf8')) as ZooResults['cleanFull'];
}

async function main(): Promise<void> {
  const { strings, switches } = parseFlags(process.argv.slice(2), ['budget-ms', 'starts', 'clean-seeds', 'probe-seeds', 'variants'], ['no-fc', 'no-traces', 'render-only', 'clean-only']);
  const cleanSeeds = intFlag(strings, 'clean-seeds', 2000);
  const sample = (): ZooResults['clean'] =>
    PROFILES.map((p) => {
      const r = cleanProfile(p, 1n, cleanSeeds);
      process.stderr.write(`clean ${p}: ${r.failing}/${r.seeds} seeds violating ${JSON.stringify(r.violated)} ${JSON.stringify(r.findings ?? {})}\n`);
      return r;
    });
  if (switches.has('render-only') || switches.has('clean-only')) {
    if (!existsSync('zoo/results.json')) throw new ZooUsageError('--render-only and --clean-only need zoo/results.json; run npm run zoo first');
    const saved = JSON.parse(readFileSync('zoo/results.json', 'utf8')) as ZooResults;
    // Descriptions come from the catalog, so editing a variant's prose needs no new measurement.
    const rows = saved.rows.map((r) => {
      const v = VARIANTS.find((x) => x.name === r.name);
      return v === undefined ? r : { ...r, description: v.description, reach: v.reach };
    });
    const clean = switches.has('clean-only') ? sample() : saved.clean;
    const settings = { ...saved.settings, cleanSeeds: switches.has('clean-only') ? cleanSeeds : saved.settings.cleanSeeds };
    const results: ZooResults = { ...saved, settings, rows, clean, summary: fullSummary(rows), cleanFull: readCleanFull('zoo/clean.json') };
    writeAtomic('zoo/results.json', `${JSON.stringify(results, null, 2)}\n`);
    writeAtomic('docs/zoo.md', renderMarkdown(results));
    process.stdout.write(renderMarkdown(results));
    return;
  }
  const budgetMs = intFlag(strings, 'budget-ms', 10_000);
  const startCount = intFlag(strings, 'starts', 5);
  const probeSeeds = intFlag(strings, 'probe-seeds', 300);
  const filter = strings.get('variants');
  const variants = filter === undefined ? VARIANTS : filter.split(',').map((n) => variantNamed(n.trim()));
  const starts = Array.from({ length: startCount }, (_, i) => BigInt(1 + 100_000 * i));
  const fcSeeds = switches.has('no-fc') ? [] : Array.from({ length: startCount }, (_, i) => 1 + i);
  const log = (line: string): void => void process.stderr.write(`${line}\n`);

  const rows: ZooRow[] = [];
  for (const v of variants) {
    const t0 = now();
    const { measurement, best } = measureVariant(v, { budgetMs, starts }, now, probeSeeds);
    if (best !== null && !switches.has('no-traces') && filter === undefined) saveTrace(`zoo/traces/${v.name}.lstrace`, best.trace);
    let fastCheck: FcCell | null = null;
    if (v.invariant !== null && fcSeeds.length > 0) {
      const hunts = [];
      for (const seed of fcSeeds) {
        const h0 = now();
        const h = await fcHunt(v, seed, budgetMs);
        hunts.push({ ...h, ms: now() - h0 });
      }
      const caught = hunts.filter((h) => h.caught);
      const missed = hunts.length - caught.length;
      fastCheck = { caught: caught.length, hunts, medianRuns: medianOf(caught.map((h) => h.runs), missed), medianMs: medianOf(caught.map((h) => h.ms), missed) };
    }
    const row: ZooRow = { ...measurement, fastCheck };
    rows.push(row);
    const cells = row.strategies.map((c) => `${c.strategy} ${c.caught}/${startCount} med ${c.medianSeeds ?? '-'} seeds`).join(', ');
    log(`${v.name}: ${v.invariant ?? 'no invariant'}; ${cells}${fastCheck === null ? '' : `; fast-check ${fastCheck.caught}/${fcSeeds.length} med ${fastCheck.medianRuns ?? '-'} runs`} (${((now() - t0) / 1000).toFixed(1)} s)`);
  }

  const clean = sample();
  const results: ZooResults = {
    generated: new Date().toISOString(),
    settings: { budgetMs, starts: starts.map(String), fcSeeds, cleanSeeds, probeSeeds },
    summary: fullSummary(rows),
    rows,
    clean,
    cleanFull: readCleanFull('zoo/clean.json'),
  };
  const markdown = renderMarkdown(results);
  if (filter === undefined) {
    writeAtomic('zoo/results.json', `${JSON.stringify(results, null, 2)}\n`);
    writeAtomic('docs/zoo.md', markdown);
    log('wrote zoo/results.json, docs/zoo.md and zoo/traces/');
  }
  process.stdout.write(markdown);
}

main().catch((e: unknown) => {
  if (e instanceof ZooUsageError) {
    process.stderr.write(`zoo: ${e.message}\n`);
    process.exit(2);
  }
  throw e;
});
