/**
 * The parsed form of a scenario file: what `parse.ts` builds from YAML and
 * `run.ts` executes. Plain data; every element remembers where it was
 * written so semantic errors can name the file, line and field.
 *
 * Details:
 * - A {@link StepSpec} is one step as written (`deliver: CancelJob(1)`):
 *   its name, its argument (JSON) and its source position. A model's
 *   scenario vocabulary turns it into actions against the current state.
 * - Scheduler steps (`run`, `settle`) and exhaustive blocks are the core's;
 *   every other step belongs to the model's vocabulary.
 * - {@link Expectations} are checked after the run (after every feasible
 *   interleaving, for a scenario with exhaustive blocks).
 *
 * Gotcha: positions are 1-based lines and columns, as editors show them.
 *
 * @example
 * ```ts
 * const step: StepSpec = { name: 'cancel', arg: 1, at: { path: 'steps[3].cancel', line: 9, column: 13 } };
 * ```
 * @module
 */
import type { Json } from '../sim/json.js';
import type { ProfileName } from '../sim/profile.js';
import type { StrategyName } from '../sim/strategy.js';

/** Where something was written: a field path such as `steps[3].deliver`, and its 1-based line and column. */
export interface SourceAt {
  readonly path: string;
  readonly line: number;
  readonly column: number;
}

/** One model step as written. `arg` is `null` for a bare step such as `- turn`. */
export interface StepSpec {
  readonly name: string;
  readonly arg: Json;
  readonly at: SourceAt;
}

/** A scenario step: a model step, a scheduler step or an exhaustive block. */
export type ScenarioStep =
  | { readonly kind: 'model'; readonly step: StepSpec }
  /** Let the seeded scheduler pick `count` steps among the model's candidates. */
  | { readonly kind: 'run'; readonly count: number; readonly at: SourceAt }
  /** Fault-free fair steps until the model is settled, at most `bound`. */
  | { readonly kind: 'settle'; readonly bound: number; readonly at: SourceAt }
  /**
   * Every interleaving of a few events: all merges of `lanes` that keep each
   * lane's order (`events` are written as one-event lanes, every order allowed).
   */
  | { readonly kind: 'explore'; readonly lanes: readonly (readonly StepSpec[])[]; readonly at: SourceAt };

/** `before` must happen before anything matching `after` may happen. */
export interface Pin {
  readonly before: string;
  readonly after: string;
  readonly at: SourceAt;
}

/** What must be true when the scenario ends. Absent fields are not checked. */
export interface Expectations {
  /** Final state per job (or run) id; any of the listed states passes. */
  readonly states: ReadonlyMap<string, readonly string[]>;
  /** Final outcome per job id; any listed outcome passes (see the vocabulary for matching). */
  readonly outcomes: ReadonlyMap<string, readonly string[]>;
  /** The exact set of error kinds the system returned during the run. */
  readonly errors: readonly string[] | null;
  /** Events that must have been recorded at least once. */
  readonly events: readonly string[];
  readonly settled: boolean | null;
  /** Invariants that must hold; `all` means every invariant not listed in `violate`. */
  readonly hold: 'all' | readonly string[];
  /** Invariants that must be violated at least once. */
  readonly violate: readonly string[];
  /** Where the `expect:` block is written. */
  readonly at: SourceAt;
  /** Where each expectation is written, by field path below `expect` (`jobs.1`, `errors`, ...). */
  readonly positions: ReadonlyMap<string, SourceAt>;
}

/** A parsed, validated scenario. */
export interface Scenario {
  readonly file: string;
  readonly name: string;
  readonly description: string;
  readonly model: string;
  readonly seed: bigint;
  readonly profile: ProfileName;
  readonly strategy: StrategyName;
  /** Overrides of the model's options, as written. */
  readonly options: { readonly [key: string]: Json };
  readonly steps: readonly ScenarioStep[];
  readonly order: readonly Pin[];
  readonly expect: Expectations;
}

/** Text of a step as a person would write it: `deliver CancelJob(1)`, `turn`, `spawn {"job":1}`. */
export function stepText(step: StepSpec): string {
  if (step.arg === null) return step.name;
  const arg = typeof step.arg === 'string' || typeof step.arg === 'number' ? String(step.arg) : JSON.stringify(step.arg);
  return `${step.name} ${arg}`;
}

/** `file:line:column` of a position. */
export function where(file: string, at: SourceAt): string {
  return `${file}:${at.line}:${at.column}`;
}
