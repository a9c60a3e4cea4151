import { describe, expect, it } from 'vitest';
import type { AsupersyncAction } from '../../../src/models/asupersync/actions.js';
import { ASUPERSYNC_INVARIANTS } from '../../../src/models/asupersync/invariants.js';
import type { Delivered, Emitted, Inbound } from '../../../src/models/asupersync/state.js';
import type { AsupersyncView, GenerationView } from '../../../src/models/asupersync/view.js';
import type { StepEffects } from '../../../src/sim/model.js';
import { runScript, spawnOf } from './helpers.js';

// ── Hand-built views ──

function gen(n: number, seqHigh: string): GenerationView {
  return { gen: n, id: `w${n}`, state: 'ready', alive: true, retired: false, toWorker: 0, toCoordinator: 0, inflightJobs: [], jobs: [], seqHigh };
}

interface Parts {
  readonly active?: string | null;
  readonly lastInbound?: string;
  readonly digest?: string;
  readonly gens?: readonly GenerationView[];
  readonly delivered?: Delivered | null;
  readonly inbound?: Inbound | null;
  readonly emitted?: readonly Emitted[];
}

function view(p: Parts = {}): AsupersyncView {
  const gens = p.gens ?? [gen(1, '3')];
  return {
    coordinator: {
      active: p.active === undefined ? 'w1' : p.active,
      ready: true,
      shutdown: false,
      lastInbound: p.lastInbound ?? '3',
      turn: '0',
      digest: p.digest ?? 'd0',
      jobs: [],
    },
    current: gens.length,
    generations: gens,
    workload: { next: 2, total: 6, rejected: [] },
    inFlight: { live: 0, dead: 0 },
    last: { delivered: p.delivered ?? null, sent: [], inbound: p.inbound ?? null, emitted: p.emitted ?? [] },
  };
}

function toCoordinator(op: Delivered['op'], sender = 1): Delivered {
  return { gen: sender, to: 'coordinator', op, job: 1, sender, bytes: null, raced: null };
}

function emitted(seq: string, op: Emitted['op'] = 'JobCompleted', state: Emitted['state'] = null, g = 1): Emitted {
  return { gen: g, seq, op, state };
}

const DELIVER: AsupersyncAction = { type: 'deliver', gen: 1, to: 'coordinator' };

function fx(error: string | null, events: readonly string[] = []): StepEffects {
  return { envelopes: [], error, events };
}

function check(name: string, prev: AsupersyncView, next: AsupersyncView, action: AsupersyncAction = DELIVER, effects: StepEffects = fx(null)): string | null {
  const inv = ASUPERSYNC_INVARIANTS.find((i) => i.name === name);
  if (inv === undefined) throw new Error(`no invariant ${name}`);
  return inv.check(prev, next, action, effects);
}

describe('registration', () => {
  it('the three conformance invariants follow (a) to (h), each described', () => {
    const names = ASUPERSYNC_INVARIANTS.map((i) => i.name);
    expect(names.slice(-3)).toEqual(['inbound-sequence-fresh', 'worker-seq-monotonic', 'worker-snapshot-conformance']);
    for (const i of ASUPERSYNC_INVARIANTS.slice(-3)) expect(i.description.length).toBeGreaterThan(20);
  });
});

describe('(i) inbound-sequence-fresh', () => {
  const prev = view({ lastInbound: '3' });

  it('fires when a duplicate seqNo is processed instead of refused', () => {
    const next = view({ lastInbound: '3', delivered: toCoordinator('JobCompleted'), inbound: { seq: '3', bootstrapOf: null } });
    expect(check('inbound-sequence-fresh', prev, next, DELIVER, fx('InvalidTransition'))).toBe(
      'stale JobCompleted from w1 (seqNo 3, high-water 3) was not refused as InboundSequenceNotFresh (InvalidTransition)',
    );
    expect(check('inbound-sequence-fresh', prev, next, DELIVER, fx(null))).toMatch(/seqNo 3, high-water 3\) was not refused .*\(accepted\)/);
  });

  it('fires when a stale seqNo is refused but the coordinator changed anyway', () => {
    const next = view({ lastInbound: '2', digest: 'd1', delivered: toCoordinator('StatusSnapshot'), inbound: { seq: '2', bootstrapOf: null } });
    expect(check('inbound-sequence-fresh', prev, next, DELIVER, fx('InboundSequenceNotFresh'))).toBe(
      'refused stale StatusSnapshot from w1 (seqNo 2, high-water 3) changed the coordinator: inbound high-water 3 → 2',
    );
  });

  it('holds for a fresh seqNo whatever the outcome, including the first bootstrap of a new session', () => {
    const fresh = view({ delivered: toCoordinator('JobCompleted'), inbound: { seq: '4', bootstrapOf: null } });
    expect(check('inbound-sequence-fresh', prev, fresh, DELIVER, fx('InvalidTransition'))).toBeNull();
    const newSession = view({ delivered: toCoordinator('BootstrapReady', 2), inbound: { seq: '1', bootstrapOf: 'w2' } });
    expect(check('inbound-sequence-fresh', prev, newSession, DELIVER, fx(null))).toBeNull();
  });

  it('holds for a refused stale envelope, a session refusal, a fresh accepted one and a session reset', () => {
    const stale = view({ delivered: toCoordinator('JobCompleted'), inbound: { seq: '3', bootstrapOf: null } });
    expect(check('inbound-sequence-fresh', prev, stale, DELIVER, fx('InboundSequenceNotFresh'))).toBeNull();
    expect(check('inbound-sequence-fresh', prev, stale, DELIVER, fx('InboundWorkerSessionMismatch'))).toBeNull();
    const fresh = view({ lastInbound: '4', digest: 'd1', delivered: toCoordinator('JobCompleted'), inbound: { seq: '4', bootstrapOf: null } });
    expect(check('inbound-sequence-fresh', prev, fresh, DELIVER, fx(null))).toBeNull();
    // The same worker re-announcing itself does not reset: its seqNo 1 is stale.
    const rebootSame = view({ delivered: toCoordinator('BootstrapReady'), inbound: { seq: '1', bootstrapOf: 'w1' } });
    expect(check('inbound-sequence-fresh', prev, rebootSame, DELIVER, fx(null))).toMatch(/^stale BootstrapReady/);
    const reset = view({ active: 'w2', lastInbound: '1', digest: 'd1', delivered: toCoordinator('BootstrapReady', 2), inbound: { seq: '1', bootstrapOf: 'w2' } });
    expect(check('inbound-sequence-fresh', prev, reset, DELIVER, fx(null))).toBeNull();
  });

  it('ignores steps that deliver nothing to the coordinator', () => {
    expect(check('inbound-sequence-fresh', prev, view(), { type: 'turn' }, fx('InboundSequenceNotFresh'))).toBeNull();
  });

  it('holds on the real coordinator refusing a duplicated completion', () => {
    const { violations, effects } = runScript(
      [
        { type: 'bootstrap', gen: 1, fail: false },
        { type: 'deliver', gen: 1, to: 'coordinator' },
        spawnOf(1, { steps: 0 }),
        { type: 'deliver', gen: 1, to: 'worker' },
        { type: 'step', gen: 1, job: 1 },
        { type: 'duplicate', gen: 1, to: 'coordinator', index: 0 },
        { type: 'deliver', gen: 1, to: 'coordinator' },
        { type: 'deliver', gen: 1, to: 'coordinator' },
      ],
    );
    expect(effects.at(-1)?.error).toBe('InboundSequenceNotFresh');
    expect(violations).toEqual([]);
  });
});

