/**
 * `WorkerEndpoint`: the worker half of the asupersync coordination protocol,
 * as a deterministic, pure state machine. The Rust seed only has the
 * coordinator; this is the peer it expects.
 *
 * The caller drives everything: it delivers coordinator envelopes with
 * {@link WorkerEndpoint.handleInbound}, lets jobs progress with
 * {@link WorkerEndpoint.stepJob}, advances the host turn with
 * {@link WorkerEndpoint.advanceTurn} and collects replies with
 * {@link WorkerEndpoint.drainOutbox}. There is no I/O, clock or randomness.
 * Per-job rules (spawn, step, poll, cancel, drain, finalize) live in
 * `job-table.ts`; this file owns lifecycle, inbound checks, stamping and the outbox.
 *
 * Rules:
 * - **Lifecycle** `booting → ready | failed`, `ready → stopped`. `bootstrap()`
 *   sends `BootstrapReady`, or `BootstrapFailed` when the endpoint was built
 *   with `bootstrapFailure` (or `failBootstrap(reason)` is called). Only a
 *   `ready` endpoint accepts envelopes or steps jobs: `booting` and `failed`
 *   refuse with `WorkerNotReady`, `stopped` with `ShutdownInProgress`.
 *   Bootstrapping twice is `AlreadyBootstrapped`.
 * - **Stamping.** Every envelope sent carries this `workerId`, the seed given
 *   at construction, the current turn, and the endpoint's own `messageId`,
 *   `seqNo` and `decisionSeq` counters, each starting at 1 and increasing by 1.
 * - **Inbound checks, in order:** lifecycle; `validateEnvelope` (version,
 *   replay hash, no `workerId` on coordinator envelopes, payload size);
 *   direction (a worker-originated op is `UnexpectedDirection`); freshness
 *   (`seqNo` must exceed the highest accepted so far, else
 *   `InboundSequenceNotFresh`). Then the `seqNo` is recorded and the op applied.
 *   One endpoint is one coordinator session, so the high-water mark never resets.
 * - `ShutdownWorker` sends `ShutdownCompleted` and stops the endpoint.
 *
 * Gotchas:
 * - As in the coordinator, an envelope that passes the freshness check
 *   consumes its `seqNo` even if its op is then refused (e.g. `UnknownJobId`).
 * - Unlike the coordinator, direction is checked *before* freshness, so a
 *   looped-back worker envelope (whose `seqNo` is in the worker's own
 *   sequence space) cannot raise the high-water mark.
 * - After `ShutdownWorker`, jobs still live are abandoned as they stand; the
 *   coordinator fails them when it receives `ShutdownCompleted`. Envelopes
 *   already in the outbox stay there, ahead of `ShutdownCompleted`.
 * - Settled jobs stay tracked (for `settledJobs()` and to recognise a late
 *   `CancelJob`) until {@link WorkerEndpoint.forgetJob}; after that the id is
 *   unknown and may be spawned again, as with the coordinator's `removeJob`.
 * - Faulty workers: subclass and override {@link WorkerEndpoint.stamp}
 *   (reuse a `seqNo`, wrong `workerId`, corrupt the hash) or
 *   {@link WorkerEndpoint.emit} (drop, duplicate, hold back). This class
 *   injects no faults itself.
 *
 * @example
 * ```ts
 * const worker = new WorkerEndpoint({
 *   workerId: 'w-1', seed: 42n, snapshotOnStart: true,
 *   behaviour: () => ({ steps: 1, outcome: { status: 'Ok', payload: new Uint8Array() } }),
 * });
 * worker.bootstrap();
 * coordinator.handleInbound(worker.drainOutbox()!); // BootstrapReady
 * coordinator.spawnJob(1n, 100n, 200n, 300n, new Uint8Array());
 * worker.handleInbound(coordinator.drainOutbox()!); // SpawnJob: job 1 Queued
 * worker.stepJob(1n); // Running; StatusSnapshot(Running) queued
 * worker.stepJob(1n); // Completed; JobCompleted queued
 * ```
 * @module
 */
