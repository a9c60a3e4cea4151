/**
 * A tiny model for testing the simulator and trace machinery without the protocol.
 *
 * Actors `a`, `b`, `c`, ... each own a counter and increment it towards a
 * shared target by 1–3 (the step size is drawn while building candidates, so
 * `apply` stays a pure function of the action). The one fault, `reset`, zeroes
 * a counter. Every step moves one "envelope" whose hash is derived from the
 * actor and its new value, so a replayed step that went differently shows up
 * in the envelopes, not just the digest.
 *
 * Options (all Json):
 * - `actors` (default 3), `target` (default 6);
 * - `failAt` (default null): the `tripwire` invariant fails once `failAt`
 *   actions have been applied, to produce a safety violation on demand;
 * - `cap` (default null): actor `a` can never pass `cap`, so once everyone else
 *   is done nothing is left to do and the run deadlocks (a liveness failure).
 * @module
 */
import { digestText } from '../../src/sim/digest.js';
import { canonicalJson, type Json } from '../../src/sim/json.js';
import type { Action, Candidate, Model, StepEffects } from '../../src/sim/model.js';

/** Increment `actor`'s counter by `by` (clamped at the target) or zero it (fault). */
export type CounterAction =
  | { readonly type: 'inc'; readonly actor: string; readonly by: number }
  | { readonly type: 'reset'; readonly actor: string };

/** Mutable state of one run. */
export interface CounterState {
  readonly actors: readonly string[];
  readonly counters: number[];
  readonly target: number;
  readonly cap: number | null;
  readonly failAt: number | null;
  applied: number;
  resets: number;
}

/** What invariants see. */
export interface CounterView {
  readonly [key: string]: Json;
  readonly counters: readonly number[];
  readonly applied: number;
  readonly failAt: number | null;
  readonly target: number;
}

const ACTOR = /^[a-z]$/;

function intOption(options: { readonly [key: string]: Json }, key: string, min: number): number {
  const v = options[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min) throw new Error(`counter: option ${key} must be an integer >= ${min}`);
  return v;
}

function nullableInt(options: { readonly [key: string]: Json }, key: string): number | null {
  return options[key] === null || options[key] === undefined ? null : intOption(options, key, 0);
}

/** Envelope "replay hash" of an actor's counter value, as a decimal u64 like the protocol's. */
function envelope(actor: string, value: number): string {
  return BigInt('0x' + digestText(`${actor}:${value}`)).toString();
}

function indexOf(s: CounterState, actor: string): number {
  const i = s.actors.indexOf(actor);
  if (i < 0) throw new Error(`counter: unknown actor ${actor}`);
  return i;
}

/** The counter model. */
export const counterModel: Model<CounterState, CounterView, CounterAction & Action> = {
  name: 'counter',
  description: 'actors increment counters towards a target; a fault resets one',
  defaultOptions: { actors: 3, target: 6, failAt: null, cap: null },
  faults: [{ name: 'reset', description: 'zero one counter', profile: 'realistic', rate: 0.1 }],
  invariants: [
    {
      name: 'within-target',
      description: 'no counter passes the target',
      check: (_prev, next) => (next.counters.some((c) => c > next.target) ? `counters ${next.counters.join(',')}` : null),
    },
    {
      name: 'tripwire',
      description: 'fails once `failAt` actions were applied (for tests)',
      check: (_prev, next) => (next.failAt !== null && next.applied === next.failAt ? `tripped after ${next.applied} actions` : null),
    },
  ],

  init(options) {
    const n = intOption(options, 'actors', 1);
    if (n > 26) throw new Error('counter: at most 26 actors');
    return {
      actors: Array.from({ length: n }, (_, i) => String.fromCharCode(97 + i)),
      counters: Array.from({ length: n }, () => 0),
      target: intOption(options, 'target', 1),
      cap: nullableInt(options, 'cap'),
      failAt: nullableInt(options, 'failAt'),
      applied: 0,
      resets: 0,
    };
  },

  candidates(s, ctx) {
    const out: Candidate<CounterAction & Action>[] = [];
    const workload = ctx.rng('workload');
    s.actors.forEach((actor, i) => {
      const c = s.counters[i] ?? 0;
      const limit = i === 0 && s.cap !== null ? Math.min(s.cap, s.target) : s.target;
      if (c < limit) out.push({ action: { type: 'inc', actor, by: workload.range(1, 3) }, actor });
    });
    if (ctx.faultEnabled('reset')) {
      s.actors.forEach((actor, i) => {
        if ((s.counters[i] ?? 0) > 0) out.push({ action: { type: 'reset', actor }, actor: 'chaos', fault: 'reset' });
      });
    }
    return out;
  },

  apply(s, a): StepEffects {
    const i = indexOf(s, a.actor);
    s.applied++;
    if (a.type === 'reset') {
      s.counters[i] = 0;
      s.resets++;
      return { envelopes: [envelope(a.actor, 0)], error: null, events: ['reset'] };
    }
    const before = s.counters[i] ?? 0;
    const limit = i === 0 && s.cap !== null ? Math.min(s.cap, s.target) : s.target;
    const after = Math.min(limit, before + a.by);
    s.counters[i] = after;
    return {
      envelopes: [envelope(a.actor, after)],
      error: before + a.by > limit ? 'clamped' : null,
      events: after === s.target && before < s.target ? ['reached-target'] : [],
    };
  },

  observe: (s) => ({ counters: [...s.counters], applied: s.applied, failAt: s.failAt, target: s.target }),
  digest: (s) => canonicalJson({ counters: s.counters, applied: s.applied, resets: s.resets }),
  settled: (s) => s.counters.every((c) => c >= s.target),
  outcome: (s) => ({ counters: Object.fromEntries(s.actors.map((a, i) => [a, s.counters[i] ?? 0])), resets: s.resets }),

  parseAction(value) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('counter: action must be an object');
    const v = value as { readonly [key: string]: Json };
    const keys = Object.keys(v).sort().join(',');
    if (typeof v.actor !== 'string' || !ACTOR.test(v.actor)) throw new Error(`counter: bad actor in ${canonicalJson(value)}`);
    if (v.type === 'reset' && keys === 'actor,type') return { type: 'reset', actor: v.actor };
    if (v.type === 'inc' && keys === 'actor,by,type' && typeof v.by === 'number' && Number.isInteger(v.by) && v.by >= 1 && v.by <= 3) {
      return { type: 'inc', actor: v.actor, by: v.by };
    }
    throw new Error(`counter: not a counter action: ${canonicalJson(value)}`);
  },
};
