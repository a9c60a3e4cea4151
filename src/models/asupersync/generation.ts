/**
 * Worker generations: worker `gen` has id `w<gen>`, a real `WorkerEndpoint`
 * ({@link SimWorker}) and two channels. Only the newest generation is alive.
 *
 * Details:
 * - Older generations are dead: they never act again, but their
 *   worker→coordinator channel keeps what they sent, which the
 *   `late-message` fault may still deliver. A dead worker's inbound channel
 *   is discarded when it is replaced, as a terminated worker's port is.
 * - The behaviour lookup of each endpoint reads the state's job plans, so
 *   the endpoint stays a pure function of the recorded actions.
 * - Channels copy envelopes with the hand-written `copyEnvelope`, not
 *   `structuredClone` (same copy semantics, a fraction of the cost), and keep
 *   each envelope's replay-hash words for the digest (`ENVELOPE_KEY`).
 *
 * Gotcha: {@link live} is how `apply` refuses to let a dead worker act; a
 * trace that tries is malformed and the step throws.
 *
 * @example
 * ```ts
 * const g = addGeneration(state, 2); // the previous generation is now dead
 * live(state, 2, 'step') === g; // true
 * ```
 * @module
 */
import type { WorkerEnvelope, WorkerOp } from '../../protocol/index.js';
import { Channel } from '../../sim/channel.js';
import type { Candidate } from '../../sim/model.js';
import type { AsupersyncAction } from './actions.js';
import { WorkerEndpoint, type JobBehaviour } from '../../worker/index.js';
import { ENVELOPE_KEY } from './channel-words.js';
import { copyEnvelope } from './envelope-copy.js';
import { planOutcome } from './ops.js';
import type { AsupersyncState } from './state.js';

/** A worker endpoint that a faulty-worker fault can make lie. */
export class SimWorker extends WorkerEndpoint {
  /** Send `op` stamped as this worker's next envelope, without changing any job: a protocol step the worker skips or fakes. */
  forge(op: WorkerOp): void {
    this.emit(op);
  }
}

/** One worker generation and its two channels. */
export interface Generation {
  readonly gen: number;
  readonly workerId: string;
  readonly worker: SimWorker;
  /** Coordinator → worker. */
  readonly down: Channel<WorkerEnvelope>;
  /** Worker → coordinator. */
  readonly up: Channel<WorkerEnvelope>;
  /** Jobs whose `CancelJob` this worker acknowledged. */
  readonly cancelsSeen: Set<number>;
  /**
   * The coordinator has ended this worker's session: it processed this
   * worker's `ShutdownCompleted` or `BootstrapFailed`, a bootstrap from a
   * newer generation, or a bootstrap from anyone while this worker was active.
   * Never reset.
   */
  retired: boolean;
  /** Envelopes this worker has sent (its next `seqNo` is this + 1). */
  sent: number;
  /** Highest `seqNo` this worker has emitted (0 before its first envelope); `worker-seq-monotonic` compares against it. */
  seqHigh: bigint;
  /** This generation's transport candidates, the same every time they are offered: built once, frozen. */
  readonly offers: GenerationOffers;
}

/** The candidates `transportCandidates` offers for one generation. */
export interface GenerationOffers {
  /** Deliver the head of `up` to the coordinator. */
  readonly toCoordinator: Candidate<AsupersyncAction>;
  /** Deliver the head of `down` to the worker. */
  readonly toWorker: Candidate<AsupersyncAction>;
  /** The worker's own bootstrap (not the injected failure). */
  readonly bootstrap: Candidate<AsupersyncAction>;
}

function offersOf(gen: number, workerId: string): GenerationOffers {
  const offer = (action: AsupersyncAction, actor: string): Candidate<AsupersyncAction> => Object.freeze({ action: Object.freeze(action), actor });
  return Object.freeze({
    toCoordinator: offer({ type: 'deliver', gen, to: 'coordinator' }, 'coordinator'),
    toWorker: offer({ type: 'deliver', gen, to: 'worker' }, workerId),
    bootstrap: offer({ type: 'bootstrap', gen, fail: false }, workerId),
  });
}

/** The newest (only live) generation. */
export function currentGen(s: AsupersyncState): Generation {
  return s.gens[s.gens.length - 1] as Generation;
}

/** Generation `gen`; throws if it does not exist. */
export function genOf(s: AsupersyncState, gen: number): Generation {
  const g = s.gens[gen - 1];
  if (g === undefined) throw new Error(`asupersync: no worker generation ${gen} (have 1..${s.gens.length})`);
  return g;
}

/** Append a new live generation `gen`; the behaviour lookup reads the state's plans. */
export function addGeneration(s: AsupersyncState, gen: number): Generation {
  const workerId = `w${gen}`;
  const behaviour = (req: { readonly jobId: bigint }): JobBehaviour => {
    const job = Number(req.jobId);
    const plan = s.plans.get(job);
    // A job id no plan knows (a replayed spawn of a forgotten id cannot happen, but stay total): finish at once.
    if (plan === undefined) return { steps: 0, outcome: { status: 'Ok', payload: new Uint8Array() } };
    return { steps: plan.steps, outcome: planOutcome(job, plan), snapshotOnStart: plan.snapshot };
  };
  const logLimit = s.options.logLimit;
  const g: Generation = {
    gen,
    workerId,
    worker: s.parts.worker({ workerId, seed: s.seed, behaviour }),
    down: new Channel<WorkerEnvelope>(`coordinator->${workerId}`, { logLimit, clone: copyEnvelope, key: ENVELOPE_KEY }),
    up: new Channel<WorkerEnvelope>(`${workerId}->coordinator`, { logLimit, clone: copyEnvelope, key: ENVELOPE_KEY }),
    cancelsSeen: new Set(),
    retired: false,
    sent: 0,
    seqHigh: 0n,
    offers: offersOf(gen, workerId),
  };
  s.gens.push(g);
  return g;
}

/** The live generation `gen`; throws if it is dead or unknown. */
export function live(s: AsupersyncState, gen: number, what: string): Generation {
  const g = genOf(s, gen);
  if (gen !== s.gens.length) throw new Error(`asupersync: worker ${g.workerId} is dead and cannot ${what}`);
  return g;
}
