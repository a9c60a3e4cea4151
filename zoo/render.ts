/**
 * The zoo's results as data (`zoo/results.json`) and as the markdown report
 * `docs/zoo.md`. Pure: the numbers in, the text out.
 * @module
 */
import type { CleanProfileResult } from './clean.js';
import type { FcHuntResult } from './fastcheck/property.js';
import { medianOf } from './hunt.js';
import { summarise, type StrategyCell, type VariantMeasurement, type ZooSummary } from './measure.js';

/** The fast-check column of one variant. */
export interface FcCell {
  readonly caught: number;
  readonly hunts: readonly (FcHuntResult & { readonly ms: number })[];
  readonly medianRuns: number | null;
  readonly medianMs: number | null;
}

/** One row: lockstep's measurement plus the head-to-head. */
export interface ZooRow extends VariantMeasurement {
  readonly fastCheck: FcCell | null;
}

/** Everything `npm run zoo` produced. */
export interface ZooResults {
  readonly generated: string;
  readonly settings: { readonly budgetMs: number; readonly starts: readonly string[]; readonly fcSeeds: readonly number[]; readonly cleanSeeds: number; readonly probeSeeds: number };
  readonly summary: FullSummary;
  readonly rows: readonly ZooRow[];
  readonly clean: readonly CleanProfileResult[];
  /** The last `npm run zoo:clean` (zoo/clean.json), if any. */
  readonly cleanFull: { readonly generated: string; readonly seeds: number; readonly results: readonly CleanProfileResult[] } | null;
}

