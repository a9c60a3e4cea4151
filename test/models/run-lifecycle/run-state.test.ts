import { describe, expect, it } from 'vitest';
import { isRunState, isTerminal, isValidTransition, RUN_STATES, validTransitions } from '../../../src/models/run-lifecycle/run-state.js';

// The assumed table (the seed does not include transitions.rs), spelled out edge by edge.
const EDGES = new Set([
  'Scheduled>Ready',
  'Scheduled>Canceled',
  'Ready>Leased',
  'Ready>Canceled',
  'Leased>Running',
  'Leased>Ready',
  'Leased>Canceled',
  'Running>RetryWait',
  'Running>Completed',
  'Running>Failed',
  'Running>Canceled',
  'RetryWait>Ready',
  'RetryWait>Failed',
  'RetryWait>Canceled',
]);

describe('run-state transition table', () => {
  it('accepts exactly the listed edges over all 64 pairs', () => {
    for (const from of RUN_STATES) {
      for (const to of RUN_STATES) {
        expect(isValidTransition(from, to), `${from} -> ${to}`).toBe(EDGES.has(`${from}>${to}`));
      }
    }
  });

  it('has no edge out of a terminal state and marks exactly Completed, Failed, Canceled terminal', () => {
    expect(RUN_STATES.filter(isTerminal)).toEqual(['Completed', 'Failed', 'Canceled']);
    for (const s of RUN_STATES.filter(isTerminal)) expect(validTransitions(s)).toEqual([]);
  });

  it('contains the documented spine Scheduled→Ready→Leased→Running→RetryWait→Ready', () => {
    const spine = ['Scheduled', 'Ready', 'Leased', 'Running', 'RetryWait', 'Ready'] as const;
    for (let i = 1; i < spine.length; i++) expect(isValidTransition(spine[i - 1]!, spine[i]!)).toBe(true);
  });

  it('recognises serde spellings only', () => {
    expect(isRunState('RetryWait')).toBe(true);
    expect(isRunState('retry_wait')).toBe(false);
    expect(isRunState(3)).toBe(false);
  });
});