import {
  isCoordinatorOp,
  rustDiscriminant,
  validateEnvelope,
  type WorkerEnvelope,
  type WorkerOp,
} from '../protocol/index.js';
import { EnvelopeCounters } from '../protocol/envelope-counters.js';
import { EnvelopeQueue } from '../protocol/envelope-queue.js';
import type { BehaviourLookup } from './job-behaviour.js';
import { HANDLED, JobTable, type InboundNote, type StepNote } from './job-table.js';
import { workerErr, type WorkerEndpointState, type WorkerResult } from './worker-errors.js';
import type { SettledJob, SettledVia, WorkerJobState, WorkerJobView } from './worker-job.js';

/** Construction options of a {@link WorkerEndpoint}. */
export interface WorkerEndpointOptions {
  /** Runtime instance id stamped on every envelope and reported at bootstrap. */
  readonly workerId: string;
  /** Deterministic seed stamped on every envelope. */
  readonly seed: bigint;
  /** Picks each spawned job's behaviour; must be pure. */
  readonly behaviour: BehaviourLookup;
  /** Send `StatusSnapshot(Running)` when a job starts (default `false`); a behaviour may override. */
  readonly snapshotOnStart?: boolean;
  /** When set, `bootstrap()` reports `BootstrapFailed` with this reason. */
  readonly bootstrapFailure?: string;
}

type CoordinatorOp = Extract<
  WorkerOp,
  { readonly type: 'SpawnJob' | 'PollStatus' | 'CancelJob' | 'DrainJob' | 'FinalizeJob' | 'ShutdownWorker' }
>;

function fromCoordinator(op: WorkerOp): op is CoordinatorOp {
  return isCoordinatorOp(op.type);
}

const NOT_READY = workerErr<never>({ kind: 'WorkerNotReady' });
const STOPPED = workerErr<never>({ kind: 'ShutdownInProgress' });

/** The worker side of the coordination protocol. */
export class WorkerEndpoint {
  /** Runtime instance id of this worker. */
  readonly workerId: string;
  /** Deterministic seed stamped on every envelope. */
  readonly seed: bigint;
  protected lifecycle: WorkerEndpointState = 'booting';
  protected readonly bootstrapFailure: string | null;
  protected readonly table: JobTable;
  protected readonly outbox = new EnvelopeQueue();
  protected readonly counters = new EnvelopeCounters();
  protected turn = 0n;
  protected lastInbound = 0n;

  constructor(options: WorkerEndpointOptions) {
    this.workerId = options.workerId;
    this.seed = options.seed;
    this.bootstrapFailure = options.bootstrapFailure ?? null;
    this.table = new JobTable(options.behaviour, options.snapshotOnStart ?? false, (op) => this.emit(op));
  }

  /** Report bootstrap: `BootstrapReady`, or `BootstrapFailed` if built with `bootstrapFailure`. The value is the new state. */
  bootstrap(): WorkerResult<WorkerEndpointState> {
    if (this.bootstrapFailure !== null) return this.failBootstrap(this.bootstrapFailure);
    if (this.lifecycle !== 'booting') return workerErr({ kind: 'AlreadyBootstrapped', state: this.lifecycle });
    this.emit({ type: 'BootstrapReady', workerId: this.workerId });
    this.lifecycle = 'ready';
    return { ok: true, value: this.lifecycle };
  }

  /** Report `BootstrapFailed { reason }`; the endpoint then accepts nothing. */
  failBootstrap(reason: string): WorkerResult<WorkerEndpointState> {
    if (this.lifecycle !== 'booting') return workerErr({ kind: 'AlreadyBootstrapped', state: this.lifecycle });
    this.emit({ type: 'BootstrapFailed', workerId: this.workerId, reason });
    this.lifecycle = 'failed';
    return { ok: true, value: this.lifecycle };
  }

  /** Advance the host turn stamped on later envelopes. */
  advanceTurn(): void {
    this.turn += 1n;
  }

