import { describe, expect, it } from 'vitest';
import type { AsupersyncAction } from '../../../src/models/asupersync/actions.js';
import { ASUPERSYNC_INVARIANTS } from '../../../src/models/asupersync/invariants.js';
import type { Delivered, Sent } from '../../../src/models/asupersync/state.js';
import type { AsupersyncView, CoordinatorJobView, GenerationView, WorkerJobSummary } from '../../../src/models/asupersync/view.js';
import { MAX_PAYLOAD_BYTES, type JobState } from '../../../src/protocol/index.js';
import type { StepEffects } from '../../../src/sim/model.js';
import { act, boot, model, runScript, spawnOf } from './helpers.js';

// ── Hand-built views ──

function job(id: number, state: JobState, extra: Partial<CoordinatorJobView> = {}): CoordinatorJobView {
  return { id, state, session: 'w1', cancelled: false, via: null, outcome: null, ...extra };
}

function gen(n: number, extra: Partial<GenerationView> = {}): GenerationView {
  return { gen: n, id: `w${n}`, state: 'ready', alive: true, retired: false, toWorker: 0, toCoordinator: 0, inflightJobs: [], jobs: [], ...extra };
}

function wjob(id: number, state: WorkerJobSummary['state'], extra: Partial<WorkerJobSummary> = {}): WorkerJobSummary {
  return { id, state, outcome: null, via: null, ...extra };
}

interface ViewParts {
  readonly jobs?: readonly CoordinatorJobView[];
  readonly gens?: readonly GenerationView[];
  readonly active?: string | null;
  readonly shutdown?: boolean;
  readonly digest?: string;
  readonly delivered?: Delivered | null;
  readonly sent?: readonly Sent[];
}

function view(p: ViewParts = {}): AsupersyncView {
  const gens = p.gens ?? [gen(1)];
  return {
    coordinator: {
      active: p.active === undefined ? 'w1' : p.active,
      ready: true,
      shutdown: p.shutdown ?? false,
      lastInbound: '1',
      turn: '0',
      digest: p.digest ?? 'd0',
      jobs: p.jobs ?? [],
    },
    current: gens.length,
    generations: gens,
    workload: { next: 7, total: 6, rejected: [] },
    inFlight: { live: 0, dead: 0 },
    last: { delivered: p.delivered ?? null, sent: p.sent ?? [] },
  };
}

function delivered(op: Delivered['op'], extra: Partial<Delivered> = {}): Delivered {
  return { gen: 1, to: 'coordinator', op, job: 1, sender: 1, bytes: null, raced: null, ...extra };
}

const NOOP: AsupersyncAction = { type: 'turn' };
const QUIET: StepEffects = { envelopes: [], error: null, events: [] };

function check(name: string, prev: AsupersyncView, next: AsupersyncView, action: AsupersyncAction = NOOP, effects: StepEffects = QUIET): string | null {
  const inv = ASUPERSYNC_INVARIANTS.find((i) => i.name === name);
  if (inv === undefined) throw new Error(`no invariant ${name}`);
  return inv.check(prev, next, action, effects);
}

describe('the invariant set', () => {
  it('has (a) to (h), each with a description', () => {
    expect(ASUPERSYNC_INVARIANTS.map((i) => i.name)).toEqual([
      'job-transition-table',
      'terminal-is-final',
      'stale-worker-inert',
      'session-end-fails-jobs',
      'no-job-traffic-during-shutdown',
      'cancel-completes-via-protocol',
      'settled-views-agree',
      'payload-limit',
      'inbound-sequence-fresh',
      'worker-seq-monotonic',
      'worker-snapshot-conformance',
    ]);
    for (const i of ASUPERSYNC_INVARIANTS) expect(i.description.length).toBeGreaterThan(20);
  });

  it('all hold on real transitions of a clean script (spawn, cancel protocol, completion, shutdown)', () => {
    const { violations, state } = runScript([
      { type: 'bootstrap', gen: 1, fail: false },
      { type: 'deliver', gen: 1, to: 'coordinator' },
      spawnOf(1, { steps: 0 }),
      spawnOf(2, { steps: 3 }),
      { type: 'deliver', gen: 1, to: 'worker' },
      { type: 'deliver', gen: 1, to: 'worker' },
      { type: 'step', gen: 1, job: 1 },
      { type: 'deliver', gen: 1, to: 'coordinator' },
      { type: 'cancel', job: 2 },
      { type: 'deliver', gen: 1, to: 'worker' },
      { type: 'deliver', gen: 1, to: 'coordinator' },
      { type: 'deliver', gen: 1, to: 'worker' },
      { type: 'deliver', gen: 1, to: 'coordinator' },
      { type: 'deliver', gen: 1, to: 'worker' },
      { type: 'deliver', gen: 1, to: 'coordinator' },
      { type: 'shutdown' },
      { type: 'deliver', gen: 1, to: 'worker' },
      { type: 'deliver', gen: 1, to: 'coordinator' },
    ]);
    expect(violations).toEqual([]);
    expect(state.coordinator.trackedJobs().map((j) => j.state)).toEqual(['Completed', 'Completed']);
    expect(state.notes.get(2)?.via).toBe('FinalizeCompleted');
  });
});