describe('(j) worker-seq-monotonic', () => {
  it('fires when a worker reuses or goes back on a seqNo, across steps and within one', () => {
    const prev = view({ gens: [gen(1, '3')] });
    expect(check('worker-seq-monotonic', prev, view({ emitted: [emitted('1')] }))).toBe('worker w1 emitted JobCompleted with seqNo 1, not above its previous 3');
    expect(check('worker-seq-monotonic', prev, view({ emitted: [emitted('3')] }))).toMatch(/seqNo 3, not above its previous 3/);
    expect(check('worker-seq-monotonic', prev, view({ emitted: [emitted('5'), emitted('5', 'StatusSnapshot', 'Running')] }))).toMatch(/StatusSnapshot with seqNo 5, not above its previous 5/);
  });

  it('holds for increasing numbers, per worker, and for a worker first seen this step', () => {
    const prev = view({ gens: [gen(1, '3')] });
    expect(check('worker-seq-monotonic', prev, view({ emitted: [emitted('4'), emitted('7')] }))).toBeNull();
    // w2 is new: its 1 is not compared with w1's numbers.
    expect(check('worker-seq-monotonic', prev, view({ emitted: [emitted('4'), emitted('1', 'BootstrapReady', null, 2)] }))).toBeNull();
    expect(check('worker-seq-monotonic', prev, view())).toBeNull();
  });
});

describe('(k) worker-snapshot-conformance', () => {
  const step: AsupersyncAction = { type: 'deliver', gen: 1, to: 'worker' };

  it('fires on a snapshot of a coordinator-owned or terminal state', () => {
    expect(check('worker-snapshot-conformance', view(), view({ emitted: [emitted('4', 'StatusSnapshot', 'Draining')] }), step)).toBe(
      'worker w1 reported Draining in a StatusSnapshot (seqNo 4); only Queued or Running may be reported',
    );
    expect(check('worker-snapshot-conformance', view(), view({ emitted: [emitted('4', 'StatusSnapshot', 'Completed')] }), step)).toMatch(/reported Completed/);
  });

  it('holds for Queued and Running snapshots, and exempts exactly the faulty-worker lie step', () => {
    const ok = view({ emitted: [emitted('4', 'StatusSnapshot', 'Queued'), emitted('5', 'StatusSnapshot', 'Running')] });
    expect(check('worker-snapshot-conformance', view(), ok, step)).toBeNull();
    const forged = view({ emitted: [emitted('4', 'StatusSnapshot', 'Draining')] });
    const lie: AsupersyncAction = { type: 'lie', gen: 1, job: 1, lie: 'owned-state-snapshot', state: 'Draining' };
    expect(check('worker-snapshot-conformance', view(), forged, lie, fx(null, ['fault:faulty-worker']))).toBeNull();
  });

  it('holds on the real worker answering a poll and on a real forged snapshot', () => {
    const { violations, effects } = runScript(
      [
        { type: 'bootstrap', gen: 1, fail: false },
        { type: 'deliver', gen: 1, to: 'coordinator' },
        spawnOf(1, { steps: 3, snapshot: true }),
        { type: 'deliver', gen: 1, to: 'worker' },
        { type: 'poll', job: 1 },
        { type: 'deliver', gen: 1, to: 'worker' },
        { type: 'lie', gen: 1, job: 1, lie: 'owned-state-snapshot', state: 'Draining' },
        { type: 'deliver', gen: 1, to: 'coordinator' },
      ],
    );
    expect(effects.some((e) => e.events.includes('fault:faulty-worker'))).toBe(true);
    expect(violations).toEqual([]);
  });
});