  /** Process one coordinator envelope (see the module doc for the checks and their order). */
  handleInbound(envelope: WorkerEnvelope): WorkerResult<InboundNote> {
    const closed = this.refusal();
    if (closed !== undefined) return closed;
    const invalid = validateEnvelope(envelope);
    if (invalid !== undefined) return workerErr(invalid);
    const op = envelope.op;
    if (!fromCoordinator(op)) return workerErr({ kind: 'UnexpectedDirection', op: rustDiscriminant(op.type) });
    if (envelope.seqNo <= this.lastInbound) {
      return workerErr({ kind: 'InboundSequenceNotFresh', lastSeen: this.lastInbound, actual: envelope.seqNo });
    }
    this.lastInbound = envelope.seqNo;
    switch (op.type) {
      case 'SpawnJob':
        return this.table.spawn(op.request);
      case 'PollStatus':
        return this.table.poll(op.jobId);
      case 'CancelJob':
        return this.table.cancel(op.jobId, op.reason);
      case 'DrainJob':
        return this.table.drain(op.jobId);
      case 'FinalizeJob':
        return this.table.finalize(op.jobId);
      case 'ShutdownWorker':
        this.emit({ type: 'ShutdownCompleted' });
        this.lifecycle = 'stopped';
        return HANDLED;
      default: {
        const never: never = op;
        return never;
      }
    }
  }

  /** Let a job make one unit of progress (rules in `job-table.ts`). */
  stepJob(jobId: bigint): WorkerResult<StepNote> {
    return this.refusal() ?? this.table.step(jobId);
  }

  /** Stop tracking a settled job; `false` (and nothing changes) if the job is unknown or not settled. */
  forgetJob(jobId: bigint): boolean {
    return this.table.forget(jobId);
  }

  /** Pop the next outbound envelope, if any. */
  drainOutbox(): WorkerEnvelope | undefined {
    return this.outbox.shift();
  }

  // ── Observation (read-only) ──

  /** Lifecycle state. */
  get state(): WorkerEndpointState {
    return this.lifecycle;
  }

  /** Highest coordinator `seqNo` accepted (0 before any). */
  get lastInboundSeqNo(): bigint {
    return this.lastInbound;
  }

  /** Current host turn. */
  get currentTurn(): bigint {
    return this.turn;
  }

  /** Envelopes still queued, oldest first, without removing them. */
  pendingOutbox(): readonly WorkerEnvelope[] {
    return this.outbox.pending();
  }

  /** How many envelopes are queued: `pendingOutbox().length` without the copy (read after every step by the asupersync digest). */
  get pendingCount(): number {
    return this.outbox.size;
  }

  /** Worker-side state of a tracked job. */
  jobState(jobId: bigint): WorkerJobState | undefined {
    return this.table.state(jobId);
  }

  /** Ids of the tracked jobs whose state is in `states`, sorted by job id: a cheap `jobs()` filter that builds no views. */
  jobIdsIn(states: ReadonlySet<WorkerJobState>): bigint[] {
    return this.table.idsIn(states);
  }

  /** Every tracked job, sorted by job id. */
  jobs(): readonly WorkerJobView[] {
    return this.table.views();
  }

  /**
   * Every tracked job, sorted by job id, as the endpoint's own records typed
   * read-only: what `jobs()` and `settledJobs()` show together (`via` is how a
   * settled job settled, null until `Completed`), without a copy per job, for
   * a caller that reads every job after every step (the asupersync model's
   * state digest and view).
   * Gotcha: the records change as the worker runs, and the array is replaced
   * when a job is spawned or forgotten, so read them at once and keep nothing.
   */
  jobRecords(): readonly (WorkerJobView & { readonly via: SettledVia | null })[] {
    return this.table.ordered();
  }

  /** Every tracked settled job with its outcome and how it settled, sorted by job id. */
  settledJobs(): readonly SettledJob[] {
    return this.table.settled();
  }

  // ── Extension points for a faulty worker ──

  /** Build the next envelope for `op`, consuming one value of each counter. */
  protected stamp(op: WorkerOp): WorkerEnvelope {
    return this.counters.next(this.workerId, this.seed, this.turn, op);
  }


  /** Send `op`: stamp it and append it to the outbox. */
  protected emit(op: WorkerOp): void {
    this.outbox.push(this.stamp(op));
  }

  protected refusal(): WorkerResult<never> | undefined {
    if (this.lifecycle === 'ready') return undefined;
    return this.lifecycle === 'stopped' ? STOPPED : NOT_READY;
  }
}
