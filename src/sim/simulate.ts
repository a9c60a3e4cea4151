/**
 * `simulate`: run a model under a seeded virtual scheduler with fault
 * injection, checking invariants after every step and recording a trace.
 *
 * A run has two phases. In the **fault** phase (`maxSteps` steps) the
 * scheduler strategy picks among enabled candidates and the fault injector
 * may replace a pick with a fault from the profile. In the **heal** phase no
 * fault is injected and scheduling is uniform (fair); the run ends when the
 * model is settled, and fails the liveness property if that takes more than
 * `healSteps` steps or nothing is left to do.
 *
 * @example
 * ```ts
 * const r = simulate({ model: asupersyncModel, seed: 1n, profile: 'adversarial' });
 * r.violations; // [] when every invariant held
 * replay(r.trace!).ok; // true
 * ```
 * @module
 */
import { MemorySink, teeSink } from '../trace/memory-sink.js';
import { TRACE_FORMAT_VERSION, type Trace, type TraceHeader, type TraceSink, type Violation } from '../trace/types.js';
import { LOCKSTEP_VERSION } from '../version.js';
import { withDeterminismGuard } from './determinism-guard.js';
import type { Json } from './json.js';
import type { Action, Candidate, CandidateContext, Model, Phase } from './model.js';
import { FaultInjector } from './fault-injector.js';
import { resolveFaults, type ProfileName } from './profile.js';
import { RngStreams, type RngStream } from './rng.js';
import { RunEngine } from './run-engine.js';
import { pctScheduler, randomScheduler, type Scheduler, type StrategyName } from './strategy.js';

/** Options of {@link simulate}. Only `model` and `seed` are required. */
export interface SimulateOptions<S, V extends Json, A extends Action> {
  readonly model: Model<S, V, A>;
  /** Run seed (u64). */
  readonly seed: bigint | number;
  /** Fault profile; default `realistic`. */
  readonly profile?: ProfileName;
  /** Exploration strategy; default `random`. */
  readonly strategy?: StrategyName;
  /** PCT bug depth; default 3. */
  readonly pctDepth?: number;
  /** Length of the fault phase; default 200. */
  readonly maxSteps?: number;
  /** Liveness bound: steps allowed in the heal phase to settle; default 2000. */
  readonly healSteps?: number;
  /** Overrides of the model's default options. */
  readonly modelOptions?: { readonly [key: string]: Json };
  /** Also stream records here (e.g. to a trace file). */
  readonly sink?: TraceSink;
  /** Keep the whole trace in memory and return it; default true. */
  readonly keepTrace?: boolean;
  /** Stop at the first violation; default true. */
  readonly stopOnViolation?: boolean;
}

/** What {@link simulate} returns. */
export interface SimulationResult {
  readonly seed: bigint;
  readonly steps: number;
  readonly settled: boolean;
  readonly outcome: Json;
  readonly violations: readonly Violation[];
  readonly rollingHash: string;
  /** The recorded trace, unless `keepTrace` was false. */
  readonly trace: Trace | null;
}

/** Run one seeded simulation. Deterministic: the same options give byte-identical traces. */
export function simulate<S, V extends Json, A extends Action>(opts: SimulateOptions<S, V, A>): SimulationResult {
  const seed = BigInt.asUintN(64, BigInt(opts.seed));
  const profile = opts.profile ?? 'realistic';
  const strategy = opts.strategy ?? 'random';
  const pctDepth = opts.pctDepth ?? 3;
  const maxSteps = opts.maxSteps ?? 200;
  const healSteps = opts.healSteps ?? 2000;
  const stopOnViolation = opts.stopOnViolation ?? true;
  const model = opts.model;
  const modelOptions = { ...model.defaultOptions, ...(opts.modelOptions ?? {}) };

  return withDeterminismGuard(() => {
    const rng = new RngStreams(seed);
    const faults = resolveFaults(profile, model.faults, rng);
    const header: TraceHeader = {
      formatVersion: TRACE_FORMAT_VERSION,
      lockstepVersion: LOCKSTEP_VERSION,
      model: model.name,
      seed: seed.toString(),
      profile,
      strategy,
      options: { model: modelOptions, faults: faults.rates, maxSteps, healSteps, pctDepth },
    };
    const memory = opts.keepTrace === false ? undefined : new MemorySink();
    const sinks = [memory, opts.sink].filter((s): s is TraceSink => s !== undefined);
    const sink = teeSink(...sinks);
    sink.header(header);

    const engine = new RunEngine(model, modelOptions, seed);
    const scheduler: Scheduler =
      strategy === 'pct' ? pctScheduler(rng.stream('schedule'), pctDepth, maxSteps) : randomScheduler(rng.stream('schedule'));
    const heal = randomScheduler(rng.stream('heal'));
    const injector = new FaultInjector(faults, rng.stream('faults'));
    const stop = (): boolean => stopOnViolation && engine.violations.length > 0;

    // One context per phase for the whole run, its step updated in place: a step allocates no context.
    // With no fault enabled (profile none) the fault phase asks the constant `faultOff`, as the heal phase does.
    const streamOf = (name: string): RngStream => rng.stream(name);
    const faultOn = (name: string): boolean => injector.enabled(name);
    const faultOff = (): boolean => false;
    const contexts = {
      fault: { phase: 'fault' as Phase, step: 0, rng: streamOf, faultEnabled: injector.anyEnabled ? faultOn : faultOff, anyFaultEnabled: injector.anyEnabled },
      heal: { phase: 'heal' as Phase, step: 0, rng: streamOf, faultEnabled: faultOff, anyFaultEnabled: false },
    };
    const context = (phase: Phase, step: number): CandidateContext => {
      const ctx = contexts[phase];
      ctx.step = step;
      return ctx;
    };

    for (let i = 0; i < maxSteps && !stop(); i++) {
      const candidates = model.candidates(engine.state, context('fault', engine.steps));
      const chosen = injector.inject(candidates) ?? pickNormal(candidates, scheduler, engine.steps);
      if (chosen === undefined) break;
      sink.step(engine.step('fault', chosen));
    }
    let settled = model.settled(engine.state);
    for (let i = 0; i < healSteps && !settled && !stop(); i++) {
      const candidates = model.candidates(engine.state, context('heal', engine.steps));
      const chosen = pickNormal(candidates, heal, engine.steps);
      if (chosen === undefined) {
        engine.livenessFailure(`nothing left to do after ${engine.steps} steps but the model is not settled (deadlock)`);
        break;
      }
      sink.step(engine.step('heal', chosen));
      settled = model.settled(engine.state);
    }
    if (!settled && !stop()) {
      engine.livenessFailure(`not settled within ${healSteps} heal steps`);
    }
    const footer = engine.footer();
    sink.footer(footer);
    return {
      seed,
      steps: footer.steps,
      settled: footer.settled,
      outcome: footer.outcome,
      violations: footer.violations,
      rollingHash: footer.rollingHash,
      trace: memory?.trace() ?? null,
    };
  });
}

/** The scheduler's pick among the candidates that are not faults; the list is only copied when some are faults. */
function pickNormal<A extends Action>(
  candidates: readonly Candidate<A>[],
  scheduler: Scheduler,
  step: number,
): Candidate<A> | undefined {
  let faults = 0;
  for (const c of candidates) if (c.fault !== undefined) faults++;
  const normal = faults === 0 ? candidates : candidates.filter((c) => c.fault === undefined);
  if (normal.length === 0) return undefined;
  return normal[scheduler.choose(normal, step)];
}
