import { describe, expect, it } from 'vitest';
import { describeRunError } from '../../../src/models/run-lifecycle/run-errors.js';
import { RunInstance, U32_MAX, unwrap } from '../../../src/models/run-lifecycle/run-instance.js';
import { RUN_STATES, isValidTransition, type RunState } from '../../../src/models/run-lifecycle/run-state.js';
import { runSnapshotProblem, toRunSnapshot } from '../../../src/models/run-lifecycle/run-snapshot.js';

const NIL = '00000000-0000-0000-0000-000000000000';
const PATH: Record<RunState, readonly RunState[]> = {
  Scheduled: [],
  Ready: ['Ready'],
  Leased: ['Ready', 'Leased'],
  Running: ['Ready', 'Leased', 'Running'],
  RetryWait: ['Ready', 'Leased', 'Running', 'RetryWait'],
  Completed: ['Ready', 'Leased', 'Running', 'Completed'],
  Failed: ['Ready', 'Leased', 'Running', 'Failed'],
  Canceled: ['Canceled'],
};

function runIn(state: RunState): RunInstance {
  const run = unwrap(RunInstance.newScheduledWithId('r1', 't1', 5n, 0n));
  for (const s of PATH[state]) unwrap(run.transitionTo(s));
  expect(run.state).toBe(state);
  return run;
}

function running(attempt = 'a1'): RunInstance {
  const run = runIn('Running');
  unwrap(run.startAttempt(attempt));
  return run;
}

describe('RunInstance construction (seed lines 5-27, 94-162)', () => {
  it('creates Scheduled runs with zeroed attempt state and last change at creation', () => {
    const run = unwrap(RunInstance.newScheduledWithId('r1', 't1', 9n, 3n));
    expect([run.state, run.currentAttemptId, run.attemptCount, run.effectivePriority, run.lastStateChangeAt]).toEqual(['Scheduled', null, 0, 0, 3n]);
  });

  it('rejects nil run and task ids', () => {
    for (const id of ['', NIL]) {
      expect(RunInstance.newScheduledWithId(id, 't1', 0n, 0n)).toEqual({ ok: false, error: { kind: 'InvalidRunId', runId: id } });
      expect(RunInstance.newReadyWithId('r1', id, 0n, 0n, 1)).toEqual({ ok: false, error: { kind: 'InvalidTaskId', taskId: id } });
    }
  });

  it('rejects a Ready run scheduled after its creation, accepts scheduled_at == created_at', () => {
    const bad = RunInstance.newReadyWithId('r1', 't1', 11n, 10n, 0);
    expect(bad).toEqual({ ok: false, error: { kind: 'ReadyScheduledAtAfterCreatedAt', runId: 'r1', scheduledAt: 11n, createdAt: 10n } });
    const ok = unwrap(RunInstance.newReadyWithId('r1', 't1', 10n, 10n, 7));
    expect([ok.state, ok.effectivePriority]).toEqual(['Ready', 7]);
  });
});

describe('transition_to (seed lines 216-243)', () => {
  it('accepts every table edge and rejects every other pair with InvalidTransition, unchanged', () => {
    for (const from of RUN_STATES) {
      for (const to of RUN_STATES) {
        const run = runIn(from);
        const r = run.transitionTo(to);
        if (isValidTransition(from, to)) {
          expect(r.ok, `${from} -> ${to}`).toBe(true);
          expect(run.state).toBe(to);
        } else {
          expect(r, `${from} -> ${to}`).toEqual({ ok: false, error: { kind: 'InvalidTransition', runId: 'r1', from, to } });
          expect(run.state).toBe(from);
        }
      }
    }
  });

  it('refuses to leave Running with an open attempt, except to Canceled', () => {
    for (const to of ['RetryWait', 'Completed', 'Failed'] as const) {
      const run = running('a7');
      expect(run.transitionTo(to)).toEqual({ ok: false, error: { kind: 'AttemptInProgress', runId: 'r1', activeAttemptId: 'a7' } });
      expect([run.state, run.currentAttemptId]).toEqual(['Running', 'a7']);
    }
    const run = running('a7');
    expect(run.transitionTo('Canceled').ok).toBe(true);
    expect([run.state, run.currentAttemptId, run.attemptCount]).toEqual(['Canceled', null, 1]);
  });

  it('promote_to_ready_with_priority snapshots the priority only when the move succeeds', () => {
    const run = runIn('Scheduled');
    unwrap(run.promoteToReadyWithPriority(4));
    expect(run.effectivePriority).toBe(4);
    expect(run.promoteToReadyWithPriority(9).ok).toBe(false);
    expect(run.effectivePriority).toBe(4);
  });

  it('set_effective_priority requires Ready', () => {
    expect(runIn('Ready').setEffectivePriority(3).ok).toBe(true);
    expect(runIn('Leased').setEffectivePriority(3)).toEqual({
      ok: false,
      error: { kind: 'PriorityMutationRequiresReady', runId: 'r1', currentState: 'Leased' },
    });
  });
});

