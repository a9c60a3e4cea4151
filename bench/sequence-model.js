// The bench's long-run workload: the asupersync model run to settlement over and over inside
// ONE simulation, so one trace can hold a million steps of real protocol work.
//
// Why a wrapper: the asupersync coordinator tracks every job it ever spawned (the model never
// calls removeJob), and the model's views, digests, invariants and candidates scan all of them
// every step. One coordinator with 100,000+ jobs is therefore quadratic (jobs=1000 already costs
// ~1.9 ms per step). Here each sub-run is the unmodified asupersync model with its own options;
// when it settles, the only candidate is `next-run`, which starts a fresh sub-run seeded
// `seed + k`. Invariants run unchanged within a sub-run and are skipped on the step that starts
// a new one (a fresh coordinator is not a transition of the old one).
//
// Usage: sequenceModel(asupersyncModel) -> a lockstep Model named `asupersync-sequence`.

const NEXT = 'next-run';

/** Wrap `inner` (a lockstep Model); `inner` must be able to settle on its own. */
export function sequenceModel(inner) {
  const split = (options) => {
    const { runsStartAt = 0, ...rest } = options;
    return { runsStartAt, innerOptions: rest };
  };
  const start = (options, seed, run) => ({ options, seed, run, inner: inner.init(options, seed + BigInt(run)) });
  return {
    name: `${inner.name}-sequence`,
    description: `${inner.name} run to settlement again and again in one simulation (bench workload)`,
    defaultOptions: { ...inner.defaultOptions, runsStartAt: 0 },
    faults: inner.faults,
    invariants: inner.invariants.map((inv) => ({
      name: inv.name,
      description: inv.description,
      check: (prev, next, action, effects) => (prev.run !== next.run ? null : inv.check(prev.view, next.view, action, effects)),
    })),
    init(options, seed) {
      const { runsStartAt, innerOptions } = split(options);
      return start(innerOptions, seed, runsStartAt);
    },
    candidates(s, ctx) {
      if (inner.settled(s.inner)) return [{ action: { type: NEXT, run: s.run + 1 }, actor: 'bench' }];
      return inner.candidates(s.inner, ctx);
    },
    apply(s, action) {
      if (action.type !== NEXT) return inner.apply(s.inner, action);
      Object.assign(s, start(s.options, s.seed, action.run));
      return { envelopes: [], error: null, events: [] };
    },
    observe: (s) => ({ run: s.run, view: inner.observe(s.inner) }),
    digest: (s) => `run ${s.run}\n${inner.digest(s.inner)}`,
    ...(inner.digestInto === undefined ? {} : { digestInto: (s, h) => inner.digestInto(s.inner, h.num(s.run)) }),
    // The sequence never runs out of work; the heal phase only finishes the current sub-run.
    settled: (s) => inner.settled(s.inner),
    outcome: (s) => ({ runs: s.run + 1, last: inner.outcome(s.inner) }),
    parseAction(value) {
      if (value !== null && typeof value === 'object' && value.type === NEXT) {
        if (!Number.isSafeInteger(value.run) || Object.keys(value).length !== 2) throw new Error(`bad ${NEXT} action ${JSON.stringify(value)}`);
        return { type: NEXT, run: value.run };
      }
      return inner.parseAction(value);
    },
  };
}