describe('(a) job-transition-table', () => {
  it('fires on an edge outside the table, a job born mid-life and a vanished job', () => {
    expect(check('job-transition-table', view({ jobs: [job(1, 'Queued')] }), view({ jobs: [job(1, 'Draining')] }))).toBe(
      'job 1: Queued → Draining is not in the transition table',
    );
    expect(check('job-transition-table', view(), view({ jobs: [job(4, 'Running')] }))).toMatch(/job 4 appeared in state Running/);
    expect(check('job-transition-table', view({ jobs: [job(2, 'Running')] }), view())).toMatch(/job 2 \(Running\) vanished/);
  });

  it('holds on table edges and new Queued jobs', () => {
    expect(check('job-transition-table', view({ jobs: [job(1, 'CancelRequested')] }), view({ jobs: [job(1, 'Completed'), job(2, 'Queued')] }))).toBeNull();
  });
});

describe('(b) terminal-is-final', () => {
  it('fires when a terminal job changes state or is re-completed', () => {
    expect(check('terminal-is-final', view({ jobs: [job(1, 'Failed')] }), view({ jobs: [job(1, 'Completed')] }))).toMatch(
      /job 1 was Failed \(terminal\) and became Completed/,
    );
    const done = job(1, 'Completed', { via: 'JobCompleted', outcome: 'Ok(1)' });
    expect(check('terminal-is-final', view({ jobs: [done] }), view({ jobs: [{ ...done, via: 'FinalizeCompleted', outcome: 'Cancelled' }] }))).toMatch(
      /re-completed via FinalizeCompleted/,
    );
  });

  it('holds while a terminal job stays put', () => {
    expect(check('terminal-is-final', view({ jobs: [job(1, 'Failed')] }), view({ jobs: [job(1, 'Failed')] }))).toBeNull();
  });
});

describe('(c) stale-worker-inert', () => {
  const retired = [gen(1, { alive: false, retired: true }), gen(2)];
  const hijack = delivered('BootstrapReady', { job: null, sender: 1 });

  it('fires when a retired worker\'s message changes the coordinator digest', () => {
    const msg = check('stale-worker-inert', view({ gens: retired, active: 'w2', digest: 'a' }), view({ gens: retired, active: 'w1', digest: 'b', delivered: hijack }));
    expect(msg).toBe('BootstrapReady from retired worker w1 changed the coordinator: active worker w2 → w1');
  });

  it('holds when the digest is unchanged, or the sender is not retired', () => {
    expect(check('stale-worker-inert', view({ gens: retired, digest: 'a' }), view({ gens: retired, digest: 'a', delivered: hijack }))).toBeNull();
    const live = [gen(1, { alive: false }), gen(2)];
    expect(check('stale-worker-inert', view({ gens: live, digest: 'a' }), view({ gens: live, digest: 'b', delivered: hijack }))).toBeNull();
  });
});

describe('(d) session-end-fails-jobs', () => {
  it('fires when a session ends with one of its jobs non-terminal', () => {
    const prev = view({ jobs: [job(1, 'Running'), job(2, 'Running', { session: 'w2' })] });
    expect(check('session-end-fails-jobs', prev, view({ active: 'w2', jobs: [job(1, 'Running'), job(2, 'Running', { session: 'w2' })] }))).toBe(
      'session of w1 ended (active now w2) but job 1 (Running) of that session stayed non-terminal',
    );
    expect(check('session-end-fails-jobs', prev, view({ active: null, jobs: [job(1, 'Draining')] }))).toMatch(/active now none/);
  });

  it('holds when the old session\'s jobs are terminal or the session continues', () => {
    expect(check('session-end-fails-jobs', view({ jobs: [job(1, 'Running')] }), view({ active: 'w2', jobs: [job(1, 'Failed')] }))).toBeNull();
    expect(check('session-end-fails-jobs', view({ jobs: [job(1, 'Running')] }), view({ jobs: [job(1, 'Running')] }))).toBeNull();
  });
});

