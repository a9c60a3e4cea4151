/**
 * Re-executes recorded steps on a {@link RunEngine} and compares records.
 *
 * Used by `replay`; each method returns the first {@link Divergence} it finds
 * or `undefined` when the replayed record matches the recorded one.
 * @module
 */
import { canonicalJson, type Json } from '../sim/json.js';
import type { Action, AnyModel, Candidate } from '../sim/model.js';
import { LIVENESS, type RunEngine } from '../sim/run-engine.js';
import type { TraceFooter, TraceStep } from './types.js';

/** Which part of a record differed. */
export type DivergenceField =
  | 'decision'
  | 'envelopes'
  | 'error'
  | 'events'
  | 'digest'
  | 'steps'
  | 'settled'
  | 'outcome'
  | 'violations'
  | 'rollingHash'
  | 'model';

/** The first place where a replay did not reproduce the recording. */
export interface Divergence {
  /** Step index, or null for the header and footer. */
  readonly step: number | null;
  /** The recorded decision of that step, if any. */
  readonly decision: Action | null;
  readonly field: DivergenceField;
  /** What the trace recorded. */
  readonly expected: Json;
  /** What the replay produced (or the error it hit). */
  readonly actual: Json;
  readonly message: string;
}

const same = (a: Json, b: Json): boolean => canonicalJson(a) === canonicalJson(b);
const isOwnEnumerable = Object.prototype.propertyIsEnumerable;
/**
 * Equal as canonical JSON, without building the text (decisions are compared
 * every step). Returns false when unsure (non-finite numbers), and callers
 * then fall back to {@link same}, so the result is always `same`'s.
 * Exported for its test (test/trace/same-json.test.ts), not part of the API.
 */
export function sameJson(a: Json, b: Json): boolean {
  if (a === null || typeof a !== 'object') return a === b && (typeof a !== 'number' || Number.isFinite(a));
  if (b === null || typeof b !== 'object' || Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const y = b as readonly Json[];
    if (a.length !== y.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameJson(a[i] as Json, y[i] as Json)) return false;
    return true;
  }
  // Both key lists in hand, compared by position: a decoded decision lists its keys in the order
  // the recorder saw them, which is parseAction's order, so the key sets match without a lookup.
  const x = a as { readonly [key: string]: Json };
  const y = b as { readonly [key: string]: Json };
  const kx = Object.keys(x);
  const ky = Object.keys(y);
  const n = kx.length;
  if (n !== ky.length) return false;
  for (let i = 0; i < n; i++) {
    const k = kx[i] as string;
    // Keys are unique in each list and the counts agree, so every key of x among y's keys means the same set.
    // (Own and enumerable, as Object.keys lists them: an own hidden property is no key of the canonical text.)
    if (k !== ky[i] && !isOwnEnumerable.call(y, k)) return false;
    const v = x[k] as Json;
    const w = y[k] as Json;
    // Equal non-object values (finite if numbers) need no call.
    if (v !== w || typeof v === 'object' || (typeof v === 'number' && !Number.isFinite(v))) {
      if (!sameJson(v, w)) return false;
    }
  }
  return true;
}

// Envelope and event lists are compared every step: element by element, not through canonical text.
function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function divergence(at: number, rec: TraceStep, field: DivergenceField, expected: Json, actual: Json, what: string): Divergence {
  return { step: at, decision: rec.decision, field, expected, actual, message: `step ${at}: ${what}` };
}

/** Steps one engine through recorded decisions. */
export class StepChecker {
  constructor(
    private readonly model: AnyModel,
    private readonly engine: RunEngine<unknown, Json, Action>,
  ) {}

  /** Steps executed so far. */
  get steps(): number {
    return this.engine.steps;
  }

