import { describe, expect, it } from 'vitest';
import { asupersyncModel } from '../../../src/models/asupersync/model.js';
import type { AsupersyncAction } from '../../../src/models/asupersync/actions.js';

const spawn: AsupersyncAction = { type: 'spawn', job: 1, steps: 0, outcome: 'ok', payload: 16, result: 0, snapshot: false };

describe('asupersync describe', () => {
  it('names the message a delivery moves, in protocol words', () => {
    const s = asupersyncModel.init(asupersyncModel.defaultOptions, 1n);
    const d = (a: AsupersyncAction): string => asupersyncModel.describe?.(s, a) ?? '';
    expect(d({ type: 'bootstrap', gen: 1, fail: false })).toBe('bootstrap w1');
    asupersyncModel.apply(s, { type: 'bootstrap', gen: 1, fail: false });
    expect(d({ type: 'deliver', gen: 1, to: 'coordinator' })).toBe('deliver BootstrapReady from worker w1 to coordinator');
    asupersyncModel.apply(s, { type: 'deliver', gen: 1, to: 'coordinator' });
    expect(d(spawn)).toBe('spawn job 1 (0 steps, ok, payload 16)');
    asupersyncModel.apply(s, spawn);
    asupersyncModel.apply(s, { type: 'cancel', job: 1 });
    expect(d({ type: 'deliver', gen: 1, to: 'worker' })).toBe('deliver SpawnJob(1) to worker w1');
    expect(d({ type: 'duplicate', gen: 1, to: 'worker', index: 1 })).toBe('duplicate CancelJob(1) to worker w1');
    expect(d({ type: 'deliver', gen: 2, to: 'worker' })).toBe('deliver ? to worker w2');
  });
});