describe('(e) no-job-traffic-during-shutdown', () => {
  it('fires on a job-scoped message sent while shutdown is requested', () => {
    for (const op of ['SpawnJob', 'PollStatus', 'CancelJob', 'DrainJob', 'FinalizeJob'] as const) {
      expect(check('no-job-traffic-during-shutdown', view(), view({ sent: [{ op, job: 3, shutdown: true }] }))).toBe(
        `${op} for job 3 left the coordinator while shutdown was requested`,
      );
    }
  });

  it('holds for ShutdownWorker, and for job traffic without shutdown', () => {
    expect(check('no-job-traffic-during-shutdown', view(), view({ sent: [{ op: 'ShutdownWorker', job: null, shutdown: true }] }))).toBeNull();
    expect(check('no-job-traffic-during-shutdown', view(), view({ sent: [{ op: 'DrainJob', job: 1, shutdown: false }] }))).toBeNull();
  });
});

describe('(f) cancel-completes-via-protocol', () => {
  const cancelled = (state: JobState): CoordinatorJobView => job(1, state, { cancelled: true });

  it('fires when a cancelled job completes from CancelRequested via FinalizeCompleted or a non-racing JobCompleted', () => {
    const prev = view({ jobs: [cancelled('CancelRequested')] });
    expect(check('cancel-completes-via-protocol', prev, view({ jobs: [cancelled('Completed')], delivered: delivered('FinalizeCompleted') }))).toBe(
      'job 1 was cancelled but reached Completed from CancelRequested via FinalizeCompleted; only Draining→Finalizing→Completed or a JobCompleted that raced the cancel may complete it',
    );
    expect(
      check('cancel-completes-via-protocol', prev, view({ jobs: [cancelled('Completed')], delivered: delivered('JobCompleted', { raced: false }) })),
    ).toMatch(/via JobCompleted \(sent after the cancel was acknowledged\)/);
    // A broken port that let a cancelled job complete from Draining.
    expect(check('cancel-completes-via-protocol', view({ jobs: [cancelled('Draining')] }), view({ jobs: [cancelled('Completed')] }))).toMatch(/from Draining via turn/);
  });

  it('holds via Finalizing, via a racing JobCompleted, and for jobs never cancelled', () => {
    expect(check('cancel-completes-via-protocol', view({ jobs: [cancelled('Finalizing')] }), view({ jobs: [cancelled('Completed')], delivered: delivered('FinalizeCompleted') }))).toBeNull();
    expect(
      check('cancel-completes-via-protocol', view({ jobs: [cancelled('CancelRequested')] }), view({ jobs: [cancelled('Completed')], delivered: delivered('JobCompleted', { raced: true }) })),
    ).toBeNull();
    expect(check('cancel-completes-via-protocol', view({ jobs: [job(1, 'Running')] }), view({ jobs: [job(1, 'Completed')], delivered: delivered('FinalizeCompleted') }))).toBeNull();
  });
});

