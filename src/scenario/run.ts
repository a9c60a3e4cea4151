/**
 * `runScenario`: execute a parsed scenario and judge it against its
 * expectations. Pure: no files; the caller saves the trace it returns.
 *
 * Details:
 * - Without exhaustive blocks the scenario runs once.
 * - With them, the scenario runs once per interleaving (every combination
 *   of every block's merges, see `interleavings.ts`), from the start each
 *   time: prefix, that ordering, the rest. Infeasible interleavings are
 *   counted, not failed; a scenario none of whose interleavings is feasible
 *   fails.
 * - The returned trace is the first failing run's, or else the first
 *   feasible run's (for `--trace-out`), so a failing scenario's trace shows
 *   the failure.
 *
 * Gotcha: up to 20 failing and 20 infeasible interleavings are kept with
 * their orderings and reasons; the counts are always exact.
 *
 * @example
 * ```ts
 * const r = runScenario(parseScenario(text, 'scenarios/cancel-vs-completion.yaml'));
 * r.passed; // true
 * r.interleavings; // { total: 6, explored: 6, infeasible: 0, failed: 0 }
 * ```
 * @module
 */
import type { Trace } from '../trace/types.js';
import { executePlan, type PlanItem } from './execute.js';
import { judge } from './expect.js';
import { product } from './interleavings.js';
import { vocabularyFor } from './registry.js';
import { stepText, where, type Scenario, type StepSpec } from './types.js';

/** One interleaving that failed or was infeasible. */
export interface InterleavingReport {
  /** Number in the enumeration, from 0. */
  readonly index: number;
  /** The block's events in the order this interleaving ran them. */
  readonly order: readonly string[];
  readonly messages: readonly string[];
}

/** Counts of an exhaustive scenario's interleavings. */
export interface InterleavingCounts {
  readonly total: number;
  /** Feasible interleavings run to the end and judged. */
  readonly explored: number;
  readonly infeasible: number;
  readonly failed: number;
}

/** The verdict on one scenario. */
export interface ScenarioResult {
  readonly file: string;
  readonly name: string;
  readonly model: string;
  readonly passed: boolean;
  /** Whether the scenario has exhaustive blocks. */
  readonly exhaustive: boolean;
  readonly interleavings: InterleavingCounts;
  /** Why it failed (for an exhaustive scenario: summary lines; details in `failed`). */
  readonly messages: readonly string[];
  readonly failed: readonly InterleavingReport[];
  readonly infeasible: readonly InterleavingReport[];
  /** The first failing run's trace, else the first feasible run's. */
  readonly trace: Trace | null;
  /** Steps of that trace. */
  readonly steps: number;
}

const KEEP = 20;

function plan(sc: Scenario, orderings: readonly (readonly StepSpec[])[]): PlanItem[] {
  const out: PlanItem[] = [];
  let block = 0;
  for (const s of sc.steps) {
    if (s.kind === 'model') out.push({ kind: 'model', step: s.step, inBlock: false });
    else if (s.kind === 'explore') for (const step of orderings[block++] ?? []) out.push({ kind: 'model', step, inBlock: true });
    else out.push(s);
  }
  return out;
}

/** Run `sc` (every interleaving of its exhaustive blocks) and judge it. */
export function runScenario(sc: Scenario): ScenarioResult {
  const vocab = vocabularyFor(sc.model);
  const blocks = sc.steps.flatMap((s) => (s.kind === 'explore' ? [s.lanes] : []));
  const exhaustive = blocks.length > 0;
  const failed: InterleavingReport[] = [];
  const infeasible: InterleavingReport[] = [];
  let total = 0;
  let explored = 0;
  let nFailed = 0;
  let nInfeasible = 0;
  let trace: Trace | null = null;
  let traceFailed = false;
  for (const orderings of product(blocks)) {
    const index = total++;
    const out = executePlan(sc, vocab, plan(sc, orderings), exhaustive ? index : null);
    const order = orderings.flat().map(stepText);
    if (out.infeasible !== null) {
      nInfeasible++;
      if (infeasible.length < KEEP) infeasible.push({ index, order, messages: [out.infeasible] });
      continue;
    }
    explored++;
    const messages = out.failures.length > 0 ? out.failures : judge(sc, vocab, out);
    if (messages.length > 0) {
      nFailed++;
      if (failed.length < KEEP) failed.push({ index, order, messages });
      if (!traceFailed) {
        trace = out.trace;
        traceFailed = true;
      }
    } else {
      trace ??= out.trace;
    }
  }
  const messages: string[] = [];
  if (exhaustive) {
    if (explored === 0) messages.push(`${where(sc.file, sc.steps.find((s) => s.kind === 'explore')?.at ?? sc.expect.at)}: no interleaving is feasible (${nInfeasible} infeasible); the first: ${infeasible[0]?.messages[0] ?? '?'}`);
    for (const f of failed) messages.push(`interleaving ${f.index} [${f.order.join(' → ')}]:\n${f.messages.map((m) => `    ${m}`).join('\n')}`);
    if (nFailed > failed.length) messages.push(`... and ${nFailed - failed.length} more failing interleavings`);
  } else {
    messages.push(...(failed[0]?.messages ?? []));
  }
  return {
    file: sc.file,
    name: sc.name,
    model: sc.model,
    passed: messages.length === 0,
    exhaustive,
    interleavings: { total, explored, infeasible: nInfeasible, failed: nFailed },
    messages,
    failed,
    infeasible,
    trace,
    steps: trace?.footer.steps ?? 0,
  };
}
