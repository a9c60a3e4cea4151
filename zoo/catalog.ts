/**
 * The zoo's catalog: every planted-bug variant, and a model resolver that
 * knows them (for replaying and shrinking their traces).
 *
 * @example
 * ```ts
 * zooResolver('zoo:coord-drains-after-shutdown'); // the buggy model
 * zooResolver('asupersync'); // built-in models still resolve
 * ```
 * @module
 */
import { resolveModel } from '../src/models/registry.js';
import type { AnyModel } from '../src/sim/model.js';
import type { ModelResolver } from '../src/trace/replay.js';
import { variant as keepsInboundSeq } from './variants/coord-keeps-inbound-seq.js';
import { variant as noFailOnReplacement } from './variants/coord-no-fail-on-replacement.js';
import { variant as keepsOutboxOnShutdown } from './variants/coord-keeps-outbox-on-shutdown.js';
import { variant as snapshotMovesBackwards } from './variants/coord-snapshot-moves-backwards.js';
import { variant as completionInFinalizing } from './variants/coord-completion-in-finalizing.js';
import { variant as diagnosticSkipsSession } from './variants/coord-diagnostic-skips-session.js';
import { variant as drainsAfterShutdown } from './variants/coord-drains-after-shutdown.js';
import { variant as acceptsDuplicateSeq } from './variants/coord-accepts-duplicate-seq.js';
import { variant as shutdownKeepsJobs } from './variants/coord-shutdown-keeps-jobs.js';
import { variant as payloadLimitOffByOne } from './variants/coord-payload-limit-off-by-one.js';
import { variant as completionRevivesFailed } from './variants/coord-completion-revives-failed.js';
import { variant as forgetsFinalizedJob } from './variants/coord-forgets-finalized-job.js';
import { variant as acksCompletedCancel } from './variants/worker-acks-completed-cancel.js';
import { variant as reusesSeqAfterRestart } from './variants/worker-reuses-seq-after-restart.js';
import { variant as snapshotsDraining } from './variants/worker-snapshots-draining.js';
import { variant as unaskedFinalize } from './variants/worker-unasked-finalize.js';
import { variant as panicAsErr } from './variants/worker-panic-as-err.js';
import { baselineModel, zooModel, ZOO_PREFIX, type ZooVariant } from './variant.js';

/** Every variant: first the bugs the issue lists, in its order, then the extra ones. */
export const VARIANTS: readonly ZooVariant[] = [
  keepsInboundSeq,
  noFailOnReplacement,
  keepsOutboxOnShutdown,
  snapshotMovesBackwards,
  completionInFinalizing,
  diagnosticSkipsSession,
  drainsAfterShutdown,
  acceptsDuplicateSeq,
  acksCompletedCancel,
  reusesSeqAfterRestart,
  snapshotsDraining,
  unaskedFinalize,
  shutdownKeepsJobs,
  payloadLimitOffByOne,
  completionRevivesFailed,
  forgetsFinalizedJob,
  panicAsErr,
];

/** The variant called `name` (without the `zoo:` prefix); throws listing the known names. */
export function variantNamed(name: string): ZooVariant {
  const v = VARIANTS.find((x) => x.name === name);
  if (v === undefined) throw new Error(`unknown zoo variant "${name}"; known: ${VARIANTS.map((x) => x.name).join(', ')}`);
  return v;
}

/** Resolves zoo variants (`zoo:<name>`, their baselines) and every built-in model. */
export const zooResolver: ModelResolver = (name: string): AnyModel => {
  if (!name.startsWith(ZOO_PREFIX)) return resolveModel(name);
  const rest = name.slice(ZOO_PREFIX.length);
  const baseline = rest.endsWith(':baseline');
  const v = variantNamed(baseline ? rest.slice(0, -':baseline'.length) : rest);
  return baseline ? baselineModel(v) : zooModel(v);
};
