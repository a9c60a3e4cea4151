/**
 * The fast-check side of the head-to-head: the workload and fault plan as
 * fast-check arbitraries, written the way a fast-check user would describe
 * "a main thread that spawns, cancels, polls and shuts down, a supervisor
 * that may replace the worker, and a network that may lose, copy or swap a
 * message". The scheduler (`fc.scheduler()`) decides every interleaving.
 *
 * Fault kinds fast-check expresses here: worker replacement, bootstrap
 * failure, late messages from a replaced worker, drop, duplicate, reorder,
 * a faulty worker's lies and payloads at and over the limit. Delay and the
 * replay of an old envelope have no natural counterpart and are left out.
 * @module
 */
import fc from 'fast-check';
import type { Lie, OutcomeKind } from '../../src/models/asupersync/actions.js';
import { MAX_PAYLOAD_BYTES, type JobState } from '../../src/protocol/index.js';

/** One thing the main thread (or the supervisor, or a faulty worker) does. */
export type Command =
  | { readonly kind: 'spawn'; readonly steps: number; readonly outcome: OutcomeKind; readonly payload: number; readonly result: number; readonly snapshot: boolean }
  | { readonly kind: 'cancel' | 'poll'; readonly job: number }
  | { readonly kind: 'shutdown' | 'replace' }
  | { readonly kind: 'lie'; readonly job: number; readonly lie: Lie; readonly state: JobState | null };

/** A whole test case: commands in order plus the fault plan. */
export interface Scenario {
  readonly commands: readonly Command[];
  /** Generation `i + 1` fails its bootstrap. */
  readonly bootFail: readonly boolean[];
  /** Ordinals (over all deliveries of a run) of messages to drop, duplicate, or swap with the next. */
  readonly drop: readonly number[];
  readonly dup: readonly number[];
  readonly reorder: readonly number[];
  /** Whether a replaced worker's messages still in flight are delivered. */
  readonly late: boolean;
}

const size = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(0, 16, 1024) }, { weight: 1, arbitrary: fc.constantFrom(MAX_PAYLOAD_BYTES, MAX_PAYLOAD_BYTES + 1) });
const job = fc.integer({ min: 1, max: 6 });

const spawn = fc.record({
  kind: fc.constant('spawn' as const),
  steps: fc.integer({ min: 0, max: 3 }),
  outcome: fc.constantFrom<OutcomeKind>('ok', 'ok', 'ok', 'err', 'panic'),
  payload: size,
  result: size,
  snapshot: fc.boolean(),
});

const lie = fc.oneof(
  fc.record({ kind: fc.constant('lie' as const), job, lie: fc.constantFrom<Lie>('finalize-without-drain', 'completed-while-finalizing'), state: fc.constant(null) }),
  fc.record({ kind: fc.constant('lie' as const), job, lie: fc.constant<Lie>('owned-state-snapshot'), state: fc.constantFrom<JobState>('Created', 'CancelRequested', 'Draining', 'Finalizing') }),
  fc.record({ kind: fc.constant('lie' as const), job, lie: fc.constant<Lie>('terminal-snapshot'), state: fc.constantFrom<JobState>('Completed', 'Failed') }),
);

/** The command mix: mostly spawns, then cancels and polls, rarely a shutdown, a replacement or a lie. */
export const commandArb: fc.Arbitrary<Command> = fc.oneof(
  { weight: 6, arbitrary: spawn },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('cancel' as const), job }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('poll' as const), job }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constantFrom('shutdown' as const, 'replace' as const) }) },
  { weight: 1, arbitrary: lie },
);

const ordinals = fc.uniqueArray(fc.nat(40), { maxLength: 2 });

/** A scenario: up to 16 commands and a small fault plan. */
export const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  commands: fc.array(commandArb, { minLength: 1, maxLength: 16 }),
  bootFail: fc.array(fc.boolean(), { maxLength: 3 }),
  drop: ordinals,
  dup: ordinals,
  reorder: ordinals,
  late: fc.boolean(),
});
