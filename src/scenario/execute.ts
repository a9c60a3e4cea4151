/**
 * `executePlan`: run one concrete ordering of a scenario (every exhaustive
 * block already replaced by one of its interleavings) on a {@link RunEngine},
 * recording an ordinary trace that `replay` re-executes.
 *
 * Details:
 * - Model steps resolve through the vocabulary against the current state
 *   and run in the `fault` phase (tagged with their fault name when they
 *   are one); `run: N` picks among the model's candidates with the
 *   scenario's strategy and profile; `settle` takes fault-free fair steps in
 *   the `heal` phase. Pins filter scheduler picks and reject explicit steps.
 * - Random draws come only from named streams of the scenario seed:
 *   `scenario/schedule`, `scenario/faults`, `scenario/heal`, and whatever the
 *   model's candidates draw (`workload`, `job:w1`, ...).
 * - A run that ends unsettled records the liveness failure in its footer, as
 *   `simulate` does, so `replay` accepts the trace; expectations judge
 *   `settled` on their own.
 * - An event of an exhaustive block that cannot apply (or that a pin blocks)
 *   makes the interleaving **infeasible**: the run stops and is not judged.
 *   Anywhere else that is a **failure** naming the step's file and line.
 *
 * Gotcha: the header's strategy and profile describe the scheduler steps;
 * replay uses only the model, seed and options, so explicit steps replay
 * exactly like scheduled ones.
 *
 * @example
 * ```ts
 * const out = executePlan(scenario, vocab, planOf(scenario.steps, []), null);
 * out.failures; // [] when every step applied
 * ```
 * @module
 */
import { MemorySink } from '../trace/memory-sink.js';
import { TRACE_FORMAT_VERSION, type Trace, type TraceStep } from '../trace/types.js';
import { LOCKSTEP_VERSION } from '../version.js';
import { withDeterminismGuard } from '../sim/determinism-guard.js';
import type { Json } from '../sim/json.js';
import type { Action, AnyModel, Candidate, CandidateContext, Phase } from '../sim/model.js';
import { resolveFaults, type FaultConfig } from '../sim/profile.js';
import { RngStreams } from '../sim/rng.js';
import { RunEngine } from '../sim/run-engine.js';
import { pctScheduler, randomScheduler, type Scheduler } from '../sim/strategy.js';
import { PinTracker, pinText } from './pins.js';
import { injectFault, pickNormal, type Option } from './scheduling.js';
import { stepText, where, type Scenario, type SourceAt, type StepSpec } from './types.js';
import type { AnyVocabulary, EntityResult } from './vocabulary.js';

/** One item of a concrete ordering. */
export type PlanItem =
  | { readonly kind: 'model'; readonly step: StepSpec; readonly inBlock: boolean }
  | { readonly kind: 'run'; readonly count: number; readonly at: SourceAt }
  | { readonly kind: 'settle'; readonly bound: number; readonly at: SourceAt };

/** What one concrete run produced. */
export interface PlanOutcome {
  readonly trace: Trace;
  /** Why the run could not be carried out as written; expectations are not judged then. */
  readonly failures: readonly string[];
  /** Set when an event of an exhaustive block could not apply in this order. */
  readonly infeasible: string | null;
  readonly errors: ReadonlySet<string>;
  readonly events: ReadonlySet<string>;
  readonly entities: ReadonlyMap<string, EntityResult>;
}

/** Most actions one model step may expand to (`finish` of a very long job). */
const MAX_STEP_ACTIONS = 10_000;

class Stop extends Error {
  constructor(
    readonly kind: 'failure' | 'infeasible',
    message: string,
  ) {
    super(message);
  }
}

/** Run one concrete ordering; `interleaving` is its number in the scenario's enumeration, if any. */
export function executePlan(sc: Scenario, vocab: AnyVocabulary, plan: readonly PlanItem[], interleaving: number | null): PlanOutcome {
  return withDeterminismGuard(() => new Execution(sc, vocab, interleaving).run(plan));
}

class Execution {
  private readonly model: AnyModel;
  private readonly rng: RngStreams;
  private readonly faults: FaultConfig;
  private readonly engine: RunEngine<unknown, Json, Action>;
  private readonly sink = new MemorySink();
  private readonly pins: PinTracker;
  private readonly errors = new Set<string>();
  private readonly events = new Set<string>();
  private schedule: Scheduler | undefined;
  private heal: Scheduler | undefined;
  /** Steps all `run` items take together: the PCT horizon. */
  private horizon = 1;

