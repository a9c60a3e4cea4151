import { describe, expect, it } from 'vitest';
import { MAX_PAYLOAD_BYTES } from '../../../src/protocol/index.js';
import type { AsupersyncState } from '../../../src/models/asupersync/state.js';
import { act, boot, coordState, ctxOf, deliver, fresh, model, queued, spawnOf, withJob, workerState } from './helpers.js';

describe('network faults', () => {
  it('drop loses a message', () => {
    const s = withJob();
    act(s, { type: 'poll', job: 1 });
    const fx = act(s, { type: 'drop', gen: 1, to: 'worker', index: 0 });
    expect(fx.events).toEqual(['fault:drop']);
    expect(fx.envelopes).toHaveLength(1);
    expect(queued(s, 'worker')).toEqual([]);
  });

  it('duplicate: the second copy is rejected as not fresh and named duplicate-delivery', () => {
    const s = withJob({ steps: 0 });
    act(s, { type: 'step', gen: 1, job: 1 });
    expect(act(s, { type: 'duplicate', gen: 1, to: 'coordinator', index: 0 }).events).toEqual(['fault:duplicate']);
    expect(queued(s, 'coordinator')).toEqual(['JobCompleted', 'JobCompleted']);
    expect(deliver(s, 'coordinator')).toMatchObject({ error: null, events: [] });
    expect(deliver(s, 'coordinator')).toMatchObject({ error: 'InboundSequenceNotFresh', events: ['duplicate-delivery'] });
    expect(coordState(s, 1)).toBe('Completed');
  });

  it('reorder swaps adjacent messages; delay moves one to the back', () => {
    const s = withJob({ steps: 2, snapshot: true });
    act(s, { type: 'poll', job: 1 });
    act(s, { type: 'cancel', job: 1 });
    expect(queued(s, 'worker')).toEqual(['PollStatus', 'CancelJob']);
    expect(act(s, { type: 'reorder', gen: 1, to: 'worker', index: 0 }).envelopes).toHaveLength(2);
    expect(queued(s, 'worker')).toEqual(['CancelJob', 'PollStatus']);
    act(s, { type: 'delay', gen: 1, to: 'worker', index: 0 });
    expect(queued(s, 'worker')).toEqual(['PollStatus', 'CancelJob']);
  });

  it('replay re-injects an earlier envelope into the current channel; it is rejected and named', () => {
    const s = fresh();
    boot(s);
    expect(act(s, { type: 'replay', gen: 1, to: 'coordinator', entry: 0 }).events).toEqual(['fault:replay']);
    expect(queued(s, 'coordinator')).toEqual(['BootstrapReady']);
    expect(deliver(s, 'coordinator')).toMatchObject({ error: 'InboundSequenceNotFresh', events: ['replayed-envelope'] });
  });

  it('a replayed coordinator envelope from an old session is accepted by a fresh worker (seqNo high-water 0)', () => {
    const s = withJob();
    act(s, { type: 'replace', gen: 2 });
    act(s, { type: 'bootstrap', gen: 2, fail: false });
    act(s, { type: 'replay', gen: 1, to: 'worker', entry: 0 });
    expect(deliver(s, 'worker').events).toEqual(['replayed-envelope', 'orphaned-spawn']);
  });
});

describe('faulty worker', () => {
  function cancelling(phase: 'Draining' | 'Finalizing'): AsupersyncState {
    const s = withJob({ steps: 3 });
    act(s, { type: 'cancel', job: 1 });
    deliver(s, 'worker');
    deliver(s, 'coordinator'); // CancelAcknowledged → DrainJob
    if (phase === 'Finalizing') {
      deliver(s, 'worker');
      deliver(s, 'coordinator'); // DrainCompleted → FinalizeJob
    }
    return s;
  }

  it('JobCompleted while Finalizing is rejected (UnexpectedCompletionPhase)', () => {
    const s = cancelling('Finalizing');
    act(s, { type: 'lie', gen: 1, job: 1, lie: 'completed-while-finalizing', state: null });
    expect(deliver(s, 'coordinator').error).toBe('UnexpectedCompletionPhase');
    expect(coordState(s, 1)).toBe('Finalizing');
  });

  it('a coordinator-owned state in a StatusSnapshot is rejected', () => {
    const s = cancelling('Draining');
    act(s, { type: 'lie', gen: 1, job: 1, lie: 'owned-state-snapshot', state: 'Finalizing' });
    expect(deliver(s, 'coordinator').error).toBe('InvalidStatusSnapshotState');
    act(s, { type: 'lie', gen: 1, job: 1, lie: 'terminal-snapshot', state: 'Completed' });
    expect(deliver(s, 'coordinator').error).toBe('TerminalStatusSnapshot');
    expect(coordState(s, 1)).toBe('Draining');
  });

  it('FinalizeCompleted without drain while Draining is rejected by the transition table', () => {
    const s = cancelling('Draining');
    act(s, { type: 'lie', gen: 1, job: 1, lie: 'finalize-without-drain', state: null });
    expect(deliver(s, 'coordinator').error).toBe('InvalidTransition');
  });

  it('FinalizeCompleted for a Running job is accepted (see the unchecked-finalize finding)', () => {
    const s = withJob({ steps: 3, snapshot: true });
    act(s, { type: 'step', gen: 1, job: 1 });
    deliver(s, 'coordinator');
    expect(act(s, { type: 'lie', gen: 1, job: 1, lie: 'finalize-without-drain', state: null }).events).toEqual(['fault:faulty-worker']);
    expect(deliver(s, 'coordinator').error).toBeNull();
    expect(coordState(s, 1)).toBe('Completed');
    expect(workerState(s, 1)).toBe('Running');
  });
});

