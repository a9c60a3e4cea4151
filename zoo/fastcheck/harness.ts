/**
 * The fast-check harness: one scenario of the real (or planted-bug)
 * coordinator and worker, with `fc.scheduler()` ordering every message
 * delivery, worker step and workload command.
 *
 * Details:
 * - The system is driven through the asupersync model's `apply` (the same
 *   coordinator, worker endpoints and FIFO channels lockstep drives), and
 *   judged by the same invariants after every step, so both tools test the
 *   same code against the same oracle. Only the exploration differs.
 * - Every message sent schedules one delivery task for its channel; every
 *   live job schedules a step task; a booting worker schedules its
 *   bootstrap; the workload awaits a scheduled tick before each command.
 * - After the scheduler is idle, a deterministic heal phase (the model's own
 *   heal candidates, first one each time) lets the run settle, as lockstep
 *   does, so the liveness property can be judged.
 * - Caught means what the lockstep oracle means: the variant violated its
 *   invariant, and the baseline fed the same decisions does not (for
 *   liveness: the baseline fed the same fault-phase decisions settles).
 * @module
 */
import type fc from 'fast-check';
import type { AsupersyncAction } from '../../src/models/asupersync/actions.js';
import type { AsupersyncState } from '../../src/models/asupersync/state.js';
import type { AsupersyncView } from '../../src/models/asupersync/view.js';
import { LIVENESS } from '../../src/sim/run-engine.js';
import { baselineViolates, type Decision } from '../oracle.js';
import type { ZooVariant } from '../variant.js';
import { planCommand } from './commands.js';
import { heal, modelsOf, SEED, type M } from './heal.js';
import type { Command, Scenario } from './scenario.js';

/** One scenario of one variant under one scheduler. */
export class ScenarioRun {
  private readonly model: M;
  private readonly state: AsupersyncState;
  private view: AsupersyncView;
  readonly decisions: Decision[] = [];
  /** Message of the first violation of the variant's invariant, if any. */
  violation: string | null = null;
  private readonly pendingUp = new Map<number, number>();
  private pendingDown = 0;
  private readonly pendingStep = new Set<string>();
  private readonly bootScheduled = new Set<number>();
  private restartScheduled = false;
  private deliveries = 0;
  readonly options: { readonly [k: string]: number };

  constructor(
    private readonly v: ZooVariant,
    private readonly scenario: Scenario,
    private readonly s: fc.Scheduler,
  ) {
    this.model = modelsOf(v).variant;
    const jobs = scenario.commands.filter((c) => c.kind === 'spawn').length;
    this.options = { jobs };
    this.state = this.model.init({ ...this.model.defaultOptions, jobs }, SEED);
    this.view = this.model.observe(this.state);
  }

  /** Run the scenario to the end; true when the variant's invariant was violated. */
  async run(): Promise<boolean> {
    this.pump();
    const workload = (async () => {
      for (const c of this.scenario.commands) {
        await this.s.schedule(Promise.resolve(c.kind), c.kind);
        if (this.violation !== null) return;
        this.command(c);
      }
    })();
    await this.s.waitIdle();
    await workload;
    if (this.violation === null) {
      const settled = heal(this.model, this.state, (d) => this.apply(d));
      if (!settled && this.violation === null && this.v.invariant === LIVENESS) this.violation = 'not settled within the heal bound';
    }
    return this.violation !== null;
  }

  /** Whether the baseline, fed this run's decisions, shows the same violation (see the module doc). */
  baselineAgrees(): boolean {
    const inv = this.v.invariant;
    if (inv === null) return true;
    if (inv !== LIVENESS) return baselineViolates(this.v, this.options, SEED, this.decisions, inv);
    const base = modelsOf(this.v).baseline;
    const state = base.init({ ...base.defaultOptions, ...this.options }, SEED);
    for (const d of this.decisions) {
      if (d.phase !== 'fault') break;
      try {
        base.apply(state, base.parseAction(d.decision));
      } catch {
        // A decision the baseline's state cannot take is skipped, as the engine does.
      }
    }
    return !heal(base, state, (d) => {
      base.apply(state, base.parseAction(d.decision));
      return false;
    });
  }

  // Apply one decision, check the invariants, schedule what it enabled; true once the run must stop.
  private apply(d: Decision): boolean {
    if (this.violation !== null) return true;
    const action = this.model.parseAction(d.decision);
    const effects = this.model.apply(this.state, action);
    this.decisions.push(d);
    const next = this.model.observe(this.state);
    for (const inv of this.model.invariants) {
      if (inv.name !== this.v.invariant) continue;
      const message = inv.check(this.view, next, action, effects);
      if (message !== null) this.violation = message;
    }
    this.view = next;
    if (d.phase === 'fault') this.pump();
    return this.violation !== null;
  }

