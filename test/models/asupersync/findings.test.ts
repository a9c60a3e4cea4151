/**
 * Known findings about the REAL ported asupersync protocol, pinned so that
 * each test fails if the finding disappears (e.g. the protocol is fixed, or
 * the model stops injecting the fault). See `src/models/asupersync/model.ts`.
 *
 * A. Stale bootstrap hijack (realistic and above). The coordinator resets
 *    its session for any BootstrapReady/BootstrapFailed whose worker id
 *    differs from the active one (`should_reset_inbound_session`), with no
 *    notion of which worker is newer. A late (or replayed) bootstrap from a
 *    worker it already replaced fails every job of the live session and, for
 *    BootstrapReady, makes the dead worker active again (it also clears a
 *    pending shutdown).
 * B. FinalizeCompleted is not phase-checked (adversarial: faulty worker).
 *    JobCompleted is rejected outside Queued/Running/CancelRequested, but
 *    FinalizeCompleted only consults the transition table, which allows
 *    Queued/Running/CancelRequested → Completed. A worker that skips
 *    drain/finalize thus completes a cancelled job without the protocol, or
 *    "finalizes" a job that was never cancelled.
 */
import { describe, expect, it } from 'vitest';
import type { AsupersyncAction } from '../../../src/models/asupersync/actions.js';
import { simulate, type SimulationResult } from '../../../src/sim/simulate.js';
import type { ProfileName } from '../../../src/sim/profile.js';
import type { StrategyName } from '../../../src/sim/strategy.js';
import { classify, model, runScript, spawnOf } from './helpers.js';

const up = (gen: number): AsupersyncAction => ({ type: 'deliver', gen, to: 'coordinator' });
const down = (gen: number): AsupersyncAction => ({ type: 'deliver', gen, to: 'worker' });
const bootstrap = (gen: number, fail = false): AsupersyncAction => ({ type: 'bootstrap', gen, fail });

describe('finding A: stale bootstrap hijack — minimal scripts', () => {
  it('a late BootstrapReady from a replaced worker re-activates it and fails the live session (realistic faults only)', () => {
    const { violations, state } = runScript([
      bootstrap(1), // BootstrapReady(w1) in flight
      { type: 'replace', gen: 2 }, // realistic: w1 dies before its bootstrap is delivered
      bootstrap(2),
      up(2), // the coordinator now runs w2's session; w1 is retired
      spawnOf(1),
      up(1), // realistic: w1's late BootstrapReady
      down(2), // w2 receives and queues job 1; nothing about it is in flight any more
    ]);
    expect(violations.map((v) => [v.invariant, v.step, v.message])).toEqual([
      ['stale-worker-inert', 5, 'BootstrapReady from retired worker w1 changed the coordinator: active worker w2 → w1; job 1 Queued → Failed'],
      ['settled-views-agree', 6, 'job 1 is settled as Failed at the coordinator, but its live worker w2 has it Queued'],
    ]);
    expect(state.coordinator.activeWorkerId).toBe('w1'); // a dead worker
    expect(state.coordinator.isWorkerReady()).toBe(true);
  });

  it('a late BootstrapFailed from a replaced worker kills the live session', () => {
    const { violations, state } = runScript([bootstrap(1, true), { type: 'replace', gen: 2 }, bootstrap(2), up(2), spawnOf(1), up(1)]);
    expect(violations.map((v) => [v.invariant, v.message])).toEqual([
      ['stale-worker-inert', 'BootstrapFailed from retired worker w1 changed the coordinator: active worker w2 → none; ready true → false; job 1 Queued → Failed'],
    ]);
    expect(state.coordinator.isWorkerReady()).toBe(false);
  });

  it('a replayed BootstrapReady after ShutdownCompleted makes the stopped worker active again', () => {
    const { violations, state } = runScript([
      bootstrap(1),
      up(1),
      { type: 'shutdown' },
      down(1),
      up(1), // ShutdownCompleted: w1's session ends
      { type: 'replay', gen: 1, to: 'coordinator', entry: 0 }, // adversarial: its BootstrapReady again
      up(1),
    ]);
    expect(violations.map((v) => [v.invariant, v.message])).toEqual([
      ['stale-worker-inert', 'BootstrapReady from retired worker w1 changed the coordinator: active worker none → w1; ready false → true; inbound high-water 2 → 1'],
    ]);
    expect(state.gens[0]?.worker.state).toBe('stopped');
    expect(state.coordinator.isWorkerReady()).toBe(true);
  });
});

