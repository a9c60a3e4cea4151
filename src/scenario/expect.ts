/**
 * Judging one finished run against a scenario's `expect:` block.
 *
 * Details:
 * - `jobs`/`runs`: each listed id ended in one of the listed states
 *   (`untracked` for a job the coordinator never tracked, e.g. a spawn it
 *   rejected).
 * - `outcomes`: each listed job's outcome matches one of the listed ones
 *   (`Ok` matches `Ok(16)`; `none` means no outcome, e.g. a Failed job).
 * - `errors`: exactly this set of error kinds was returned (`[]`: none).
 * - `events`: each listed race or fault event happened.
 * - `settled`: every piece of work is terminal at the end (or not).
 * - `hold` (default `all`, minus `violate`): none of these invariants was
 *   violated; `violate`: each of these was violated at least once.
 *
 * @example
 * ```ts
 * judge(scenario, vocab, outcome); // ['scenarios/x.yaml:21:10: expect.jobs.1: job 1 ended Failed, expected Completed']
 * ```
 * @module
 */
import { LIVENESS } from '../sim/run-engine.js';
import type { PlanOutcome } from './execute.js';
import { invariantNames } from './schema.js';
import { where, type Scenario } from './types.js';
import { outcomeMatches, type AnyVocabulary } from './vocabulary.js';

/** Failure messages of a run against the scenario's expectations; empty when it passes. */
export function judge(sc: Scenario, vocab: AnyVocabulary, run: PlanOutcome): string[] {
  const e = sc.expect;
  const out: string[] = [];
  const fail = (field: string, message: string): void => {
    const at = e.positions.get(field) ?? e.positions.get(field.split('.')[0] ?? '') ?? e.at;
    out.push(`${where(sc.file, at)}: expect.${field}: ${message}`);
  };
  const unit = vocab.entityField === 'jobs' ? 'job' : 'run';
  for (const [id, allowed] of e.states) {
    const actual = run.entities.get(id)?.state ?? 'untracked';
    if (!allowed.includes(actual)) fail(`${vocab.entityField}.${id}`, `${unit} ${id} ended ${actual}, expected ${allowed.join(' or ')}`);
  }
  for (const [id, allowed] of e.outcomes) {
    const actual = run.entities.get(id)?.outcome ?? null;
    if (!allowed.some((x) => outcomeMatches(x, actual))) fail(`outcomes.${id}`, `${unit} ${id} ended with ${actual ?? 'no outcome'}, expected ${allowed.join(' or ')}`);
  }
  if (e.errors !== null) {
    const want = [...new Set(e.errors)].sort();
    const got = [...run.errors].sort();
    if (want.join(',') !== got.join(',')) fail('errors', `errors returned were [${got.join(', ')}], expected [${want.join(', ')}]`);
  }
  for (const ev of e.events) if (!run.events.has(ev)) fail('events', `event ${ev} never happened (events: ${[...run.events].sort().join(', ') || 'none'})`);
  const settled = run.trace.footer.settled;
  if (e.settled !== null && e.settled !== settled) fail('settled', `the run ended ${settled ? 'settled' : 'not settled'}, expected ${e.settled ? 'settled' : 'not settled'}`);
  const violations = run.trace.footer.violations.filter((v) => v.invariant !== LIVENESS);
  const hold = e.hold === 'all' ? invariantNames(vocab).filter((n) => !e.violate.includes(n)) : e.hold;
  for (const name of hold) {
    const v = violations.find((x) => x.invariant === name);
    if (v !== undefined) fail('hold', `invariant ${name} was violated at step ${v.step}: ${v.message}`);
  }
  for (const name of e.violate) {
    if (!violations.some((x) => x.invariant === name)) fail('violate', `invariant ${name} was expected to be violated but held`);
  }
  return out;
}
