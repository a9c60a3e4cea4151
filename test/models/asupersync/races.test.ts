import { describe, expect, it } from 'vitest';
import { act, boot, coordState, ctxOf, deliver, fresh, model, queued, spawnOf, withJob, workerState } from './helpers.js';

describe('normal operation', () => {
  it('runs a job end to end through both channels', () => {
    const s = fresh();
    expect(act(s, { type: 'bootstrap', gen: 1, fail: false }).envelopes).toHaveLength(1);
    expect(queued(s, 'coordinator')).toEqual(['BootstrapReady']);
    deliver(s, 'coordinator');
    expect(s.coordinator.activeWorkerId).toBe('w1');
    const fx = act(s, spawnOf(1, { steps: 1, result: 8, snapshot: true }));
    expect(fx).toEqual({ envelopes: [expect.stringMatching(/^\d+$/)], error: null, events: [] });
    expect(queued(s, 'worker')).toEqual(['SpawnJob']);
    deliver(s, 'worker');
    expect(workerState(s, 1)).toBe('Queued');
    act(s, { type: 'step', gen: 1, job: 1 });
    act(s, { type: 'step', gen: 1, job: 1 });
    expect(queued(s, 'coordinator')).toEqual(['StatusSnapshot', 'JobCompleted']);
    deliver(s, 'coordinator');
    expect(coordState(s, 1)).toBe('Running');
    deliver(s, 'coordinator');
    expect(coordState(s, 1)).toBe('Completed');
    expect(s.notes.get(1)).toMatchObject({ session: 'w1', via: 'JobCompleted', outcome: 'Ok(8)' });
    expect(model.settled(s)).toBe(false); // 5 jobs still to spawn
  });

  it('delivers structured clones: the worker never holds the coordinator\'s envelope object', () => {
    const s = withJob();
    act(s, { type: 'poll', job: 1 });
    const queuedEnv = s.gens[0]?.down.peek();
    deliver(s, 'worker');
    expect(queuedEnv).toBeDefined();
    // The log keeps the channel's own copy; the queue is empty; nothing is shared with the sender.
    expect(s.gens[0]?.down.deliveredLog().at(-1)).toBe(queuedEnv);
    expect(s.coordinator.pendingOutbox()).toEqual([]);
  });

  it('turn advances both host turns and is never offered twice in a row', () => {
    const s = fresh();
    act(s, { type: 'turn' });
    expect(s.coordinator.currentTurn).toBe(1n);
    expect(s.gens[0]?.worker.currentTurn).toBe(1n);
    const ctx = ctxOf('fault');
    expect(model.candidates(s, ctx).map((c) => c.action.type)).not.toContain('turn');
  });
});

