/**
 * The contract between the scenario runner and one model: a friendlier
 * vocabulary of steps that resolve to the model's actions against the
 * current state, plus what the model's expectations look like.
 *
 * Details:
 * - {@link ScenarioVocabulary.resolve} is called with an iteration count, so a
 *   step may expand to several actions (`finish: 1` steps a job until the
 *   worker completes it): it returns the next candidate, `done`, or an
 *   error saying why the step cannot apply now. An error inside an
 *   exhaustive block marks that interleaving infeasible.
 * - Step schemas are JSON Schema fragments; `schema.ts` assembles them into
 *   the schema shipped as `scenarios/scenario.schema.json`.
 * - {@link ScenarioVocabulary.scenarioOptions} lets a model pick scenario
 *   defaults (the asupersync workload stops inventing cancels); the
 *   scenario's own `options` override them, and the result is recorded in
 *   the trace header, so replay needs nothing from here.
 *
 * Gotcha: `resolve` must not draw randomness; everything it needs is in the
 * step and the state, which is what keeps a scenario's trace replayable.
 *
 * @example
 * ```ts
 * const vocab = vocabularyFor('asupersync');
 * vocab.resolve(state, { name: 'cancel', arg: 1, at }, 0); // { candidate: { action: { type: 'cancel', job: 1 }, actor: 'workload' } }
 * ```
 * @module
 */
import type { Json } from '../sim/json.js';
import type { Action, Candidate, Model } from '../sim/model.js';
import type { StepSpec } from './types.js';

/** A JSON Schema fragment (kept as plain JSON). */
export type SchemaNode = { readonly [key: string]: Json };

/** One step of a vocabulary. */
export interface StepDefinition {
  readonly description: string;
  /** Schema of the step's argument; absent when the step takes none. */
  readonly schema?: SchemaNode;
  /** May be written bare (`- turn`); required when `schema` is absent. */
  readonly bare?: boolean;
}

/** What one call of `resolve` says. */
export type Resolution<A extends Action> =
  | { readonly candidate: Candidate<A> }
  | { readonly done: true }
  | { readonly error: string };

/** A job's (or run's) final state and outcome, for expectations. */
export interface EntityResult {
  readonly state: string;
  /** Outcome summary (`Ok(16)`, `Cancelled(workload cancel)`), or null. */
  readonly outcome: string | null;
}

/** The scenario vocabulary of one model. */
export interface ScenarioVocabulary<S, V extends Json, A extends Action> {
  readonly model: Model<S, V, A>;
  readonly steps: { readonly [name: string]: StepDefinition };
  /** Expectation field naming the model's units of work: `jobs` or `runs`. */
  readonly entityField: string;
  /** States an entity may be expected in (validated by the schema). */
  readonly entityStates: readonly string[];
  /** Whether `expect.outcomes` applies to this model. */
  readonly hasOutcomes: boolean;
  /** Option defaults for a scenario with these (model) steps; scenario options override them. */
  scenarioOptions(steps: readonly StepSpec[]): { readonly [key: string]: Json };
  /** The next action of `step` at its `iteration`-th call (0 first). */
  resolve(state: S, step: StepSpec, iteration: number): Resolution<A>;
  /** One line for pins and reports; the model's own `describe` when it has one. */
  describe(state: S, action: A): string;
  /** Final state and outcome per entity id. */
  entities(state: S): ReadonlyMap<string, EntityResult>;
}

/** A vocabulary with its type parameters erased, for the registry. */
export type AnyVocabulary = ScenarioVocabulary<unknown, Json, Action>;

/** Whether an actual outcome matches an expected one: exactly, by status (`Ok` matches `Ok(16)`), or `none` for no outcome. */
export function outcomeMatches(expected: string, actual: string | null): boolean {
  if (actual === null) return expected === 'none';
  return expected === actual || actual.startsWith(`${expected}(`);
}
