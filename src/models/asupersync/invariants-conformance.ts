/**
 * Protocol-conformance safety invariants of the asupersync model: rules of the
 * wire protocol that each side must keep whether or not the other side's
 * defences would hide a breach.
 *
 * Details (each `check` returns a message naming the envelope, or null):
 * - (i) `inbound-sequence-fresh`: the coordinator's freshness rule, exactly as
 *   `prepareInbound` states it. An envelope delivered to the coordinator is
 *   compared with the high-water mark of the session: `lastInbound` of the
 *   previous view, or 0 when the envelope is a `BootstrapReady`/`BootstrapFailed`
 *   announcing a worker id other than the active one (that resets the
 *   session before the check). If its `seqNo` is not above the mark, the
 *   coordinator must refuse it, either as `InboundSequenceNotFresh` or
 *   by an envelope-level check that comes first (validation, session
 *   identity), and, unless the session was reset, change nothing (its digest
 *   is unchanged). Only this direction is checked: the converse (a fresh
 *   `seqNo` is never refused as stale) would also hold on the real
 *   coordinator, but it fires first on the zoo's `coord-keeps-inbound-seq`,
 *   whose declared property is liveness.
 * - (j) `worker-seq-monotonic`: every envelope a worker (one generation, one
 *   worker id) emits carries a `seqNo` greater than every one it emitted
 *   before. Only emissions count: copies a `duplicate` or `replay` fault puts
 *   on a channel are the channel's doing, not the worker's.
 * - (k) `worker-snapshot-conformance`: a worker's `StatusSnapshot` reports only
 *   a state `allowedInStatusSnapshot` admits (`Queued`, `Running`).
 *
 * Gotcha: the model's own `faulty-worker` fault (the `lie` action) forges
 * snapshots of coordinator-owned and terminal states on purpose, to exercise
 * the coordinator's defences. A `lie` step emits exactly the one forged
 * envelope (the worker's outbox is empty between steps), so (k) skips `lie`
 * steps and no others: any other non-conforming snapshot is the worker's own.
 * Forged envelopes are still stamped by the worker's counter, so (j) judges
 * them like any other.
 *
 * @example
 * ```ts
 * workerSnapshotConformance.check(prev, next, { type: 'deliver', gen: 1, to: 'worker' }, effects);
 * // 'worker w1 reported Draining in a StatusSnapshot (seqNo 5); only Queued or Running may be reported'
 * ```
 * @module
 */
import { allowedInStatusSnapshot, type WorkerChannelError } from '../../protocol/index.js';
import type { Invariant } from '../../sim/model.js';
import type { AsupersyncAction } from './actions.js';
import { compareDecimal } from './decimal.js';
import { describeCoordinatorChange } from './invariants-session.js';
import type { Emitted } from './state.js';
import type { AsupersyncView } from './view.js';

type Inv = Invariant<AsupersyncView, AsupersyncAction>;

/** Refusals `prepareInbound` makes before its freshness check: a stale envelope refused by one of these was still refused. */
const REFUSED_BEFORE_FRESHNESS: ReadonlySet<WorkerChannelError['kind']> = new Set<WorkerChannelError['kind']>([
  'VersionMismatch',
  'ReplayHashMismatch',
  'PayloadTooLarge',
  'UnexpectedDirection',
  'MissingWorkerSessionIdentity',
  'UnexpectedWorkerSessionIdentity',
  'WorkerIdentityMismatch',
  'InboundWorkerSessionMismatch',
]);

function isRefusal(error: string | null): boolean {
  return error === 'InboundSequenceNotFresh' || (error !== null && REFUSED_BEFORE_FRESHNESS.has(error as WorkerChannelError['kind']));
}

/** (i) A stale inbound sequence number is refused and changes nothing. */
export const inboundSequenceFresh: Inv = {
  name: 'inbound-sequence-fresh',
  description:
    "an inbound envelope whose seqNo is not above the coordinator's high-water mark for the session (reset by a new worker's bootstrap) is refused and changes nothing",
  check(prev, next, _action, effects) {
    const d = next.last.delivered;
    const inbound = next.last.inbound;
    if (d === null || d.to !== 'coordinator' || inbound === undefined || inbound === null) return null;
    const reset = inbound.bootstrapOf !== null && inbound.bootstrapOf !== prev.coordinator.active;
    const markText = reset ? '0' : prev.coordinator.lastInbound;
    if (compareDecimal(markText, inbound.seq) < 0) return null;
    const mark = BigInt(markText);
    const seq = BigInt(inbound.seq);
    const from = d.sender === null ? '' : ` from w${d.sender}`;
    if (!isRefusal(effects.error)) {
      return `stale ${d.op}${from} (seqNo ${seq}, high-water ${mark}) was not refused as InboundSequenceNotFresh (${effects.error ?? 'accepted'})`;
    }
    if (reset || prev.coordinator.digest === next.coordinator.digest) return null;
    return `refused stale ${d.op}${from} (seqNo ${seq}, high-water ${mark}) changed the coordinator: ${describeCoordinatorChange(prev, next)}`;
  },
};

/** (j) Each worker's sequence numbers strictly increase over everything it emits. */
export const workerSeqMonotonic: Inv = {
  name: 'worker-seq-monotonic',
  description: 'every envelope a worker emits carries a seqNo greater than every envelope that worker emitted before',
  check(prev, next) {
    const emitted = next.last.emitted;
    if (emitted === undefined) return null;
    for (let i = 0; i < emitted.length; i++) {
      const e = emitted[i] as Emitted;
      // The worker's high-water mark: its latest emission earlier in this step (each one passed, so it is the
      // highest), else the previous view's. A step emits a few envelopes, so the scan back beats a Map.
      let before: string | undefined;
      for (let k = i - 1; k >= 0 && before === undefined; k--) if ((emitted[k] as Emitted).gen === e.gen) before = (emitted[k] as Emitted).seq;
      before ??= prev.generations[e.gen - 1]?.seqHigh ?? '0';
      if (compareDecimal(before, e.seq) >= 0) return `worker w${e.gen} emitted ${e.op} with seqNo ${BigInt(e.seq)}, not above its previous ${BigInt(before)}`;
    }
    return null;
  },
};

/** (k) A worker reports only organically observed states in snapshots (the `lie` fault excepted). */
export const workerSnapshotConformance: Inv = {
  name: 'worker-snapshot-conformance',
  description:
    'a worker reports only states allowed in a status snapshot (Queued, Running); the faulty-worker fault forges others on purpose and its lie steps are exempt',
  check(_prev, next, action) {
    if (action.type === 'lie') return null;
    const emitted = next.last.emitted;
    if (emitted === undefined) return null;
    // Indexed, not for...of: the list is often the shared frozen NO_NOTES, and iterating a frozen
    // array allocates an iterator every step.
    for (let i = 0; i < emitted.length; i++) {
      const e = emitted[i] as Emitted;
      if (e.op !== 'StatusSnapshot' || e.state === null || allowedInStatusSnapshot(e.state)) continue;
      return `worker w${e.gen} reported ${e.state} in a StatusSnapshot (seqNo ${e.seq}); only Queued or Running may be reported`;
    }
    return null;
  },
};

/** The conformance invariants, (i) to (k). */
export const CONFORMANCE_INVARIANTS: readonly Inv[] = [inboundSequenceFresh, workerSeqMonotonic, workerSnapshotConformance];
