import { describe, expect, it } from 'vitest';
import { BatchLedger, type BatchEnd, type BatchOutcome } from '../../src/fuzz/batch-ledger.js';

const outcome = (batch: number, end: BatchEnd, failures: string[] = []): BatchOutcome<string> => ({
  batch,
  completed: end === 'all' ? 4 : 2,
  end,
  summary: { seeds: end === 'all' ? 4 : 2, failures: failures.length, steps: 10, unsettled: 0, events: {}, violated: {} },
  failures,
});

function ledgerLog(): { ledger: BatchLedger<string>; committed: number[] } {
  const committed: number[] = [];
  return { ledger: new BatchLedger<string>((b) => committed.push(b.batch)), committed };
}

describe('batch ledger', () => {
  it('commits batches in seed order whatever order they arrive in', () => {
    const { ledger, committed } = ledgerLog();
    ledger.accept(outcome(2, 'all'));
    ledger.accept(outcome(1, 'all'));
    expect(committed).toEqual([]);
    ledger.accept(outcome(0, 'all'));
    ledger.accept(outcome(3, 'all'));
    expect(committed).toEqual([0, 1, 2, 3]);
    expect(ledger.committed).toBe(4);
    expect(ledger.closer).toBeUndefined();
  });

  it('stop-at-first keeps the lowest failing batch even when higher ones report first', () => {
    const { ledger, committed } = ledgerLog();
    ledger.accept(outcome(3, 'violation', ['seed 13']));
    expect(ledger.lastUseful).toBe(3);
    ledger.accept(outcome(1, 'violation', ['seed 6']));
    expect(ledger.lastUseful).toBe(1);
    ledger.accept(outcome(2, 'all'));
    ledger.accept(outcome(0, 'all'));
    expect(committed).toEqual([0, 1]);
    expect(ledger.closer?.failures).toEqual(['seed 6']);
    ledger.accept(outcome(4, 'all'));
    expect(committed).toEqual([0, 1]);
  });

  it('a batch cut short by the deadline ends the contiguous range; later results are dropped', () => {
    const { ledger, committed } = ledgerLog();
    ledger.accept(outcome(2, 'all'));
    ledger.accept(outcome(0, 'all'));
    ledger.accept(outcome(1, 'deadline'));
    expect(committed).toEqual([0, 1]);
    expect(ledger.closer?.end).toBe('deadline');
  });

  it('rejects a batch reported twice', () => {
    const { ledger } = ledgerLog();
    ledger.accept(outcome(0, 'all'));
    expect(() => ledger.accept(outcome(0, 'all'))).toThrow(/twice/);
    ledger.accept(outcome(2, 'all'));
    expect(() => ledger.accept(outcome(2, 'all'))).toThrow(/twice/);
  });
});
