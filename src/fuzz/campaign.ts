/**
 * A fuzzing campaign: many seeded simulations of one model, summarised.
 *
 * The campaign is pure: it runs simulations and reports each result to a
 * callback; writing failure traces and printing belong to the caller (the
 * CLI). Seeds run in ascending order from `firstSeed`, so a campaign is as
 * reproducible as each of its runs.
 * @module
 */
import type { Json } from '../sim/json.js';
import type { AnyModel } from '../sim/model.js';
import type { ProfileName } from '../sim/profile.js';
import { simulate, type SimulationResult } from '../sim/simulate.js';
import type { StrategyName } from '../sim/strategy.js';
import type { TraceSink } from '../trace/types.js';

/** Parameters shared by every run of a campaign. */
export interface RunSettings {
  readonly model: AnyModel;
  readonly profile: ProfileName;
  readonly strategy: StrategyName;
  readonly pctDepth: number;
  readonly maxSteps: number;
  readonly healSteps: number;
  readonly modelOptions: { readonly [key: string]: Json };
}

/** Totals over a campaign. */
export interface CampaignSummary {
  readonly seeds: number;
  readonly failures: number;
  readonly steps: number;
  readonly unsettled: number;
  /** How often each named event occurred, summed over all runs (sorted by name). */
  readonly events: { readonly [event: string]: number };
  /** How often each invariant was violated. */
  readonly violated: { readonly [invariant: string]: number };
}

/** Run one seed with the campaign's settings. */
export function runSeed(settings: RunSettings, seed: bigint, sink?: TraceSink): SimulationResult {
  return simulate({
    model: settings.model,
    seed,
    profile: settings.profile,
    strategy: settings.strategy,
    pctDepth: settings.pctDepth,
    maxSteps: settings.maxSteps,
    healSteps: settings.healSteps,
    modelOptions: settings.modelOptions,
    keepTrace: true,
    ...(sink === undefined ? {} : { sink }),
  });
}

/** Accumulates a {@link CampaignSummary} from run results. */
export class CampaignTally {
  private seeds = 0;
  private failures = 0;
  private steps = 0;
  private unsettled = 0;
  private readonly events = new Map<string, number>();
  private readonly violated = new Map<string, number>();

  /** Count one run. */
  add(result: SimulationResult): void {
    this.seeds++;
    this.steps += result.steps;
    if (!result.settled) this.unsettled++;
    if (result.violations.length > 0) this.failures++;
    for (const v of result.violations) this.violated.set(v.invariant, (this.violated.get(v.invariant) ?? 0) + 1);
    for (const step of result.trace?.steps ?? []) {
      for (const e of step.events) this.events.set(e, (this.events.get(e) ?? 0) + 1);
    }
  }

  /** Merge another tally's summary (from a worker thread). */
  merge(s: CampaignSummary): void {
    this.seeds += s.seeds;
    this.failures += s.failures;
    this.steps += s.steps;
    this.unsettled += s.unsettled;
    for (const [k, n] of Object.entries(s.events)) this.events.set(k, (this.events.get(k) ?? 0) + n);
    for (const [k, n] of Object.entries(s.violated)) this.violated.set(k, (this.violated.get(k) ?? 0) + n);
  }

  /** The totals so far, with maps sorted by key. */
  summary(): CampaignSummary {
    const sorted = (m: Map<string, number>): Record<string, number> =>
      Object.fromEntries([...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return {
      seeds: this.seeds,
      failures: this.failures,
      steps: this.steps,
      unsettled: this.unsettled,
      events: sorted(this.events),
      violated: sorted(this.violated),
    };
  }
}