describe('finding B: FinalizeCompleted is not phase-checked — minimal scripts', () => {
  it('a cancelled job completes from CancelRequested without drain or finalize', () => {
    const { violations } = runScript([
      bootstrap(1),
      up(1),
      spawnOf(1, { steps: 3 }),
      down(1),
      { type: 'cancel', job: 1 },
      { type: 'lie', gen: 1, job: 1, lie: 'finalize-without-drain', state: null },
      up(1),
    ]);
    expect(violations.map((v) => [v.invariant, v.message])).toEqual([
      [
        'cancel-completes-via-protocol',
        'job 1 was cancelled but reached Completed from CancelRequested via FinalizeCompleted; only Draining→Finalizing→Completed or a JobCompleted that raced the cancel may complete it',
      ],
    ]);
  });

  it('a job that was never cancelled is "finalized" and the worker disagrees', () => {
    const { violations, state } = runScript([bootstrap(1), up(1), spawnOf(1, { steps: 3 }), down(1), { type: 'lie', gen: 1, job: 1, lie: 'finalize-without-drain', state: null }, up(1)]);
    expect(violations.map((v) => [v.invariant, v.message])).toEqual([
      ['settled-views-agree', 'job 1 is settled as Completed via FinalizeCompleted with Cancelled at the coordinator, but its live worker w1 has it Queued'],
    ]);
    expect(state.coordinator.jobState(1n)).toBe('Completed');
  });

  it('contrast: the same skipped step via JobCompleted is rejected, unless the network reorders it ahead of the ack', () => {
    const setup: AsupersyncAction[] = [bootstrap(1), up(1), spawnOf(1, { steps: 3 }), down(1), { type: 'cancel', job: 1 }, down(1)];
    const lie: AsupersyncAction = { type: 'lie', gen: 1, job: 1, lie: 'completed-while-finalizing', state: null };
    const fifo = runScript([...setup, lie, up(1), up(1)]);
    expect(fifo.violations).toEqual([]);
    expect(fifo.effects.at(-1)?.error).toBe('UnexpectedCompletionPhase');
    const reordered = runScript([...setup, lie, { type: 'reorder', gen: 1, to: 'coordinator', index: 0 }, up(1)]);
    expect(reordered.violations.map((v) => v.message)).toEqual([
      'job 1 was cancelled but reached Completed from CancelRequested via JobCompleted (sent after the cancel was acknowledged); only Draining→Finalizing→Completed or a JobCompleted that raced the cancel may complete it',
    ]);
  });
});

// Pinned seeds: the smallest seeds of the standard sample showing each finding under each profile.
// Default simulate() settings (200 fault steps, 2000 heal steps, PCT depth 3), default model options.
function run(seed: number, profile: ProfileName, strategy: StrategyName): SimulationResult {
  return simulate({ model, seed: BigInt(seed), profile, strategy });
}

describe('pinned seeds', () => {
  it.each([
    // [seed, profile, strategy, invariant, step, message prefix, decision, events]
    [157, 'realistic', 'random', 'stale-worker-inert', 51, 'BootstrapReady from retired worker w3 changed the coordinator: active worker w4 → w3', up(3), ['fault:late-message', 'stale-message', 'stale-bootstrap-accepted']],
    [6, 'realistic', 'pct', 'stale-worker-inert', 52, 'BootstrapReady from retired worker w3 changed the coordinator: active worker w4 → w3', up(3), ['fault:late-message', 'stale-message', 'stale-bootstrap-accepted']],
    [35, 'adversarial', 'random', 'stale-worker-inert', 45, 'BootstrapReady from retired worker w1 changed the coordinator: active worker w2 → w1; shutdown true → false', up(2), ['replayed-envelope', 'stale-message', 'stale-bootstrap-accepted']],
    [11, 'adversarial', 'random', 'stale-worker-inert', null, 'BootstrapFailed from retired worker', null, ['stale-bootstrap-accepted', 'bootstrap-failed']],
    [8, 'adversarial', 'random', 'cancel-completes-via-protocol', 34, 'job 1 was cancelled but reached Completed from CancelRequested via FinalizeCompleted', up(1), []],
    [20, 'adversarial', 'random', 'settled-views-agree', 38, 'job 3 is settled as Completed via FinalizeCompleted with Cancelled at the coordinator, but its live worker w1 has it Running', up(1), []],
  ] as const)('seed %i %s/%s: %s', (seed, profile, strategy, invariant, step, message, decision, events) => {
    const r = run(seed, profile, strategy);
    const first = r.violations[0];
    expect(first?.invariant).toBe(invariant);
    expect(first?.message.startsWith(message)).toBe(true);
    if (step !== null) expect(first?.step).toBe(step);
    if (decision !== null) expect(first?.decision).toEqual(decision);
    const rec = r.trace?.steps[first?.step ?? -1];
    for (const e of events) expect(rec?.events).toContain(e);
    for (const v of r.violations) expect(classify(r, v), v.message).not.toBeNull();
  });

  it('the none profile never shows either finding', () => {
    for (const seed of [6, 8, 11, 20, 35, 157]) {
      for (const strategy of ['random', 'pct'] as const) expect(run(seed, 'none', strategy).violations).toEqual([]);
    }
  });
});
