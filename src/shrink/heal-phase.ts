/**
 * Re-running a run's heal phase, for shrinking liveness violations.
 *
 * A liveness violation (`liveness:all-work-terminates`) is not caused by one
 * step: the simulator's heal phase (no faults, fair random scheduling)
 * failed to settle the model within `healSteps` steps, or ran out of things
 * to do. So a liveness candidate is a fault-phase prefix, and it is judged
 * by running the heal phase again after it exactly as `simulate` does.
 *
 * Details:
 * - {@link FaultPhaseDraws} calls the model's `candidates` before every
 *   prefix decision, as `simulate` does, so the model's named streams are
 *   where `simulate` would have left them had it chosen those decisions.
 *   For the unshrunk prefix the heal phase is therefore the original one.
 * - {@link runHealPhase} mirrors the heal loop of `simulate` (same stream
 *   names, scheduler and failure messages); the steps it records go into the
 *   shrunk trace with phase `heal`, so `replay` re-executes them like any.
 *
 * @example
 * ```ts
 * const streams = new RngStreams(seed);
 * runHealPhase(engine, streams, 2000, (step) => steps.push(step));
 * engine.violations; // a liveness violation if the run did not settle
 * ```
 * @module
 */
import type { Json } from '../sim/json.js';
import type { Action, CandidateContext } from '../sim/model.js';
import type { RngStreams } from '../sim/rng.js';
import type { RunEngine } from '../sim/run-engine.js';
import { randomScheduler } from '../sim/strategy.js';
import type { TraceStep } from '../trace/types.js';

/** Replays the fault phase's candidate draws before each prefix decision. */
export class FaultPhaseDraws {
  constructor(
    private readonly streams: RngStreams,
    private readonly rates: { readonly [fault: string]: number },
  ) {}

  /** Build (and discard) the candidates `simulate` would have built before the next step. */
  draw(engine: RunEngine<unknown, Json, Action>): void {
    const ctx: CandidateContext = {
      phase: 'fault',
      step: engine.steps,
      rng: (name) => this.streams.stream(name),
      faultEnabled: (name) => (this.rates[name] ?? 0) > 0,
    };
    engine.model.candidates(engine.state, ctx);
  }
}

/** Run the heal phase as `simulate` does; records a liveness failure when it does not settle. */
export function runHealPhase(engine: RunEngine<unknown, Json, Action>, streams: RngStreams, healSteps: number, record: (step: TraceStep) => void): void {
  const model = engine.model;
  const heal = randomScheduler(streams.stream('heal'));
  const context = (step: number): CandidateContext => ({ phase: 'heal', step, rng: (name) => streams.stream(name), faultEnabled: () => false });
  let settled = model.settled(engine.state);
  for (let i = 0; i < healSteps && !settled && engine.violations.length === 0; i++) {
    const normal = model.candidates(engine.state, context(engine.steps)).filter((c) => c.fault === undefined);
    // No draw when nothing is enabled, as in simulate.
    const chosen = normal.length === 0 ? undefined : normal[heal.choose(normal, engine.steps)];
    if (chosen === undefined) {
      engine.livenessFailure(`nothing left to do after ${engine.steps} steps but the model is not settled (deadlock)`);
      return;
    }
    record(engine.step('heal', chosen));
    settled = model.settled(engine.state);
  }
  if (!settled && engine.violations.length === 0) engine.livenessFailure(`not settled within ${healSteps} heal steps`);
}
