/**
 * `asupersyncModel`: the asupersync browser main-thread/worker coordination
 * protocol (the real ported `WorkerCoordinator` and the real
 * `WorkerEndpoint`) as a lockstep simulation model.
 *
 * Details:
 * - A workload on the main thread spawns `jobs` jobs, cancels and polls some
 *   and may request shutdown; worker generations `w1`, `w2`, ... run them
 *   behind virtual `MessageChannel`s (FIFO, structured-clone copies). Only
 *   the newest worker is alive; a replaced worker's sent messages may still
 *   be in flight.
 * - Faults: {@link ASUPERSYNC_FAULTS} (realistic: worker replacement,
 *   bootstrap failure, late messages from dead workers; adversarial adds
 *   drop/duplicate/reorder/delay/replay, a faulty worker, payloads at and
 *   over the limit). Races are recorded as named events, see `faults.ts`.
 * - Invariants: {@link ASUPERSYNC_INVARIANTS}, (a)–(h).
 * - `settled`: every job issued and every coordinator job terminal. The heal
 *   phase reaches it because the supervisor replaces a stuck worker (its
 *   replacement's bootstrap fails the old session's jobs).
 *
 * Gotcha: invariants judge the real protocol, so some profiles produce
 * violations; they are findings, below, not model bugs.
 *
 * Known findings about the real protocol (pinned by
 * `test/models/asupersync/findings.test.ts`):
 * - **Stale bootstrap hijack** (realistic and above): a `BootstrapReady` or
 *   `BootstrapFailed` from a worker the coordinator already replaced still
 *   resets the session (`should_reset_inbound_session` only compares worker
 *   ids), failing the live worker's jobs and, for `BootstrapReady`,
 *   re-activating the dead worker. Violates `stale-worker-inert` (and
 *   usually `settled-views-agree` later).
 * - **FinalizeCompleted is not phase-checked** (adversarial): unlike
 *   `JobCompleted`, `FinalizeCompleted` completes a job from any state the
 *   table allows (`Queued`, `Running`, `CancelRequested`), so a worker that
 *   skips drain/finalize completes a cancelled job without the protocol.
 *   Violates `cancel-completes-via-protocol` and `settled-views-agree`.
 *
 * @example
 * ```ts
 * const r = simulate({ model: asupersyncModel, seed: 7n, profile: 'none' });
 * r.violations; // []
 * ```
 * @module
 */
import type { Model } from '../../sim/model.js';
import { parseAsupersyncAction, type AsupersyncAction } from './actions.js';
import { isApplicable } from './applicable.js';
import { applyAction } from './apply.js';
import { buildCandidates } from './candidates.js';
import { sequentialCandidates } from './candidates-sequential.js';
import { describeAction } from './describe.js';
import { digestState, digestStateInto } from './digest.js';
import { ASUPERSYNC_FAULTS } from './faults.js';
import { ASUPERSYNC_INVARIANTS } from './invariants.js';
import { ASUPERSYNC_DEFAULT_OPTIONS, parseOptions } from './options.js';
import { rebaseAction, simplifyAction, workerActorOf } from './simplify.js';
import { initState, REAL_PARTS, type AsupersyncParts, type AsupersyncState } from './state.js';
import { isSettled, observeState, stateOutcome, type AsupersyncView } from './view.js';

/** What a variant of the model changes: its registry name, description and actors. */
export interface AsupersyncVariant {
  readonly name: string;
  readonly description: string;
  readonly parts: AsupersyncParts;
}

/**
 * The asupersync model with other actors: used by the planted-bug zoo, whose
 * variants subclass the coordinator or worker to change one behaviour. The
 * variant's name is recorded in its traces, so replaying one needs a resolver
 * that knows it.
 */
export function createAsupersyncModel(
  variant?: AsupersyncVariant,
): Model<AsupersyncState, AsupersyncView, AsupersyncAction> {
  const parts = variant?.parts ?? REAL_PARTS;
  return {
    name: variant?.name ?? 'asupersync',
    description:
      variant?.description ??
      'asupersync browser main-thread/worker coordination: WorkerCoordinator and WorkerEndpoint over virtual MessageChannels',
    defaultOptions: ASUPERSYNC_DEFAULT_OPTIONS,
    faults: ASUPERSYNC_FAULTS,
    invariants: ASUPERSYNC_INVARIANTS,
    init: (options, seed) => initState(parseOptions(options), seed, parts),
    candidates: (s, ctx) => (s.options.workload === 'sequential' ? sequentialCandidates(s, ctx) : buildCandidates(s, ctx)),
    apply: applyAction,
    observe: observeState,
    digest: digestState,
    digestInto: digestStateInto,
    settled: isSettled,
    outcome: stateOutcome,
    parseAction: parseAsupersyncAction,
    describe: describeAction,
    applicable: isApplicable,
    simplify: simplifyAction,
    rebase: rebaseAction,
    actorOf: workerActorOf,
  };
}

/** The asupersync model: the real ported coordinator and worker. */
export const asupersyncModel = createAsupersyncModel();