describe('attempt ownership (seed lines 271-312)', () => {
  it('start_attempt requires Running and counts the attempt', () => {
    expect(runIn('Leased').startAttempt('a1')).toEqual({
      ok: false,
      error: { kind: 'AttemptStartRequiresRunning', runId: 'r1', currentState: 'Leased' },
    });
    const run = running('a1');
    expect([run.currentAttemptId, run.attemptCount]).toEqual(['a1', 1]);
  });

  it('start_attempt rejects a second open attempt, unchanged', () => {
    const run = running('a1');
    expect(run.startAttempt('a2')).toEqual({ ok: false, error: { kind: 'AttemptAlreadyActive', runId: 'r1', activeAttemptId: 'a1' } });
    expect([run.currentAttemptId, run.attemptCount]).toEqual(['a1', 1]);
  });

  it('start_attempt at u32::MAX returns AttemptCountOverflow (seed test, lines 517-531)', () => {
    const run = runIn('Running');
    run.restoreAttemptStateForBootstrap(U32_MAX, null);
    expect(run.startAttempt('a1')).toEqual({ ok: false, error: { kind: 'AttemptCountOverflow', runId: 'r1' } });
    expect([run.attemptCount, run.currentAttemptId]).toEqual([U32_MAX, null]);
  });

  it('finish_attempt closes only the open attempt', () => {
    const run = running('a1');
    expect(run.finishAttempt('a1').ok).toBe(true);
    expect([run.state, run.currentAttemptId, run.attemptCount]).toEqual(['Running', null, 1]);
    expect(run.transitionTo('Completed').ok).toBe(true);
  });

  it('finish_attempt from another attempt is AttemptOwnershipMismatch and changes nothing', () => {
    const run = running('a2');
    const before = toRunSnapshot(run);
    expect(run.finishAttempt('a1')).toEqual({
      ok: false,
      error: { kind: 'AttemptOwnershipMismatch', runId: 'r1', expectedAttemptId: 'a2', actualAttemptId: 'a1' },
    });
    expect(toRunSnapshot(run)).toEqual(before);
  });

  it('finish_attempt with no open attempt is NoActiveAttempt; outside Running AttemptFinishRequiresRunning', () => {
    expect(runIn('Running').finishAttempt('a1')).toEqual({ ok: false, error: { kind: 'NoActiveAttempt', runId: 'r1' } });
    for (const s of ['RetryWait', 'Ready', 'Completed', 'Canceled'] as const) {
      expect(runIn(s).finishAttempt('a1')).toEqual({ ok: false, error: { kind: 'AttemptFinishRequiresRunning', runId: 'r1', currentState: s } });
    }
  });
});

describe('errors and snapshots', () => {
  it('renders the seed Display text', () => {
    expect(describeRunError({ kind: 'AttemptOwnershipMismatch', runId: 'r1', expectedAttemptId: 'a2', actualAttemptId: 'a1' })).toBe(
      'run r1 attempt mismatch: expected a2, got a1',
    );
    expect(describeRunError({ kind: 'InvalidTransition', runId: 'r1', from: 'Completed', to: 'Ready' })).toBe(
      'invalid run transition for r1: Completed -> Ready',
    );
    expect(describeRunError({ kind: 'ReadyScheduledAtAfterCreatedAt', runId: 'r1', scheduledAt: 2n, createdAt: 1n })).toBe(
      'run r1 cannot be created in Ready with scheduled_at (2) > created_at (1)',
    );
  });

  it('applies the seed deserializer rules (lines 457-472)', () => {
    const off = { checkReadyCausality: false };
    expect(runSnapshotProblem(toRunSnapshot(running('a1')), off)).toBeNull();
    const leased = { ...toRunSnapshot(runIn('Leased')), currentAttemptId: 'a1' };
    expect(runSnapshotProblem(leased, off)).toBe('active attempt_id is only valid in Running state');
  });

  it('pins a seed inconsistency: a legally promoted run fails the Ready causality rule', () => {
    const run = runIn('Ready'); // created at 0, scheduled for 5, promoted
    expect(runSnapshotProblem(toRunSnapshot(run), { checkReadyCausality: true })).toBe('Ready state requires scheduled_at (5) <= created_at (0)');
  });
});