const secs = (ms: number | null): string => (ms === null ? '—' : ms < 10 ? `${ms.toFixed(1)} ms` : ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`);
const num = (n: number | null): string => (n === null ? '—' : Number.isInteger(n) ? String(n) : n.toFixed(1));
const ratio = (r: number | null): string => (r === null ? '—' : r >= 10 ? `${Math.round(r)}×` : r >= 0.1 ? `${r.toFixed(1)}×` : `${r.toPrecision(1)}×`);

/** The lockstep summary plus the fast-check column's. */
export type FullSummary = ZooSummary & {
  readonly fastCheck: {
    readonly caught: number;
    /** Variants caught in most hunts (a finite median). */
    readonly reliable: number;
    readonly medianRuns: number | null;
    readonly medianMs: number | null;
    /** Median over variants of fast-check median time / lockstep's best strategy's median time. */
    readonly medianTimeRatio: number | null;
    /** The same against lockstep's uniform random strategy. */
    readonly medianTimeRatioRandom: number | null;
  } | null;
};

/** Summarise rows, lockstep and fast-check. */
export function fullSummary(rows: readonly ZooRow[]): FullSummary {
  const fcRows = rows.filter((r) => r.invariant !== null && r.fastCheck !== null);
  const finite = (xs: readonly (number | null | undefined)[]): number[] => xs.flatMap((x) => (x == null ? [] : [x]));
  return {
    ...summarise(rows),
    fastCheck:
      fcRows.length === 0
        ? null
        : {
            caught: fcRows.filter((r) => (r.fastCheck?.caught ?? 0) > 0).length,
            reliable: fcRows.filter((r) => r.fastCheck?.medianMs != null).length,
            medianRuns: medianOf(finite(fcRows.map((r) => r.fastCheck?.medianRuns)), 0),
            medianMs: medianOf(finite(fcRows.map((r) => r.fastCheck?.medianMs)), 0),
            medianTimeRatio: medianOf(finite(fcRows.map((r) => timeRatio(r))), 0),
            medianTimeRatioRandom: medianOf(finite(fcRows.map((r) => timeRatio(r, 'random'))), 0),
          },
  };
}

/** The fastest strategy cell of a row (by median time), if any caught most of the time. */
export function bestCell(row: VariantMeasurement): StrategyCell | null {
  let best: StrategyCell | null = null;
  for (const c of row.strategies) if (c.medianMs !== null && (best === null || (best.medianMs ?? Infinity) > c.medianMs)) best = c;
  return best;
}

/** Median fast-check time over lockstep's median time (its best strategy, or the one named), or null when either is missing. */
export function timeRatio(row: ZooRow, strategy?: string): number | null {
  const best = strategy === undefined ? bestCell(row) : (row.strategies.find((c) => c.strategy === strategy) ?? null);
  const fc = row.fastCheck?.medianMs ?? null;
  return best?.medianMs == null || fc === null || best.medianMs <= 0 ? null : fc / best.medianMs;
}

function cell(c: StrategyCell | undefined, starts: number): string {
  if (c === undefined) return '—';
  const shrink = c.originalSteps === null ? '' : ` · ${c.originalSteps}→${c.shrunkSteps ?? '?'} steps`;
  return `${c.caught}/${starts} · ${num(c.medianSeeds)} seeds · ${secs(c.medianMs)}${shrink}`;
}

function cleanTable(results: readonly CleanProfileResult[]): string[] {
  const out = ['| Profile | Seeds | Seeds violating | First violation by invariant (smallest seed) | By known finding |', '| --- | ---: | ---: | --- | --- |'];
  for (const r of results) {
    const by = Object.entries(r.violated).map(([k, n]) => `${k}: ${n} (seed ${r.example[k] ?? '?'})`).join('; ');
    const f = r.findings === undefined ? 'not classified' : Object.entries(r.findings).map(([k, n]) => `${k}: ${n}`).join('; ') || '—';
    out.push(`| ${r.profile} | ${r.seeds} | ${r.failing} | ${by === '' ? 'none' : by} | ${f} |`);
  }
  return out;
}

/** The markdown report. */
export function renderMarkdown(r: ZooResults): string {
  const s = r.summary;
  const starts = r.settings.starts.length;
  const budget = secs(r.settings.budgetMs);
  const L: string[] = [];
  L.push('# Planted-bug zoo: results', '');
  L.push(`Generated by \`npm run zoo\` at ${r.generated}. Do not edit by hand; see docs/zoo-guide.md for how to read it.`, '');
  L.push('## Summary', '');
  L.push(`- Variants: ${s.variants}; ${s.declared} declare the invariant they should violate, ${s.variants - s.declared} are unreachable or masked in the model${s.variants === s.declared ? '' : ' (listed below with the evidence)'}.`);
  L.push(`- Catch rate: **${s.caught}/${s.declared}** declared variants caught by at least one strategy within the ${budget} budget.`);
  for (const p of s.perStrategy) {
    L.push(`- ${p.strategy}: caught ${p.caught}/${s.declared} (in most hunts: ${p.reliable}); median over variants of the median seeds to catch: **${num(p.medianSeeds)}** (median time ${secs(p.medianMs)}).`);
  }
  if (s.fastCheck !== null) {
    L.push(`- fast-check \`fc.scheduler()\`: caught ${s.fastCheck.caught}/${s.declared} (in most hunts: ${s.fastCheck.reliable}); median over variants of the median runs to catch ${num(s.fastCheck.medianRuns)} (median time ${secs(s.fastCheck.medianMs)}).`);
    L.push(`- Time to catch, fast-check / lockstep, median over variants caught by both in most hunts: **${ratio(s.fastCheck.medianTimeRatio)}** against lockstep's best strategy per variant, **${ratio(s.fastCheck.medianTimeRatioRandom)}** against uniform random alone (above 1: lockstep is faster).`);
  }
  L.push('', `Settings: ${budget} budget per hunt; ${starts} hunts per cell from start seeds ${r.settings.starts.join(', ')}; fast-check seeds ${r.settings.fcSeeds.join(', ') || '—'}.`, '');
  L.push('## lockstep, per strategy', '');
  L.push('Each cell: hunts that caught / hunts · median seeds to catch · median wall time · steps of the first catching run → of its shrunk trace. random = uniform random scheduling + adversarial faults; pct = PCT (depth 3) + adversarial; swarm = uniform random + swarm fault profile. A missed hunt counts as infinitely slow in the medians (— when most hunts missed).', '');
  L.push('| Variant | Side | Should violate | random | pct | swarm |', '| --- | --- | --- | --- | --- | --- |');
  for (const row of r.rows) {
    if (row.invariant === null) continue;
    const c = (k: string): string => cell(row.strategies.find((x) => x.strategy === k), starts);
    L.push(`| \`${row.name}\` | ${row.side} | \`${row.invariant}\` | ${c('random')} | ${c('pct')} | ${c('swarm')} |`);
  }
  L.push('', '## Head-to-head: lockstep vs fast-check `fc.scheduler()`', '');
  L.push('lockstep: its fastest strategy for the variant (median seeds, median time). fast-check: hunts that caught / hunts, median property runs and time to the first counterexample (no shrinking). Ratios: fast-check median time / lockstep median time, for the fastest lockstep strategy and for uniform random (above 1: lockstep is faster).', '');
  L.push('| Variant | lockstep best | seeds | time | fast-check caught | runs | time | ratio (best) | ratio (random) |', '| --- | --- | ---: | ---: | --- | ---: | ---: | ---: | ---: |');
  for (const row of r.rows) {
    if (row.invariant === null) continue;
    const b = bestCell(row);
    const f = row.fastCheck;
    L.push(`| \`${row.name}\` | ${b?.strategy ?? 'missed'} | ${num(b?.medianSeeds ?? null)} | ${secs(b?.medianMs ?? null)} | ${f === null ? '—' : `${f.caught}/${f.hunts.length}`} | ${num(f?.medianRuns ?? null)} | ${secs(f?.medianMs ?? null)} | ${ratio(timeRatio(row))} | ${ratio(timeRatio(row, 'random'))} |`);
  }
  const hidden = r.rows.filter((row) => row.invariant === null);
  L.push('', '## Unreachable and masked variants', '');
  if (hidden.length === 0) {
    L.push('None: every variant declares an invariant and is hunted above.');
  } else {
    L.push('These declare no invariant: the model cannot reach the bug, or the protocol makes it unobservable. Probe: the variant and its baseline on the same seeds (uniform random scheduling): runs step-for-step identical, and runs whose set of violated invariants differs (in adversarial runs a difference can come from the real protocol\'s findings on a path the bug changed).', '');
    L.push('| Variant | Side | Why | Probe (identical / differing of N seeds per profile) |', '| --- | --- | --- | --- |');
    for (const row of hidden) {
      const p = row.probe === null ? '—' : row.probe.profiles.map((x) => `${x.profile}: ${x.identical} / ${x.differing}`).join('; ') + ` (N = ${row.probe.seeds})`;
      L.push(`| \`${row.name}\` | ${row.side} | ${row.reach} | ${p} |`);
    }
  }
  L.push('', '## The clean model', '');
  L.push(`The real coordinator and worker, uniform random scheduling, ${r.settings.cleanSeeds} seeds per profile from seed 1 (each run stops at its first violation). Violations here are the real protocol's known findings (stale bootstrap hijack → \`stale-worker-inert\`; unchecked FinalizeCompleted → \`cancel-completes-via-protocol\`, \`settled-views-agree\`), not zoo bugs; see the model's documentation and test/models/asupersync/findings.test.ts. "By known finding" classifies each first violation (zoo/findings.ts): A = stale bootstrap hijack, B = unchecked FinalizeCompleted after a faulty worker skipped drain, B-contrast = a faulty worker's late JobCompleted reordered ahead of its acknowledgement, unexplained = none of these (a new finding).`, '');
  L.push(...cleanTable(r.clean));
  if (r.cleanFull !== null) {
    L.push('', `### Full campaign (\`npm run zoo:clean\`, ${r.cleanFull.seeds} seeds per profile, ${r.cleanFull.generated})`, '');
    L.push(...cleanTable(r.cleanFull.results));
  }
  L.push('');
  return L.join('\n');
}
