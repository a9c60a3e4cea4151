/**
 * The JSON view of the cluster, its canonical digest text, outcome and liveness goal.
 *
 * Details:
 * - {@link observeCluster} is what invariants compare step to step and what a
 *   violation report shows. Every bigint (the clock, timestamps, lease
 *   expiries) is a decimal string, because the core stores views as JSON.
 * - {@link digestCluster} is canonical JSON of the options plus the whole
 *   view, which already holds every field of the state.
 *
 * Gotcha: views are built fresh on every call; never hold on to `Cluster`
 * objects inside one, or the "previous" view would change under the invariants.
 *
 * @example
 * ```ts
 * observeCluster(cluster).runs[0]?.run.state; // 'Scheduled'
 * ```
 * @module
 */
import { canonicalJson, type Json } from '../../sim/json.js';
import type { Cluster, Outcome } from './cluster.js';
import { isTerminal } from './run-state.js';
import { toRunSnapshot, type RunSnapshot } from './run-snapshot.js';

/** A lease in the view. */
export type LeaseView = { readonly worker: string; readonly expiresAt: string };

/** One run in the view: the coordinator's record. */
export type RunView = {
  readonly run: RunSnapshot;
  readonly lease: LeaseView | null;
  readonly lastFinish: { readonly worker: string; readonly attempt: string; readonly outcome: Outcome } | null;
};

/** One worker's belief. */
export type WorkerView = {
  readonly id: string;
  readonly run: string | null;
  readonly attempt: string | null;
  readonly doneAt: string | null;
  readonly pausedUntil: string;
};

/** The model's `V`. */
export type ClusterView = {
  readonly now: string;
  readonly maxAttempts: number;
  readonly runs: readonly RunView[];
  readonly workers: readonly WorkerView[];
};

/** An immutable JSON view of the whole cluster. */
export function observeCluster(c: Cluster): ClusterView {
  return {
    now: c.now.toString(),
    maxAttempts: c.options.maxAttempts,
    runs: c.slots.map((s) => ({
      run: toRunSnapshot(s.run),
      lease: s.lease === null ? null : { worker: s.lease.worker, expiresAt: s.lease.expiresAt.toString() },
      lastFinish: s.lastFinish === null ? null : { ...s.lastFinish },
    })),
    workers: c.workers.map((w) => ({
      id: w.id,
      run: w.holding?.run ?? null,
      attempt: w.holding?.attempt ?? null,
      doneAt: w.holding?.doneAt?.toString() ?? null,
      pausedUntil: w.pausedUntil.toString(),
    })),
  };
}

/** Canonical text of everything in the state. */
export function digestCluster(c: Cluster): string {
  const options: Json = { ...c.options };
  return canonicalJson({ options, view: observeCluster(c) });
}

/** Liveness goal: every run is terminal. */
export function clusterSettled(c: Cluster): boolean {
  return c.slots.every((s) => s.run.isTerminal());
}

/** Trace footer outcome: each run's state and attempt count, and the final clock. */
export function clusterOutcome(c: Cluster): Json {
  return {
    now: c.now.toString(),
    runs: c.slots.map((s) => ({ id: s.run.id, state: s.run.state, attempts: s.run.attemptCount, terminal: isTerminal(s.run.state) })),
  };
}