  /** Re-execute one recorded step and compare what it produced. */
  step(rec: TraceStep): Divergence | undefined {
    const at = this.engine.steps;
    if (rec.index !== at) return divergence(at, rec, 'steps', at, rec.index, `record number ${at} says it is step ${rec.index} (a step is missing or out of order)`);
    let action: Action;
    try {
      action = this.model.parseAction(rec.decision);
    } catch (e) {
      return divergence(at, rec, 'decision', rec.decision, errorText(e), `the recorded decision is not a valid ${this.model.name} action: ${errorText(e)}`);
    }
    // A model may hand back the recorded decision itself when it is already canonical.
    if (action !== rec.decision && !sameJson(action, rec.decision) && !same(action, rec.decision)) return divergence(at, rec, 'decision', rec.decision, action, 'the recorded decision is not in the canonical form parseAction returns');
    if (rec.fault !== null && (rec.phase !== 'fault' || !this.model.faults.some((f) => f.name === rec.fault))) {
      return divergence(at, rec, 'decision', rec.fault, null, `fault "${rec.fault}" cannot be injected here (phase ${rec.phase}; catalog: ${this.model.faults.map((f) => f.name).join(', ') || 'empty'})`);
    }
    const candidate: Candidate = rec.fault === null ? { action, actor: rec.actor } : { action, actor: rec.actor, fault: rec.fault };
    const got = this.engine.step(rec.phase, candidate);
    if (!sameStrings(got.envelopes, rec.envelopes)) return divergence(at, rec, 'envelopes', rec.envelopes, got.envelopes, 'the step moved different envelopes');
    if (got.error !== rec.error) return divergence(at, rec, 'error', rec.error, got.error, `recorded error ${String(rec.error)}, replay returned ${String(got.error)}`);
    if (!sameStrings(got.events, rec.events)) return divergence(at, rec, 'events', rec.events, got.events, 'the step produced different events');
    if (got.digest !== rec.digest) return divergence(at, rec, 'digest', rec.digest, got.digest, `state digest ${got.digest} differs from the recorded ${rec.digest}`);
    return undefined;
  }

  /**
   * Compare the footer. Liveness violations come from the simulate driver, not
   * the engine, and their message depends on why the run stopped (deadlock or
   * heal budget), which replay cannot see. So they are re-derived from what
   * replay can check: a recorded liveness violation is accepted (with its
   * message) only if the replayed run really ended unsettled; and a run that
   * ended unsettled with no safety violation must record one.
   */
  footer(rec: TraceFooter): Divergence | undefined {
    const diverge = (field: DivergenceField, expected: Json, actual: Json, message: string): Divergence => ({
      step: null,
      decision: null,
      field,
      expected,
      actual,
      message: `footer: ${message}`,
    });
    const base = this.engine.footer();
    if (rec.steps !== base.steps) return diverge('steps', rec.steps, base.steps, `recorded ${rec.steps} steps, replayed ${base.steps}`);
    if (rec.settled !== base.settled) return diverge('settled', rec.settled, base.settled, `recorded settled=${rec.settled}, replay ended settled=${base.settled}`);
    if (!same(rec.outcome, base.outcome)) return diverge('outcome', rec.outcome, base.outcome, 'the final outcome differs');
    const recordedLiveness = rec.violations.filter((v) => v.invariant === LIVENESS);
    if (!base.settled) {
      for (const v of recordedLiveness) this.engine.livenessFailure(v.message);
      if (recordedLiveness.length === 0 && base.violations.length === 0) {
        this.engine.livenessFailure('replay: the run ended unsettled without a safety violation, so it must have failed liveness');
      }
    }
    const final = this.engine.footer();
    const key = (vs: TraceFooter['violations']): Json => vs.map((v) => ({ invariant: v.invariant, step: v.step }));
    if (!same(key(rec.violations), key(final.violations))) {
      return diverge('violations', key(rec.violations), key(final.violations), 'the violations (invariant and step) differ');
    }
    const verdicts = (f: TraceFooter): Json => f.verdicts.map((v) => ({ invariant: v.invariant, held: v.held }));
    if (!same(verdicts(rec), verdicts(final))) {
      return diverge('violations', verdicts(rec), verdicts(final), 'the per-invariant verdicts differ');
    }
    if (rec.rollingHash !== final.rollingHash) {
      return diverge('rollingHash', rec.rollingHash, final.rollingHash, `rolling hash ${final.rollingHash} differs from the recorded ${rec.rollingHash}`);
    }
    return undefined;
  }
}
