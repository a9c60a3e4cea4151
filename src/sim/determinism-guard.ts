/**
 * Makes escapes from the virtual world fail loudly.
 *
 * While a simulation or replay runs, `Math.random`, `Date.now`, the `Date`
 * constructor with no arguments, `setTimeout`, `setInterval`, `setImmediate` and
 * `queueMicrotask` throw a {@link DeterminismViolation}. Model code that
 * reaches for real time or real randomness would make traces irreproducible;
 * this turns that silent drift into an immediate, named error. Everything is
 * restored when the guarded function returns or throws.
 *
 * Gotcha: the guard is global and synchronous. Simulations are synchronous by
 * design, so nothing else runs while the globals are patched; nesting is
 * allowed and only the outermost guard restores.
 * @module
 */

/** Thrown when simulated code touches real time, real randomness or real scheduling. */
export class DeterminismViolation extends Error {
  constructor(readonly api: string) {
    super(
      `${api} was called inside a lockstep simulation; use the run's named RNG streams and virtual turns instead`,
    );
    this.name = 'DeterminismViolation';
  }
}

let depth = 0;

function thrower(api: string): () => never {
  return () => {
    throw new DeterminismViolation(api);
  };
}

/** Run `fn` with real time, randomness and timers disabled. */
export function withDeterminismGuard<T>(fn: () => T): T {
  if (depth > 0) {
    depth++;
    try {
      return fn();
    } finally {
      depth--;
    }
  }
  const g = globalThis as unknown as Record<string, unknown>;
  const RealDate = Date;
  const saved = {
    random: Math.random,
    Date: g.Date,
    setTimeout: g.setTimeout,
    setInterval: g.setInterval,
    setImmediate: g.setImmediate,
    queueMicrotask: g.queueMicrotask,
  };
  class GuardedDate extends RealDate {
    constructor(...args: unknown[]) {
      if (args.length === 0) throw new DeterminismViolation('new Date()'); // determinism-ok: the guard itself
      super(...(args as [string]));
    }
    static override now(): number {
      throw new DeterminismViolation('Date.now');
    }
  }
  Math.random = thrower('Math.random');
  g.Date = GuardedDate;
  g.setTimeout = thrower('setTimeout');
  g.setInterval = thrower('setInterval');
  g.setImmediate = thrower('setImmediate');
  g.queueMicrotask = thrower('queueMicrotask');
  depth = 1;
  try {
    return fn();
  } finally {
    depth = 0;
    Math.random = saved.random;
    g.Date = saved.Date;
    g.setTimeout = saved.setTimeout;
    g.setInterval = saved.setInterval;
    g.setImmediate = saved.setImmediate;
    g.queueMicrotask = saved.queueMicrotask;
  }
}