describe('(g) settled-views-agree', () => {
  const done = job(1, 'Completed', { via: 'JobCompleted', outcome: 'Ok(8)' });
  const agreeing = wjob(1, 'Completed', { outcome: 'Ok(8)', via: 'completion' });

  it('fires when a settled job disagrees with its live worker', () => {
    expect(check('settled-views-agree', view(), view({ jobs: [done], gens: [gen(1, { jobs: [wjob(1, 'Running')] })] }))).toBe(
      'job 1 is settled as Completed via JobCompleted with Ok(8) at the coordinator, but its live worker w1 has it Running',
    );
    expect(check('settled-views-agree', view(), view({ jobs: [done], gens: [gen(1, { jobs: [{ ...agreeing, outcome: 'Ok(9)' }] })] }))).toMatch(/with Ok\(9\) by completion/);
    expect(check('settled-views-agree', view(), view({ jobs: [job(1, 'Failed')], gens: [gen(1, { jobs: [agreeing] })] }))).toMatch(/settled as Failed/);
    expect(check('settled-views-agree', view(), view({ jobs: [done], gens: [gen(1)] }))).toMatch(/has no record of it/);
    const finalized = job(1, 'Completed', { via: 'FinalizeCompleted', outcome: 'Cancelled' });
    expect(check('settled-views-agree', view(), view({ jobs: [finalized], gens: [gen(1, { jobs: [agreeing] })] }))).toMatch(/by completion/);
  });

  it('holds when they agree, while something is in flight, for dead or stopped workers, and for a disagreement already reported', () => {
    expect(check('settled-views-agree', view(), view({ jobs: [done], gens: [gen(1, { jobs: [agreeing] })] }))).toBeNull();
    const running = [wjob(1, 'Running')];
    expect(check('settled-views-agree', view(), view({ jobs: [done], gens: [gen(1, { jobs: running, inflightJobs: [1] })] }))).toBeNull();
    expect(check('settled-views-agree', view(), view({ jobs: [done], gens: [gen(1, { jobs: running, alive: false }), gen(2)] }))).toBeNull();
    expect(check('settled-views-agree', view(), view({ jobs: [done], gens: [gen(1, { jobs: running, state: 'stopped' })] }))).toBeNull();
    const bad = view({ jobs: [done], gens: [gen(1, { jobs: running })] });
    expect(check('settled-views-agree', bad, bad)).toBeNull();
    const finalized = job(1, 'Completed', { via: 'FinalizeCompleted', outcome: 'Cancelled' });
    expect(check('settled-views-agree', view(), view({ jobs: [finalized], gens: [gen(1, { jobs: [wjob(1, 'Completed', { via: 'cancellation', outcome: 'Cancelled(x)' })] })] }))).toBeNull();
  });
});

describe('(h) payload-limit', () => {
  const spawn = (payload: number): AsupersyncAction => spawnOf(1, { payload });
  const err = (error: string | null): StepEffects => ({ envelopes: [], error, events: [] });

  it('fires when the limit is enforced wrongly in either direction', () => {
    expect(check('payload-limit', view(), view(), spawn(MAX_PAYLOAD_BYTES), err('PayloadTooLarge'))).toMatch(/exactly 262144 bytes was rejected/);
    expect(check('payload-limit', view(), view(), spawn(MAX_PAYLOAD_BYTES + 1), err(null))).toMatch(/262145 bytes returned ok, not PayloadTooLarge/);
    expect(check('payload-limit', view(), view({ jobs: [job(1, 'Queued')] }), spawn(MAX_PAYLOAD_BYTES + 1), err('PayloadTooLarge'))).toMatch(/is tracked/);
    const over = delivered('JobCompleted', { bytes: MAX_PAYLOAD_BYTES + 1 });
    expect(check('payload-limit', view(), view({ delivered: over }), NOOP, err(null))).toMatch(/was not rejected as PayloadTooLarge by the coordinator/);
    expect(check('payload-limit', view({ digest: 'a' }), view({ delivered: over, digest: 'b' }), NOOP, err('PayloadTooLarge'))).toMatch(/rejected but changed the coordinator/);
    const at = delivered('SpawnJob', { to: 'worker', bytes: MAX_PAYLOAD_BYTES });
    expect(check('payload-limit', view(), view({ delivered: at }), NOOP, err('PayloadTooLarge'))).toMatch(/exactly the limit\) was rejected by the worker/);
  });

  it('holds when at-limit is accepted and over-limit rejected without change', () => {
    expect(check('payload-limit', view(), view({ jobs: [job(1, 'Queued')] }), spawn(MAX_PAYLOAD_BYTES), err(null))).toBeNull();
    expect(check('payload-limit', view(), view(), spawn(MAX_PAYLOAD_BYTES + 1), err('PayloadTooLarge'))).toBeNull();
    const over = delivered('JobCompleted', { bytes: MAX_PAYLOAD_BYTES + 1 });
    expect(check('payload-limit', view(), view({ delivered: over }), NOOP, err('PayloadTooLarge'))).toBeNull();
  });
});

describe('invariants on real states', () => {
  it('fire when the model state is tampered with behind the coordinator\'s back', () => {
    // A port bug simulated by poking the coordinator's job table directly.
    const s = model.init(model.defaultOptions, 1n);
    boot(s);
    act(s, spawnOf(1));
    const prev = model.observe(s);
    const tracked = s.coordinator.trackedJobs()[0] as { state: JobState };
    tracked.state = 'Finalizing';
    const next = model.observe(s);
    expect(check('job-transition-table', prev, next)).toBe('job 1: Queued → Finalizing is not in the transition table');
  });
});
