import { describe, expect, it } from 'vitest';
import { parseAsupersyncAction } from '../../../src/models/asupersync/actions.js';
import { parseOptions } from '../../../src/models/asupersync/options.js';
import { canonicalJson, type Json } from '../../../src/sim/json.js';
import { model } from './helpers.js';

const EVERY_ACTION: readonly Json[] = [
  { type: 'spawn', job: 3, steps: 2, outcome: 'ok', payload: 16, result: 0, snapshot: true },
  { type: 'spawn', job: 1, steps: 0, outcome: 'panic', payload: 262145, result: 262144, snapshot: false },
  { type: 'cancel', job: 2 },
  { type: 'poll', job: 2 },
  { type: 'shutdown' },
  { type: 'turn' },
  { type: 'deliver', gen: 1, to: 'worker' },
  { type: 'deliver', gen: 3, to: 'coordinator' },
  { type: 'bootstrap', gen: 2, fail: true },
  { type: 'step', gen: 1, job: 4 },
  { type: 'restart', gen: 2 },
  { type: 'recover', gen: 3 },
  { type: 'replace', gen: 4 },
  { type: 'drop', gen: 1, to: 'worker', index: 0 },
  { type: 'duplicate', gen: 1, to: 'coordinator', index: 2 },
  { type: 'reorder', gen: 1, to: 'worker', index: 1 },
  { type: 'delay', gen: 2, to: 'coordinator', index: 0 },
  { type: 'replay', gen: 1, to: 'coordinator', entry: 3 },
  { type: 'lie', gen: 1, job: 2, lie: 'finalize-without-drain', state: null },
  { type: 'lie', gen: 1, job: 2, lie: 'owned-state-snapshot', state: 'Draining' },
  { type: 'lie', gen: 1, job: 2, lie: 'terminal-snapshot', state: 'Completed' },
];

describe('parseAsupersyncAction', () => {
  it('round-trips every action shape unchanged', () => {
    for (const a of EVERY_ACTION) expect(canonicalJson(parseAsupersyncAction(a))).toBe(canonicalJson(a));
    expect(model.parseAction).toBe(parseAsupersyncAction);
  });

  it('drops unknown extra fields', () => {
    expect(parseAsupersyncAction({ type: 'turn', extra: 1 })).toEqual({ type: 'turn' });
  });

  it('hands back a canonical value itself, and a canonical copy of any other', () => {
    for (const a of EVERY_ACTION) {
      expect(parseAsupersyncAction(a)).toBe(a);
      const fields = Object.entries(a as { [key: string]: Json });
      const extra = Object.fromEntries([...fields, ['extra', 1]]) as Json;
      expect(parseAsupersyncAction(extra)).not.toBe(extra);
      expect(parseAsupersyncAction(extra)).toEqual(a);
      if (fields.length < 2) continue;
      const reordered = Object.fromEntries([...fields].reverse()) as Json;
      const parsed = parseAsupersyncAction(reordered);
      expect(parsed).not.toBe(reordered);
      expect(Object.keys(parsed)).toEqual(Object.keys(a as object));
      expect(parsed).toEqual(a);
    }
    // An enumerable key inherited from the prototype is not an own field: the copy leaves it out.
    const inherited = Object.assign(Object.create({ extra: 1 }) as { [key: string]: Json }, { type: 'turn' });
    expect(parseAsupersyncAction(inherited)).not.toBe(inherited);
    expect(canonicalJson(parseAsupersyncAction(inherited))).toBe('{"type":"turn"}');
  });

  it.each([
    [null, /must be an object/],
    [[1], /must be an object/],
    [{ type: 'fly' }, /unknown asupersync action type "fly"/],
    [{}, /unknown asupersync action type null/],
    [{ type: 'spawn', job: 0, steps: 1, outcome: 'ok', payload: 0, result: 0, snapshot: true }, /spawn action: field "job" must be an integer >= 1, got 0/],
    [{ type: 'spawn', job: 1, steps: 1.5, outcome: 'ok', payload: 0, result: 0, snapshot: true }, /field "steps"/],
    [{ type: 'spawn', job: 1, steps: 1, outcome: 'win', payload: 0, result: 0, snapshot: true }, /field "outcome" must be one of ok, err, panic, got "win"/],
    [{ type: 'spawn', job: 1, steps: 1, outcome: 'ok', payload: -1, result: 0, snapshot: true }, /field "payload"/],
    [{ type: 'spawn', job: 1, steps: 1, outcome: 'ok', payload: 0, result: 0 }, /field "snapshot" must be a boolean, got null/],
    [{ type: 'deliver', gen: 1, to: 'nowhere' }, /deliver action: field "to" must be one of worker, coordinator/],
    [{ type: 'deliver', gen: '1', to: 'worker' }, /field "gen"/],
    [{ type: 'restart', gen: 1 }, /restart action: field "gen" must be an integer >= 2/],
    [{ type: 'drop', gen: 1, to: 'worker' }, /drop action: field "index"/],
    [{ type: 'replay', gen: 1, to: 'worker', entry: -2 }, /replay action: field "entry"/],
    [{ type: 'lie', gen: 1, job: 1, lie: 'tell-truth', state: null }, /field "lie" must be one of/],
    [{ type: 'lie', gen: 1, job: 1, lie: 'owned-state-snapshot', state: 'Sleeping' }, /field "state" must be a JobState/],
    [{ type: 'lie', gen: 1, job: 1, lie: 'finalize-without-drain', state: 'Draining' }, /field "state" must be null for this lie/],
  ] as const)('rejects %j naming the bad field', (value, message) => {
    expect(() => parseAsupersyncAction(value as Json)).toThrow(message);
  });
});

describe('parseOptions', () => {
  it('accepts the defaults', () => {
    expect(parseOptions(model.defaultOptions).jobs).toBe(6);
  });

  it.each([
    [{ jobs: -1 }, /option jobs must be an integer/],
    [{ payloadSizes: [] }, /payloadSizes must be a non-empty array/],
    [{ payloadSizes: [1, 300000] }, /payloadSizes/],
    [{ cancelRate: 2 }, /option cancelRate must be a probability/],
    [{ errRate: 0.8, panicRate: 0.5 }, /errRate \+ panicRate/],
    [{ logLimit: 'x' }, /option logLimit/],
  ] as const)('rejects %j', (bad, message) => {
    expect(() => parseOptions({ ...model.defaultOptions, ...bad })).toThrow(message);
  });
});
