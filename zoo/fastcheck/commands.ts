/**
 * What a fast-check {@link Command} means in the current state: the model
 * action it becomes, or `null` when the state does not allow it now (the
 * same conditions under which lockstep's candidates would offer it).
 * @module
 */
import type { AsupersyncAction } from '../../src/models/asupersync/actions.js';
import { canSpawn } from '../../src/models/asupersync/candidates.js';
import type { AsupersyncState } from '../../src/models/asupersync/state.js';
import { isTerminal, MAX_PAYLOAD_BYTES } from '../../src/protocol/index.js';
import type { Command } from './scenario.js';

/** An action with the actor that takes it and the fault it injects, if any. */
export interface Planned {
  readonly action: AsupersyncAction;
  readonly actor: string;
  readonly fault: string | null;
}

/** The action `c` stands for now, or null. */
export function planCommand(st: AsupersyncState, c: Command): Planned | null {
  const co = st.coordinator;
  const g = st.gens[st.gens.length - 1];
  if (g === undefined) return null;
  switch (c.kind) {
    case 'spawn': {
      if (!canSpawn(st)) return null;
      const limit = c.payload >= MAX_PAYLOAD_BYTES || c.result >= MAX_PAYLOAD_BYTES;
      const action: AsupersyncAction = { type: 'spawn', job: st.nextJob, steps: c.steps, outcome: c.outcome, payload: c.payload, result: c.result, snapshot: c.snapshot };
      return { action, actor: 'workload', fault: limit ? 'payload-limit' : null };
    }
    case 'cancel': {
      const s = co.jobState(BigInt(c.job));
      if (co.isShutdownRequested() || (s !== 'Queued' && s !== 'Running')) return null;
      return { action: { type: 'cancel', job: c.job }, actor: 'workload', fault: null };
    }
    case 'poll': {
      const s = co.jobState(BigInt(c.job));
      if (co.isShutdownRequested() || s === undefined || isTerminal(s)) return null;
      return { action: { type: 'poll', job: c.job }, actor: 'workload', fault: null };
    }
    case 'shutdown':
      if (co.isShutdownRequested() || !co.isWorkerReady()) return null;
      return { action: { type: 'shutdown' }, actor: 'workload', fault: null };
    case 'replace': {
      const ws = g.worker.state;
      const busy = co.inflightCount() > 0 || g.up.length > 0 || g.down.length > 0;
      if ((ws !== 'booting' && ws !== 'ready') || !busy) return null;
      return { action: { type: 'replace', gen: g.gen + 1 }, actor: 'supervisor', fault: 'worker-replaced' };
    }
    case 'lie': {
      const w = g.worker.jobState(BigInt(c.job));
      if (g.worker.state !== 'ready' || w === undefined) return null;
      if (c.lie === 'finalize-without-drain' && (w === 'Finalizing' || w === 'Completed')) return null;
      if (c.lie === 'completed-while-finalizing' && w !== 'Draining' && w !== 'Finalizing') return null;
      return { action: { type: 'lie', gen: g.gen, job: c.job, lie: c.lie, state: c.state }, actor: g.workerId, fault: 'faulty-worker' };
    }
    default: {
      const never: never = c;
      throw new Error(`zoo fast-check: unknown command ${JSON.stringify(never)}`);
    }
  }
}