  private act(action: AsupersyncAction, actor: string, fault: string | null = null): void {
    this.apply({ phase: 'fault', actor, decision: action, fault });
  }

  private later(label: string, fn: () => void): void {
    void this.s.schedule(Promise.resolve(label), label).then(() => {
      if (this.violation === null) fn();
    });
  }

  // Schedule a task for everything that became possible.
  private pump(): void {
    const st = this.state;
    const current = st.gens.length;
    for (const g of st.gens) {
      if (g.gen < current && !this.scenario.late) continue;
      const pending = this.pendingUp.get(g.gen) ?? 0;
      for (let i = pending; i < g.up.length; i++) {
        this.pendingUp.set(g.gen, (this.pendingUp.get(g.gen) ?? 0) + 1);
        this.later(`deliver up w${g.gen}`, () => this.deliverUp(g.gen));
      }
    }
    const g = st.gens[current - 1];
    if (g === undefined) return;
    const ws = g.worker.state;
    if (ws !== 'booting') {
      for (let i = this.pendingDown; i < g.down.length; i++) {
        this.pendingDown++;
        this.later(`deliver down w${g.gen}`, () => this.deliverDown(g.gen));
      }
    }
    if (ws === 'booting' && !this.bootScheduled.has(g.gen)) {
      this.bootScheduled.add(g.gen);
      this.later(`bootstrap w${g.gen}`, () => {
        if (st.gens.length !== g.gen || g.worker.state !== 'booting') return;
        const fail = this.scenario.bootFail[g.gen - 1] ?? false;
        this.act({ type: 'bootstrap', gen: g.gen, fail }, g.workerId, fail ? 'bootstrap-failure' : null);
      });
    }
    if (ws === 'ready') {
      for (const j of g.worker.jobs()) {
        const key = `${g.gen}:${j.jobId}`;
        if ((j.state !== 'Queued' && j.state !== 'Running') || this.pendingStep.has(key)) continue;
        this.pendingStep.add(key);
        this.later(`step ${key}`, () => {
          this.pendingStep.delete(key);
          const now = g.worker.jobState(j.jobId);
          if (st.gens.length === g.gen && g.worker.state === 'ready' && (now === 'Queued' || now === 'Running')) {
            this.act({ type: 'step', gen: g.gen, job: Number(j.jobId) }, g.workerId);
          }
        });
      }
    }
    const finished = ws === 'failed' || ws === 'stopped';
    if (finished && !this.restartScheduled && g.up.length === 0 && g.down.length === 0 && !this.model.settled(st)) {
      this.restartScheduled = true;
      this.later('restart', () => {
        this.restartScheduled = false;
        const h = st.gens[st.gens.length - 1];
        if (h !== g || h.up.length > 0 || h.down.length > 0) return this.pump();
        this.pendingDown = 0;
        this.act({ type: 'restart', gen: g.gen + 1 }, 'supervisor');
      });
    }
  }

  // A network fault planned for this delivery, if any, then the delivery.
  private faulted(gen: number, to: 'worker' | 'coordinator', length: number): void {
    const n = this.deliveries++;
    if (this.scenario.drop.includes(n)) return this.act({ type: 'drop', gen, to, index: 0 }, 'network', 'drop');
    if (this.scenario.dup.includes(n)) this.act({ type: 'duplicate', gen, to, index: 0 }, 'network', 'duplicate');
    else if (this.scenario.reorder.includes(n) && length >= 2) this.act({ type: 'reorder', gen, to, index: 0 }, 'network', 'reorder');
    if (this.violation !== null) return;
    const late = gen < this.state.gens.length;
    this.act({ type: 'deliver', gen, to }, to === 'coordinator' ? 'coordinator' : `w${gen}`, late ? 'late-message' : null);
  }

  private deliverUp(gen: number): void {
    this.pendingUp.set(gen, (this.pendingUp.get(gen) ?? 1) - 1);
    const g = this.state.gens[gen - 1];
    if (g === undefined || g.up.length === 0) return;
    this.faulted(gen, 'coordinator', g.up.length);
  }

  private deliverDown(gen: number): void {
    if (gen !== this.state.gens.length) return;
    this.pendingDown--;
    const g = this.state.gens[gen - 1];
    if (g === undefined || g.down.length === 0 || g.worker.state === 'booting') return;
    this.faulted(gen, 'worker', g.down.length);
  }

  private command(c: Command): void {
    const planned = planCommand(this.state, c);
    if (planned === null) return;
    if (planned.action.type === 'replace') this.pendingDown = 0;
    this.act(planned.action, planned.actor, planned.fault);
  }
}
