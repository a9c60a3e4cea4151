/**
 * Exploration strategies: how the scheduler picks among enabled candidates.
 *
 * - `random`: uniform over enabled candidates.
 * - `pct`: Probabilistic Concurrency Testing (Burckhardt et al., ASPLOS 2010).
 *   Each actor gets a random priority when first seen; the enabled candidate
 *   of the highest-priority actor runs; at `depth - 1` change points chosen up
 *   front, the actor that just ran drops below every initial priority. A bug
 *   that needs `d` ordering constraints is found with probability at least
 *   1/(n·k^(d-1)) per run.
 *
 * Both draw only from the `schedule` stream.
 * @module
 */
import type { Candidate } from './model.js';
import type { RngStream } from './rng.js';

/** Strategy names. */
export const STRATEGIES = ['random', 'pct'] as const;

/** A strategy name. */
export type StrategyName = (typeof STRATEGIES)[number];

/** Whether `name` is a built-in strategy. */
export function isStrategyName(name: string): name is StrategyName {
  return (STRATEGIES as readonly string[]).includes(name);
}

/** Chooses one candidate index per step. */
export interface Scheduler {
  choose(candidates: readonly Candidate[], step: number): number;
}

/** Uniform random choice. */
export function randomScheduler(rng: RngStream): Scheduler {
  return { choose: (candidates) => rng.int(candidates.length) };
}

/**
 * PCT with bug depth `depth` over a horizon of `horizon` steps.
 * `depth` ≥ 1; depth 1 means no priority change points.
 */
export function pctScheduler(rng: RngStream, depth: number, horizon: number): Scheduler {
  const priorities = new Map<string, number>();
  const changePoints = new Map<number, number>();
  for (let i = 1; i < depth; i++) changePoints.set(1 + rng.int(Math.max(1, horizon)), depth - i);
  const priorityOf = (actor: string): number => {
    let p = priorities.get(actor);
    if (p === undefined) {
      p = depth + rng.next(); // above every change-point priority (1..depth-1)
      priorities.set(actor, p);
    }
    return p;
  };
  return {
    choose(candidates, step) {
      let best = -Infinity;
      let bestActor = '';
      // Candidates come in model order, which is deterministic; ties cannot occur between actors.
      for (const c of candidates) {
        const p = priorityOf(c.actor);
        if (p > best) {
          best = p;
          bestActor = c.actor;
        }
      }
      const mine: number[] = [];
      candidates.forEach((c, i) => {
        if (c.actor === bestActor) mine.push(i);
      });
      const chosen = mine[rng.int(mine.length)] ?? 0;
      const lowered = changePoints.get(step);
      if (lowered !== undefined) priorities.set(bestActor, lowered);
      return chosen;
    },
  };
}
