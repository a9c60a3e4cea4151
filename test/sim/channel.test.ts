import { describe, expect, it } from 'vitest';
import { Channel } from '../../src/sim/channel.js';

type Msg = { n: number; body: { tags: string[]; big: bigint; bytes: Uint8Array } };

const msg = (n: number): Msg => ({ n, body: { tags: [`t${n}`], big: BigInt(n) << 60n, bytes: new Uint8Array([n]) } });

function filled(...ns: number[]): Channel<Msg> {
  const ch = new Channel<Msg>('test');
  for (const n of ns) ch.send(msg(n));
  return ch;
}

const queued = (ch: Channel<Msg>): number[] => ch.items().map((m) => m.n);

function drain(ch: Channel<Msg>): number[] {
  const out: number[] = [];
  for (let m = ch.deliver(); m !== undefined; m = ch.deliver()) out.push(m.n);
  return out;
}

describe('Channel', () => {
  it('is FIFO and empty-safe', () => {
    const ch = filled(1, 2, 3);
    expect(ch.length).toBe(3);
    expect(ch.peek()?.n).toBe(1);
    expect(ch.peek(2)?.n).toBe(3);
    expect(ch.peek(3)).toBeUndefined();
    expect(drain(ch)).toEqual([1, 2, 3]);
    expect(ch.deliver()).toBeUndefined();
    expect(ch.length).toBe(0);
    expect(ch.deliveredCount).toBe(3);
  });

  it('copies on send: a sender mutating its object afterwards changes nothing in flight', () => {
    const ch = new Channel<Msg>('test');
    const original = msg(1);
    ch.send(original);
    original.n = 99;
    original.body.tags.push('mutated');
    original.body.bytes[0] = 42;
    const got = ch.deliver();
    expect(got?.n).toBe(1);
    expect(got?.body.tags).toEqual(['t1']);
    expect(got?.body.bytes[0]).toBe(1);
  });

  it('copies on deliver: mutating a delivered message never affects the queue, the log or the sender', () => {
    const ch = new Channel<Msg>('test');
    const original = msg(1);
    ch.send(original);
    ch.duplicate(0);
    const first = ch.deliver() as Msg;
    first.n = 7;
    first.body.tags.push('x');
    first.body.big = 0n;
    first.body.bytes[0] = 200;
    // The duplicate still queued, the logged copy and the sender's object are untouched.
    expect(ch.peek()?.n).toBe(1);
    expect(ch.peek()?.body.tags).toEqual(['t1']);
    expect(ch.deliveredLog()[0]?.body.bytes[0]).toBe(1);
    expect(original).toEqual(msg(1));
    const second = ch.deliver() as Msg;
    expect(second).toEqual(msg(1));
    expect(second).not.toBe(first);
    // Two deliveries of replays are distinct objects too.
    ch.replayDelivered(0);
    ch.replayDelivered(0);
    const a = ch.deliver();
    const b = ch.deliver();
    expect(a).toEqual(msg(1));
    expect(a).not.toBe(b);
    expect(a?.body.bytes).not.toBe(b?.body.bytes);
  });

  it('keeps bigints and typed arrays through structured clone', () => {
    const ch = filled(3);
    const got = ch.deliver() as Msg;
    expect(got.body.big).toBe(3n << 60n);
    expect(got.body.bytes).toBeInstanceOf(Uint8Array);
  });

  it('drop removes the message at an index and returns it', () => {
    const ch = filled(1, 2, 3);
    expect(ch.drop(1).n).toBe(2);
    expect(queued(ch)).toEqual([1, 3]);
    expect(ch.drop(0).n).toBe(1);
    expect(drain(ch)).toEqual([3]);
  });

  it('duplicate inserts an independent copy right behind the original', () => {
    const ch = filled(1, 2);
    ch.duplicate(0);
    expect(queued(ch)).toEqual([1, 1, 2]);
    expect(ch.peek(0)).not.toBe(ch.peek(1));
    ch.duplicate(2);
    expect(drain(ch)).toEqual([1, 1, 2, 2]);
  });

  it('reorder swaps i and i+1', () => {
    const ch = filled(1, 2, 3);
    ch.reorder(1);
    expect(queued(ch)).toEqual([1, 3, 2]);
    ch.reorder(0);
    expect(drain(ch)).toEqual([3, 1, 2]);
  });

  it('delay moves a message to the back', () => {
    const ch = filled(1, 2, 3);
    ch.delay(0);
    expect(queued(ch)).toEqual([2, 3, 1]);
    ch.delay(2);
    expect(drain(ch)).toEqual([2, 3, 1]);
  });

  it('replayDelivered re-sends an earlier delivered message from a bounded log', () => {
    const ch = new Channel<Msg>('test', { logLimit: 2 });
    for (const n of [1, 2, 3]) ch.send(msg(n));
    expect(drain(ch)).toEqual([1, 2, 3]);
    // Only the last two deliveries are kept, oldest first.
    expect(ch.deliveredLog().map((m) => m.n)).toEqual([2, 3]);
    ch.send(msg(4));
    ch.replayDelivered(0);
    expect(queued(ch)).toEqual([4, 2]);
    expect(drain(ch)).toEqual([4, 2]);
    expect(ch.deliveredLog().map((m) => m.n)).toEqual([4, 2]);
  });

  it('a zero log limit keeps nothing to replay', () => {
    const ch = new Channel<Msg>('test', { logLimit: 0 });
    ch.send(msg(1));
    ch.deliver();
    expect(ch.deliveredLog()).toEqual([]);
    expect(() => ch.replayDelivered(0)).toThrow(RangeError);
  });

  it('clear discards the queue but keeps the log', () => {
    const ch = filled(1, 2, 3);
    ch.deliver();
    expect(ch.clear().map((m) => m.n)).toEqual([2, 3]);
    expect(ch.length).toBe(0);
    expect(ch.deliveredLog().map((m) => m.n)).toEqual([1]);
  });

  it('rejects out-of-range fault indices with a RangeError naming the channel', () => {
    const ch = filled(1, 2);
    expect(() => ch.drop(2)).toThrow(/channel test: drop\(2\) out of range/);
    expect(() => ch.duplicate(-1)).toThrow(RangeError);
    expect(() => ch.reorder(1)).toThrow(RangeError); // no i+1
    expect(() => ch.delay(0.5)).toThrow(RangeError);
    expect(() => ch.replayDelivered(0)).toThrow(RangeError);
    expect(queued(ch)).toEqual([1, 2]);
    expect(() => new Channel('bad', { logLimit: -1 })).toThrow(RangeError);
  });

  it('is deterministic: the same operations give the same queue', () => {
    const run = (): number[] => {
      const ch = filled(1, 2, 3, 4, 5);
      ch.deliver();
      ch.reorder(0);
      ch.duplicate(2);
      ch.delay(1);
      ch.drop(0);
      ch.replayDelivered(0);
      return drain(ch);
    };
    expect(run()).toEqual([4, 4, 5, 2, 1]);
    expect(run()).toEqual(run());
  });

  it('accepts a custom clone function', () => {
    let clones = 0;
    const ch = new Channel<{ v: number }>('custom', { clone: (m) => (clones++, { ...m }) });
    ch.send({ v: 1 });
    ch.deliver();
    expect(clones).toBe(2);
  });
});