  constructor(
    private readonly sc: Scenario,
    private readonly vocab: AnyVocabulary,
    interleaving: number | null,
  ) {
    this.model = vocab.model;
    this.rng = new RngStreams(sc.seed);
    this.faults = resolveFaults(sc.profile, this.model.faults, this.rng);
    this.pins = new PinTracker(sc.order);
    const modelSteps: StepSpec[] = [];
    for (const s of sc.steps) {
      if (s.kind === 'model') modelSteps.push(s.step);
      if (s.kind === 'explore') modelSteps.push(...s.lanes.flat());
    }
    const options = { ...this.model.defaultOptions, ...vocab.scenarioOptions(modelSteps), ...sc.options };
    this.sink.header({
      formatVersion: TRACE_FORMAT_VERSION,
      lockstepVersion: LOCKSTEP_VERSION,
      model: this.model.name,
      seed: sc.seed.toString(),
      profile: sc.profile,
      strategy: sc.strategy,
      options: { model: options, faults: this.faults.rates, scenario: sc.name, interleaving },
    });
    this.engine = new RunEngine(this.model, options, sc.seed);
  }

  run(plan: readonly PlanItem[]): PlanOutcome {
    this.horizon = plan.reduce((n, item) => n + (item.kind === 'run' ? item.count : 0), 0);
    const failures: string[] = [];
    let infeasible: string | null = null;
    try {
      for (const item of plan) {
        if (item.kind === 'model') this.modelStep(item.step, item.inBlock);
        else if (item.kind === 'run') this.runSteps(item.count);
        else this.settle(item.bound, item.at);
      }
    } catch (e) {
      if (!(e instanceof Stop)) throw e;
      if (e.kind === 'infeasible') infeasible = e.message;
      else failures.push(e.message);
    }
    if (!this.model.settled(this.engine.state)) this.engine.livenessFailure('the scenario ended before the model settled');
    const footer = this.engine.footer();
    this.sink.footer(footer);
    return {
      trace: this.sink.trace(),
      failures,
      infeasible,
      errors: this.errors,
      events: this.events,
      entities: this.vocab.entities(this.engine.state),
    };
  }

  private record(phase: Phase, c: Candidate<Action>, text: string): void {
    const rec: TraceStep = this.engine.step(phase, c);
    this.pins.happened(text);
    if (rec.error !== null) this.errors.add(rec.error);
    for (const e of rec.events) this.events.add(e);
    this.sink.step(rec);
  }

  private modelStep(step: StepSpec, inBlock: boolean): void {
    const stop = (message: string): never => {
      throw new Stop(inBlock ? 'infeasible' : 'failure', `${where(this.sc.file, step.at)}: ${step.at.path}: ${stepText(step)}: ${message}`);
    };
    for (let i = 0; ; i++) {
      if (i > MAX_STEP_ACTIONS) return stop(`did not finish within ${MAX_STEP_ACTIONS} actions`);
      const r = this.vocab.resolve(this.engine.state, step, i);
      if ('done' in r) return;
      if ('error' in r) return stop(r.error);
      const text = this.vocab.describe(this.engine.state, r.candidate.action);
      const pin = this.pins.blocking(text);
      if (pin !== null) return stop(`"${text}" breaks the ${pinText(pin)} (line ${pin.at.line}): "${pin.before}" has not happened yet`);
      this.record('fault', r.candidate, text);
    }
  }

  private context(phase: Phase): CandidateContext {
    return {
      phase,
      step: this.engine.steps,
      rng: (name) => this.rng.stream(name),
      faultEnabled: (name) => phase === 'fault' && (this.faults.rates[name] ?? 0) > 0,
    };
  }

  /** Candidates no pin blocks, with their descriptions. */
  private allowed(phase: Phase): Option[] {
    const state = this.engine.state;
    return this.model
      .candidates(state, this.context(phase))
      .map((c) => ({ c, text: this.vocab.describe(state, c.action) }))
      .filter((x) => this.pins.blocking(x.text) === null);
  }

  private runSteps(count: number): void {
    this.schedule ??=
      this.sc.strategy === 'pct' ? pctScheduler(this.rng.stream('scenario/schedule'), 3, Math.max(1, this.horizon)) : randomScheduler(this.rng.stream('scenario/schedule'));
    const faultRng = this.rng.stream('scenario/faults');
    for (let i = 0; i < count; i++) {
      const options = this.allowed('fault');
      const chosen = injectFault(options, this.faults, faultRng) ?? pickNormal(options, this.schedule, this.engine.steps);
      if (chosen === undefined) return;
      this.record('fault', chosen.c, chosen.text);
    }
  }

  private settle(bound: number, at: SourceAt): void {
    this.heal ??= randomScheduler(this.rng.stream('scenario/heal'));
    const lenient = this.sc.expect.settled === false;
    for (let i = 0; !this.model.settled(this.engine.state); i++) {
      const fail = (why: string): never => {
        throw new Stop('failure', `${where(this.sc.file, at)}: ${at.path}: ${why}`);
      };
      if (i >= bound) {
        if (lenient) return;
        return fail(`settle: not settled within ${bound} steps`);
      }
      const chosen = pickNormal(this.allowed('heal'), this.heal, this.engine.steps);
      if (chosen === undefined) {
        if (lenient) return;
        return fail(`settle: nothing left to do after ${this.engine.steps} steps but the model is not settled (deadlock, or a pin whose "before" never happens)`);
      }
      this.record('heal', chosen.c, chosen.text);
    }
  }
}
