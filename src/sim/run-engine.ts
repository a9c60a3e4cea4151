/**
 * Executes decisions against a model and produces trace records.
 *
 * Shared by {@link simulate} (which chooses decisions) and `replay` (which
 * reads them from a trace), so both record and check exactly the same way:
 * apply → digest → invariants → rolling hash (each record's fields fed
 * structurally into one `Hash64`, see {@link hashStepInto}). The digest is the model's
 * structural `digestInto` when it has one, else the hash of its `digest` text.
 * @module
 */
import type { InvariantVerdict, TraceFooter, TraceStep, Violation } from '../trace/types.js';
import { markEngineStep } from '../trace/engine-step.js';
import { DeterminismViolation } from './determinism-guard.js';
import { digestText, Hash64 } from './digest.js';
import type { Json } from './json.js';
import type { Action, Candidate, Model, Phase, StepEffects } from './model.js';

/** Name of the liveness property in verdicts and violations. */
export const LIVENESS = 'liveness:all-work-terminates';
/** Name of the property that no step throws. */
export const NO_CRASH = 'no-uncaught-exception';

/**
 * Feed one step record into the rolling hash: every field of its canonical
 * text (`trace/canonical.ts`), structurally, so that two records get the same
 * words exactly when their canonical texts are equal. Trace format 3 and
 * later; format 2 hashed the text itself.
 */
export function hashStepInto(h: Hash64, step: TraceStep): void {
  h.num(step.index).str(step.phase).str(step.actor).json(step.decision).optStr(step.fault);
  // Indexed loops: a model may share one frozen empty list, and for...of over a frozen array
  // allocates an iterator every step (seen in an allocation profile).
  const envelopes = step.envelopes;
  h.word(envelopes.length);
  for (let i = 0; i < envelopes.length; i++) h.str(envelopes[i] as string);
  const events = step.events;
  h.optStr(step.error).word(events.length);
  for (let i = 0; i < events.length; i++) h.str(events[i] as string);
  h.str(step.digest);
}

/** Runs one model instance step by step. */
export class RunEngine<S, V extends Json, A extends Action> {
  readonly state: S;
  private view: V;
  private readonly rolling = new Hash64();
  /** Reused for every step's structural digest (see {@link Model.digestInto}). */
  private readonly hasher = new Hash64();
  private readonly found: Violation[] = [];
  private count = 0;

  constructor(
    readonly model: Model<S, V, A>,
    options: { readonly [key: string]: Json },
    seed: bigint,
  ) {
    this.state = model.init(options, seed);
    this.view = model.observe(this.state);
  }

  /** Violations found so far. */
  get violations(): readonly Violation[] {
    return this.found;
  }

  /** Steps executed so far. */
  get steps(): number {
    return this.count;
  }

  /** Apply one decision; returns its record. Safety violations are collected, not thrown. */
  step(phase: Phase, candidate: Candidate<A>): TraceStep {
    const index = this.count++;
    const action = candidate.action;
    let effects: StepEffects;
    try {
      effects = this.model.apply(this.state, action);
    } catch (e) {
      if (e instanceof DeterminismViolation) throw e;
      effects = { envelopes: [], error: null, events: [] };
      this.found.push({
        invariant: NO_CRASH,
        step: index,
        decision: action,
        message: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
        state: this.view,
        cause: null,
      });
    }
    const next = this.model.observe(this.state);
    for (const inv of this.model.invariants) {
      const message = inv.check(this.view, next, action, effects);
      if (message !== null) {
        this.found.push({
          invariant: inv.name,
          step: index,
          decision: action,
          message,
          state: next,
          cause: { envelopes: effects.envelopes, error: effects.error, events: effects.events },
        });
      }
    }
    this.view = next;
    const record: TraceStep = {
      index,
      phase,
      actor: candidate.actor,
      decision: action,
      fault: candidate.fault ?? null,
      envelopes: effects.envelopes,
      error: effects.error,
      events: effects.events,
      digest: this.digest(),
    };
    hashStepInto(this.rolling, record);
    markEngineStep(record);
    return record;
  }

  /** The state's digest: structural when the model has `digestInto`, else the hash of its text. */
  private digest(): string {
    const model = this.model;
    if (model.digestInto === undefined) return digestText(model.digest(this.state));
    model.digestInto(this.state, this.hasher.reset());
    return this.hasher.hex();
  }

  /** Record a liveness failure detected by the driver. */
  livenessFailure(message: string): void {
    this.found.push({
      invariant: LIVENESS,
      step: this.count - 1,
      decision: null,
      message,
      state: this.view,
      cause: null,
    });
  }

  /** The footer for the records produced so far. */
  footer(): TraceFooter {
    const names = [...this.model.invariants.map((i) => i.name), LIVENESS, NO_CRASH];
    const verdicts: InvariantVerdict[] = names.map((invariant) => ({
      invariant,
      held: !this.found.some((v) => v.invariant === invariant),
    }));
    return {
      steps: this.count,
      settled: this.model.settled(this.state),
      outcome: this.model.outcome(this.state),
      verdicts,
      violations: this.found,
      rollingHash: this.rolling.hex(),
    };
  }
}