describe('payload limit', () => {
  it('a spawn payload of exactly MAX_PAYLOAD_BYTES is accepted end to end', () => {
    const s = fresh();
    boot(s);
    const fx = act(s, spawnOf(1, { payload: MAX_PAYLOAD_BYTES }));
    expect(fx.error).toBeNull();
    expect(fx.events).toEqual(['fault:payload-limit', 'payload-at-limit']);
    expect(deliver(s, 'worker').error).toBeNull();
    expect(workerState(s, 1)).toBe('Queued');
  });

  it('one byte more is PayloadTooLarge and the job is rejected', () => {
    const s = fresh();
    boot(s);
    const fx = act(s, spawnOf(1, { payload: MAX_PAYLOAD_BYTES + 1 }));
    expect(fx).toMatchObject({ error: 'PayloadTooLarge', envelopes: [], events: ['fault:payload-limit', 'payload-over-limit'] });
    expect(coordState(s, 1)).toBeUndefined();
    expect(s.rejected).toEqual([1]);
    expect(s.nextJob).toBe(2);
  });

  it('an Ok result at the limit completes the job; one byte over is rejected and leaves it running', () => {
    for (const [bytes, error, state, event] of [
      [MAX_PAYLOAD_BYTES, null, 'Completed', 'payload-at-limit'],
      [MAX_PAYLOAD_BYTES + 1, 'PayloadTooLarge', 'Queued', 'payload-over-limit'],
    ] as const) {
      const s = withJob({ steps: 0, result: bytes });
      act(s, { type: 'step', gen: 1, job: 1 });
      const fx = deliver(s, 'coordinator');
      expect(fx.error).toBe(error);
      expect(fx.events).toEqual([event]);
      expect(coordState(s, 1)).toBe(state);
    }
  });
});

describe('supervisor and candidates', () => {
  it('offers recover only in the heal phase, and only when nothing else can move', () => {
    const s = withJob({ steps: 0 });
    act(s, { type: 'step', gen: 1, job: 1 });
    act(s, { type: 'drop', gen: 1, to: 'coordinator', index: 0 }); // the completion is lost: stuck
    const heal = ctxOf('heal');
    // The workload can still spawn, so no recovery yet.
    expect(model.candidates(s, heal).map((c) => c.action.type)).toEqual(['spawn']);
    for (let job = 2; job <= 6; job++) act(s, spawnOf(job, { steps: 0 }));
    for (let i = 0; i < 5; i++) deliver(s, 'worker');
    for (let job = 2; job <= 6; job++) act(s, { type: 'step', gen: 1, job });
    for (let i = 0; i < 5; i++) deliver(s, 'coordinator');
    expect(model.candidates(s, heal).map((c) => c.action)).toEqual([{ type: 'recover', gen: 2 }]);
    expect(act(s, { type: 'recover', gen: 2 }).events).toEqual(['worker-replaced-mid-job', 'supervisor-recovery']);
    boot(s);
    expect(coordState(s, 1)).toBe('Failed');
    expect(model.settled(s)).toBe(true);
    expect(model.candidates(s, heal)).toEqual([]);
  });

  it('offers no fault candidates when no fault is enabled, and none in the heal phase', () => {
    const s = withJob({ steps: 0 });
    act(s, { type: 'step', gen: 1, job: 1 });
    const off = ctxOf('fault');
    const on = ctxOf('fault', true);
    expect(model.candidates(s, off).filter((c) => c.fault !== undefined)).toEqual([]);
    expect(model.candidates(s, on).filter((c) => c.fault !== undefined).length).toBeGreaterThan(3);
    expect(model.candidates(s, ctxOf('heal', true)).filter((c) => c.fault !== undefined)).toEqual([]);
  });

  it('throws on decisions that do not fit the state', () => {
    const s = fresh();
    expect(() => deliver(s, 'coordinator')).toThrow(/nothing to deliver/);
    expect(() => act(s, { type: 'restart', gen: 5 })).toThrow(/must start generation 2/);
    act(s, { type: 'replace', gen: 2 });
    expect(() => act(s, { type: 'step', gen: 1, job: 1 })).toThrow(/w1 is dead/);
    expect(() => act(s, { type: 'drop', gen: 2, to: 'worker', index: 0 })).toThrow(/no message at index 0/);
    expect(() => act(s, { type: 'replay', gen: 9, to: 'worker', entry: 0 })).toThrow(/no worker generation 9/);
  });
});
