import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Channel, type ChannelKey } from '../../src/sim/channel.js';

type Msg = { n: number; tag: string };

// Width 3, each number distinct per message, so a pair swapped or shifted by one number shows.
const KEY: ChannelKey<Msg> = { width: 3, push: (m, out) => void out.push(m.n, m.n * 7 + 1, m.tag.length) };

const keysOf = (msgs: readonly Msg[]): number[] => msgs.flatMap((m) => [m.n, m.n * 7 + 1, m.tag.length]);

type Op =
  | { readonly type: 'send'; readonly n: number }
  | { readonly type: 'deliver' }
  | { readonly type: 'drop' | 'duplicate' | 'reorder' | 'delay' | 'replay'; readonly at: number }
  | { readonly type: 'clear' };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ type: fc.constant('send' as const), n: fc.integer({ min: 0, max: 1000 }) }),
  fc.constant({ type: 'deliver' as const }),
  fc.constant({ type: 'deliver' as const }),
  fc.record({ type: fc.constantFrom('drop' as const, 'duplicate' as const, 'reorder' as const, 'delay' as const, 'replay' as const), at: fc.nat(20) }),
  fc.constant({ type: 'clear' as const }),
);

/** Apply `o` to `ch`, its index taken modulo what the operation allows (skipped when nothing can take it). */
function apply(ch: Channel<Msg>, o: Op): void {
  const q = ch.length;
  switch (o.type) {
    case 'send':
      ch.send({ n: o.n, tag: 'x'.repeat(o.n % 5) });
      return;
    case 'deliver':
      ch.deliver();
      return;
    case 'drop':
      if (q > 0) ch.drop(o.at % q);
      return;
    case 'duplicate':
      if (q > 0) ch.duplicate(o.at % q);
      return;
    case 'reorder':
      if (q > 1) ch.reorder(o.at % (q - 1));
      return;
    case 'delay':
      if (q > 0) ch.delay(o.at % q);
      return;
    case 'replay': {
      const l = ch.deliveredLog().length;
      if (l > 0) ch.replayDelivered(o.at % l);
      return;
    }
    case 'clear':
      ch.clear();
      return;
    default: {
      const never: never = o;
      throw new Error(`unknown op ${JSON.stringify(never)}`);
    }
  }
}

describe('Channel message keys', () => {
  it('stay in lockstep with the queue and the log through every operation and fault', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 5 }), fc.array(op, { maxLength: 80 }), (logLimit, ops) => {
        const ch = new Channel<Msg>('keys', { logLimit, key: KEY });
        for (const o of ops) {
          apply(ch, o);
          expect(ch.queueKeys()).toEqual(keysOf(ch.items()));
          expect(ch.logKeys()).toEqual(keysOf(ch.deliveredLog()));
        }
      }),
      { numRuns: 400 },
    );
  });

  it('are empty without a key, and the key width is checked', () => {
    const plain = new Channel<Msg>('plain');
    plain.send({ n: 1, tag: 'a' });
    plain.deliver();
    plain.send({ n: 2, tag: 'b' });
    expect(plain.keyWidth).toBe(0);
    expect(plain.queueKeys()).toEqual([]);
    expect(plain.logKeys()).toEqual([]);
    expect(() => new Channel<Msg>('bad', { key: { width: 0, push: () => undefined } })).toThrow(RangeError);
    const liar = new Channel<Msg>('liar', { key: { width: 2, push: (m, out) => void out.push(m.n) } });
    expect(() => liar.send({ n: 1, tag: '' })).toThrow(/key pushed 1 numbers, its width is 2/);
  });
});
