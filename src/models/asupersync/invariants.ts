/**
 * Every safety invariant of the asupersync model, checked by the core after
 * every step, in the order (a)–(h) of the model's specification.
 *
 * Details: job-level invariants live in `invariants-jobs.ts`, session-level
 * ones in `invariants-session.ts`, and the protocol-conformance ones (i)–(k)
 * in `invariants-conformance.ts`; their module docs define each precisely.
 *
 * Gotcha: invariants judge the *real* ported protocol. Some of them fail
 * under faults the protocol does not defend against; those are findings,
 * documented in `model.ts` and pinned by the tests, not bugs in the invariants.
 *
 * @example
 * ```ts
 * ASUPERSYNC_INVARIANTS.map((i) => i.name);
 * ```
 * @module
 */
import type { Invariant } from '../../sim/model.js';
import type { AsupersyncAction } from './actions.js';
import { CONFORMANCE_INVARIANTS } from './invariants-conformance.js';
import { cancelCompletesViaProtocol, jobTransitionTable, payloadLimit, terminalIsFinal } from './invariants-jobs.js';
import { noJobTrafficDuringShutdown, sessionEndFailsJobs, settledViewsAgree, staleWorkerInert } from './invariants-session.js';
import type { AsupersyncView } from './view.js';

/** The invariants, (a) to (k). */
export const ASUPERSYNC_INVARIANTS: readonly Invariant<AsupersyncView, AsupersyncAction>[] = [
  jobTransitionTable,
  terminalIsFinal,
  staleWorkerInert,
  sessionEndFailsJobs,
  noJobTrafficDuringShutdown,
  cancelCompletesViaProtocol,
  settledViewsAgree,
  payloadLimit,
  ...CONFORMANCE_INVARIANTS,
];
