/**
 * The shrinker's unit of work: a {@link Decision} is one recorded step
 * stripped to what a re-run needs (action, actor, phase, fault tag), and
 * the list operations delta debugging applies to a run's decisions.
 *
 * Details:
 * - {@link decisionsOf} reads a trace up to and including the step of its
 *   first violation: nothing after it can matter to that violation.
 *   {@link faultPhaseOf} reads the fault phase, for liveness failures.
 * - {@link withoutRange} removes a slice and lets the model rebase every
 *   later decision on each removed one ({@link Model.rebase}), latest removal
 *   first, so that e.g. generation numbers stay consistent.
 *
 * @example
 * ```ts
 * const ds = decisionsOf(trace, trace.footer.violations[0]!.step);
 * withoutRange(model, ds, 0, 2); // the run without its first two decisions
 * ```
 * @module
 */
import type { Action, AnyModel, Candidate, Phase } from '../sim/model.js';
import type { Trace } from '../trace/types.js';

/** One step to re-execute. */
export interface Decision {
  readonly action: Action;
  readonly actor: string;
  readonly phase: Phase;
  /** The fault this decision injects, or null. */
  readonly fault: string | null;
}

/** The decisions of `trace` from its first step through step `last`. */
export function decisionsOf(trace: Trace, last: number): Decision[] {
  return trace.steps.slice(0, last + 1).map((s) => ({ action: s.decision, actor: s.actor, phase: s.phase, fault: s.fault }));
}

/** The decisions of `trace`'s fault phase: the prefix a liveness failure is shrunk over. */
export function faultPhaseOf(trace: Trace): Decision[] {
  return decisionsOf(trace, trace.steps.length - 1).filter((d) => d.phase === 'fault');
}

/** The engine's candidate for a decision. */
export function candidateOf(d: Decision): Candidate {
  return d.fault === null ? { action: d.action, actor: d.actor } : { action: d.action, actor: d.actor, fault: d.fault };
}

/** `ds` without the decisions at `from` (inclusive) to `to` (exclusive), later ones rebased. */
export function withoutRange(model: AnyModel, ds: readonly Decision[], from: number, to: number): Decision[] {
  return without(model, ds, (i) => i >= from && i < to);
}

/** `ds` without the decisions `drop` selects, later ones rebased on each removed one. */
export function without(model: AnyModel, ds: readonly Decision[], drop: (index: number, d: Decision) => boolean): Decision[] {
  const removed: Action[] = [];
  const kept: Decision[] = [];
  ds.forEach((d, i) => {
    if (drop(i, d)) {
      removed.push(d.action);
      return;
    }
    let action = d.action;
    const rebase = model.rebase?.bind(model);
    if (rebase !== undefined) for (let r = removed.length - 1; r >= 0; r--) action = rebase(action, removed[r] as Action);
    kept.push(action === d.action ? d : { ...d, action, actor: model.actorOf?.(action) ?? d.actor });
  });
  return kept;
}

/** `ds` with the action at `index` replaced. */
export function replaceAt(ds: readonly Decision[], index: number, action: Action): Decision[] {
  return ds.map((d, i) => (i === index ? { ...d, action } : d));
}
