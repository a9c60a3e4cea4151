/**
 * Which known finding of the real protocol explains a clean-model violation.
 *
 * The real asupersync protocol has two known bugs (see the model's
 * documentation and test/models/asupersync/findings.test.ts):
 * - **A, stale bootstrap hijack**: a `BootstrapReady`/`BootstrapFailed`
 *   from a retired worker resets the session (`stale-worker-inert`).
 * - **B, unchecked FinalizeCompleted**: a faulty worker's
 *   `FinalizeCompleted` without drain completes the job from any state
 *   (`cancel-completes-via-protocol`, or `settled-views-agree` when the job
 *   was never cancelled). Its contrast case: a faulty worker's `JobCompleted`
 *   sent after the cancel acknowledgement and reordered ahead of it is
 *   indistinguishable, at the coordinator, from a racing completion.
 *
 * A violation none of these explains is `null`: a new finding.
 *
 * @example
 * ```ts
 * explainViolation(trace, trace.footer.violations[0]!); // 'A' | 'B' | 'B-contrast' | null
 * ```
 * @module
 */
import type { Trace, Violation } from '../src/trace/types.js';

/** The known findings. */
export type Finding = 'A' | 'B' | 'B-contrast';

function lieAbout(trace: Trace, upTo: number, job: number, lie: string): boolean {
  return trace.steps.some((s) => s.index <= upTo && s.decision.type === 'lie' && s.decision.lie === lie && s.decision.job === job);
}

/** The known finding behind `v` (a violation recorded in `trace`), or null. */
export function explainViolation(trace: Trace, v: Violation): Finding | null {
  const job = Number(/job (\d+)/.exec(v.message)?.[1] ?? NaN);
  switch (v.invariant) {
    case 'stale-worker-inert':
      return /^Bootstrap(Ready|Failed) from retired worker/.test(v.message) ? 'A' : null;
    case 'cancel-completes-via-protocol':
      if (/via FinalizeCompleted/.test(v.message) && lieAbout(trace, v.step, job, 'finalize-without-drain')) return 'B';
      if (/sent after the cancel was acknowledged/.test(v.message) && lieAbout(trace, v.step, job, 'completed-while-finalizing')) return 'B-contrast';
      return null;
    case 'settled-views-agree':
      return /via FinalizeCompleted/.test(v.message) && lieAbout(trace, v.step, job, 'finalize-without-drain') ? 'B' : null;
    default:
      return null;
  }
}