describe('race events', () => {
  it('cancel-vs-completion: a cancel issued while the completion is in flight; the racing JobCompleted wins', () => {
    const s = withJob({ steps: 0 });
    act(s, { type: 'step', gen: 1, job: 1 }); // JobCompleted in flight
    expect(act(s, { type: 'cancel', job: 1 }).events).toContain('cancel-vs-completion');
    expect(coordState(s, 1)).toBe('CancelRequested');
    deliver(s, 'coordinator');
    expect(coordState(s, 1)).toBe('Completed');
    expect(s.last.delivered?.raced).toBe(true);
    // The late CancelJob is ignored by the worker: no error, nothing sent.
    expect(deliver(s, 'worker')).toMatchObject({ error: null, events: [] });
    expect(queued(s, 'coordinator')).toEqual([]);
  });

  it('cancel-vs-completion: a completion sent while the CancelJob is in flight', () => {
    const s = withJob({ steps: 0 });
    act(s, { type: 'cancel', job: 1 });
    expect(act(s, { type: 'step', gen: 1, job: 1 }).events).toContain('cancel-vs-completion');
  });

  it('poll-vs-completion', () => {
    const s = withJob({ steps: 0 });
    act(s, { type: 'step', gen: 1, job: 1 });
    expect(act(s, { type: 'poll', job: 1 }).events).toEqual(['poll-vs-completion']);
    deliver(s, 'worker'); // PollNotReported: nothing sent
    expect(queued(s, 'coordinator')).toEqual(['JobCompleted']);
  });

  it('shutdown-during-cancel: shutdown while a job is cancelling; no job traffic follows', () => {
    const s = withJob({ steps: 3 });
    act(s, { type: 'cancel', job: 1 });
    deliver(s, 'worker'); // worker acknowledges
    expect(act(s, { type: 'shutdown' }).events).toEqual(['shutdown-during-cancel']);
    expect(act(s, { type: 'poll', job: 1 }).error).toBe('ShutdownInProgress');
    deliver(s, 'coordinator'); // CancelAcknowledged: accepted, no DrainJob
    expect(s.last.sent).toEqual([]);
    expect(coordState(s, 1)).toBe('CancelRequested');
    deliver(s, 'worker'); // ShutdownWorker
    deliver(s, 'coordinator'); // ShutdownCompleted fails the job
    expect(coordState(s, 1)).toBe('Failed');
    expect(s.gens[0]?.retired).toBe(true);
  });

  it('worker-replaced-mid-job, then a late message from the dead worker is a rejected stale-message', () => {
    const s = withJob({ steps: 0 });
    act(s, { type: 'step', gen: 1, job: 1 }); // w1's JobCompleted in flight
    act(s, { type: 'poll', job: 1 }); // in w1's inbound channel
    const fx = act(s, { type: 'replace', gen: 2 });
    expect(fx.events).toEqual(['worker-replaced-mid-job', 'fault:worker-replaced']);
    expect(queued(s, 'worker', 1)).toEqual([]); // a terminated worker's port is gone
    expect(queued(s, 'coordinator', 1)).toEqual(['JobCompleted']); // what it sent is still in flight
    boot(s);
    expect(s.coordinator.activeWorkerId).toBe('w2');
    expect(coordState(s, 1)).toBe('Failed');
    expect(s.gens[0]?.retired).toBe(true);
    const late = deliver(s, 'coordinator', 1);
    expect(late.events).toEqual(['fault:late-message', 'stale-message']);
    expect(late.error).toBe('InboundWorkerSessionMismatch');
    expect(coordState(s, 1)).toBe('Failed');
  });

  it('a dead worker\'s completion delivered before its replacement bootstraps is accepted (not retired yet)', () => {
    const s = withJob({ steps: 0 });
    act(s, { type: 'step', gen: 1, job: 1 });
    act(s, { type: 'replace', gen: 2 });
    const late = deliver(s, 'coordinator', 1);
    expect(late.error).toBeNull();
    expect(coordState(s, 1)).toBe('Completed');
  });

  it('orphaned-spawn: a successor accepts a SpawnJob issued in its predecessor\'s session', () => {
    const s = fresh();
    boot(s);
    act(s, { type: 'replace', gen: 2 });
    act(s, { type: 'bootstrap', gen: 2, fail: false }); // BootstrapReady(w2) in flight
    act(s, spawnOf(1)); // coordinator still in w1's session; posted to w2
    expect(s.notes.get(1)?.session).toBe('w1');
    expect(deliver(s, 'worker').events).toEqual(['orphaned-spawn']);
    deliver(s, 'coordinator'); // w2's bootstrap fails the job w2 is now running
    expect(coordState(s, 1)).toBe('Failed');
    expect(workerState(s, 1)).toBe('Queued');
  });

  it('bootstrap-failed: an injected bootstrap failure; the supervisor restarts without a mid-job event', () => {
    const s = fresh();
    expect(act(s, { type: 'bootstrap', gen: 1, fail: true }).events).toEqual(['fault:bootstrap-failure']);
    const fx = deliver(s, 'coordinator');
    expect(fx.error).toBe('BootstrapFailed');
    expect(fx.events).toEqual(['bootstrap-failed']);
    expect(s.coordinator.isWorkerReady()).toBe(false);
    expect(s.gens[0]?.retired).toBe(true);
    const ctx = ctxOf('fault');
    expect(model.candidates(s, ctx).map((c) => c.action)).toContainEqual({ type: 'restart', gen: 2 });
    expect(act(s, { type: 'restart', gen: 2 }).events).toEqual([]);
    boot(s);
    expect(s.coordinator.activeWorkerId).toBe('w2');
  });
});
