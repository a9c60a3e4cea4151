/**
 * Helpers for the asupersync model tests: drive a state by hand with plain
 * actions, run hand-picked decisions through the real run engine (so
 * invariants are checked exactly as in a simulation), and classify
 * violations against the known protocol findings.
 */
import type { AsupersyncAction } from '../../../src/models/asupersync/actions.js';
import { asupersyncModel } from '../../../src/models/asupersync/model.js';
import type { AsupersyncState } from '../../../src/models/asupersync/state.js';
import type { AsupersyncView } from '../../../src/models/asupersync/view.js';
import type { Json } from '../../../src/sim/json.js';
import type { CandidateContext, StepEffects } from '../../../src/sim/model.js';
import type { RngStream } from '../../../src/sim/rng.js';
import { RunEngine } from '../../../src/sim/run-engine.js';
import type { SimulationResult } from '../../../src/sim/simulate.js';
import type { Violation } from '../../../src/trace/types.js';

export const model = asupersyncModel;

/** A fresh state with default options overlaid by `options`. */
export function fresh(options: { readonly [key: string]: Json } = {}, seed = 42n): AsupersyncState {
  return model.init({ ...model.defaultOptions, ...options }, seed);
}

/** Apply one action and return its effects. */
export function act(s: AsupersyncState, a: AsupersyncAction): StepEffects {
  return model.apply(s, a);
}

/** Deliver towards `to` on generation `gen` (default: the current one). */
export function deliver(s: AsupersyncState, to: 'worker' | 'coordinator', gen = s.gens.length): StepEffects {
  return act(s, { type: 'deliver', gen, to });
}

/** Bootstrap the current worker and deliver its `BootstrapReady`. */
export function boot(s: AsupersyncState): void {
  act(s, { type: 'bootstrap', gen: s.gens.length, fail: false });
  deliver(s, 'coordinator');
}

/** A spawn action with small defaults. */
export function spawnOf(job: number, over: Partial<Omit<Extract<AsupersyncAction, { type: 'spawn' }>, 'type' | 'job'>> = {}): AsupersyncAction {
  return { type: 'spawn', job, steps: 1, outcome: 'ok', payload: 16, result: 8, snapshot: false, ...over };
}

/** Coordinator state of a job. */
/** Bootstrapped coordinator and worker with job 1 spawned and delivered (worker Queued). */
export function withJob(over: Parameters<typeof spawnOf>[1] = {}): AsupersyncState {
  const s = fresh();
  boot(s);
  act(s, spawnOf(1, over));
  deliver(s, 'worker');
  return s;
}

export function coordState(s: AsupersyncState, job: number): string | undefined {
  return s.coordinator.jobState(BigInt(job));
}

/** Worker-side state of a job in generation `gen` (default current). */
export function workerState(s: AsupersyncState, job: number, gen = s.gens.length): string | undefined {
  return s.gens[gen - 1]?.worker.jobState(BigInt(job));
}

/** Op types queued on a channel, head first. */
export function queued(s: AsupersyncState, to: 'worker' | 'coordinator', gen = s.gens.length): string[] {
  const g = s.gens[gen - 1];
  if (g === undefined) throw new Error(`no generation ${gen}`);
  return (to === 'worker' ? g.down : g.up).items().map((e) => e.op.type);
}

/** Run hand-picked decisions through the real run engine; returns violations and per-step effects. */
export function runScript(actions: readonly AsupersyncAction[], options: { readonly [key: string]: Json } = {}): {
  readonly violations: readonly Violation[];
  readonly effects: readonly StepEffects[];
  readonly state: AsupersyncState;
  readonly view: AsupersyncView;
} {
  const engine = new RunEngine(model, { ...model.defaultOptions, ...options }, 42n);
  const effects: StepEffects[] = [];
  for (const action of actions) {
    const rec = engine.step('fault', { action, actor: 'script' });
    effects.push({ envelopes: rec.envelopes, error: rec.error, events: rec.events });
  }
  return { violations: engine.violations, effects, state: engine.state, view: model.observe(engine.state) };
}

/** The two known findings about the real protocol (see `src/models/asupersync/model.ts`). */
export type Finding = 'stale-bootstrap-hijack' | 'unchecked-finalize';

/**
 * Attribute one violation of a simulated run to a known finding, or null.
 * - stale-bootstrap-hijack: a `stale-worker-inert` or `settled-views-agree`
 *   violation at or after a step where the coordinator accepted a bootstrap
 *   from a worker it had retired (`stale-bootstrap-accepted`).
 * - unchecked-finalize: a `cancel-completes-via-protocol` or
 *   `settled-views-agree` violation about a job for which a faulty worker
 *   earlier sent a completion it was not entitled to (`lie`
 *   `finalize-without-drain` or `completed-while-finalizing`).
 */
export function classify(result: SimulationResult, v: Violation): Finding | null {
  const steps = result.trace?.steps ?? [];
  const upto = steps.slice(0, v.step + 1);
  if ((v.invariant === 'stale-worker-inert' || v.invariant === 'settled-views-agree') && upto.some((s) => s.events.includes('stale-bootstrap-accepted'))) {
    return 'stale-bootstrap-hijack';
  }
  const job = /job (\d+)/.exec(v.message)?.[1];
  const lied = upto.some(
    (s) =>
      s.decision.type === 'lie' &&
      (s.decision.lie === 'finalize-without-drain' || s.decision.lie === 'completed-while-finalizing') &&
      String(s.decision.job) === job,
  );
  if ((v.invariant === 'cancel-completes-via-protocol' || v.invariant === 'settled-views-agree') && lied) return 'unchecked-finalize';
  return null;
}

/** A deterministic stand-in stream for calling `candidates` directly. */
export function fakeRng(): RngStream {
  return new (class {
    next(): number {
      return 0.5;
    }
    int(n: number): number {
      return Math.floor(n / 2);
    }
    chance(p: number): boolean {
      return p > 0.5;
    }
    pick<T>(items: readonly T[]): T {
      return items[Math.floor(items.length / 2)] as T;
    }
  })() as unknown as RngStream;
}

/** A candidate context over {@link fakeRng}, for calling `candidates` directly. */
export function ctxOf(phase: 'fault' | 'heal', faults = false): CandidateContext {
  return { phase, step: 0, rng: () => fakeRng(), faultEnabled: () => faults };
}
