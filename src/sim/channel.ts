/**
 * `Channel<T>`: one direction of a virtual `MessageChannel`, with fault
 * operations a simulator can drive as plain-JSON decisions.
 *
 * Details:
 * - **FIFO by default**, as a `MessagePort` is: {@link Channel.send} appends,
 *   {@link Channel.deliver} removes the head.
 * - **Copy semantics.** `send` stores a structured clone of the message (what
 *   `postMessage` does at send time), and `deliver` hands the receiver another
 *   clone. So a sender that mutates its object after sending, or a receiver
 *   that mutates what it got, never affects the queue, the log or each other.
 * - **Faults are addressed by index** into the queue (0 = head), so a fault is
 *   a small JSON decision such as `{ type: 'drop', index: 1 }`: {@link Channel.drop},
 *   {@link Channel.duplicate} (a copy right behind the original),
 *   {@link Channel.reorder} (swap `i` and `i + 1`), {@link Channel.delay}
 *   (move to the back).
 * - A **bounded log** of delivered messages (oldest first, at most `logLimit`)
 *   lets a fault re-inject an earlier message with {@link Channel.replayDelivered}.
 * - Deterministic: no randomness, no clocks; the caller chooses every index.
 * - Optional **message keys** ({@link ChannelKey}): a fixed number of numbers
 *   derived from each message once, when it enters the queue, and kept in
 *   lockstep with the queue and the log through every operation, faults
 *   included ({@link Channel.queueKeys}, {@link Channel.logKeys}). An observer
 *   that reads the same numbers every step (a state digest) then neither
 *   recomputes nor looks them up.
 *
 * Gotchas:
 * - {@link Channel.peek}, {@link Channel.items} and {@link Channel.deliveredLog}
 *   return the channel's own stored objects, for cheap inspection. Treat them
 *   as read-only; only `deliver` returns a copy the receiver may own.
 * - A bad index is a programming error (the decision could not have been
 *   offered), so the fault operations throw `RangeError` rather than ignoring it.
 * - The default `clone` is `structuredClone`, so `T` must be structured-cloneable
 *   (plain objects, arrays, bigints, typed arrays, ...; no functions or classes
 *   with behaviour).
 * - A key must depend only on the message's content: a duplicate or replayed
 *   copy reuses the original's key numbers instead of deriving them again.
 *
 * @example
 * ```ts
 * const ch = new Channel<{ n: number }>('a->b');
 * ch.send({ n: 1 });
 * ch.send({ n: 2 });
 * ch.reorder(0);          // queue: 2, 1
 * ch.deliver();           // { n: 2 }, a fresh copy
 * ch.replayDelivered(0);  // queue: 1, 2
 * ```
 * @module
 */

/** Construction options of a {@link Channel}. */
export interface ChannelOptions<T> {
  /** How many delivered messages to keep for {@link Channel.replayDelivered}; default 16. */
  readonly logLimit?: number;
  /** How messages are copied; default `structuredClone`. */
  readonly clone?: (message: T) => T;
  /** Numbers to keep per message alongside the queue and the log; default none. */
  readonly key?: ChannelKey<T>;
}

/**
 * How a channel derives its per-message key numbers (see {@link Channel.queueKeys}).
 * `push` must append exactly `width` numbers, and depend only on the message's
 * content (a clone has the same key).
 */
export interface ChannelKey<T> {
  /** Numbers per message: a positive integer. */
  readonly width: number;
  /** Append the `width` key numbers of `message` to `out`. */
  readonly push: (message: T, out: number[]) => void;
}

const NO_KEYS: readonly number[] = Object.freeze([]);

/** One direction of a virtual message channel. */
export class Channel<T> {
  private queue: T[] = [];
  private readonly log: T[] = [];
  private readonly logLimit: number;
  private readonly clone: (message: T) => T;
  private delivered = 0;
  private changes = 0;
  // Key numbers of the queue and the log, `width` per message in the same order (empty without a key).
  private readonly key: ChannelKey<T> | undefined;
  private readonly width: number;
  private qKeys: number[] = [];
  private readonly lKeys: number[] = [];

  /** A new empty channel; `name` is used in error messages only. */
  constructor(
    readonly name: string,
    options: ChannelOptions<T> = {},
  ) {
    const limit = options.logLimit ?? 16;
    if (!Number.isSafeInteger(limit) || limit < 0) {
      throw new RangeError(`channel ${name}: logLimit must be a non-negative integer, got ${limit}`);
    }
    this.logLimit = limit;
    this.clone = options.clone ?? ((m: T): T => structuredClone(m));
    this.key = options.key;
    const width = options.key?.width ?? 0;
    if (options.key !== undefined && (!Number.isSafeInteger(width) || width < 1)) {
      throw new RangeError(`channel ${name}: key width must be a positive integer, got ${width}`);
    }
    this.width = width;
  }

  /** Messages in flight. */
  get length(): number {
    return this.queue.length;
  }

  /**
   * Counts every change to the queue or the log (send, deliver, every fault,
   * clear): equal versions mean equal contents, so an observer can keep what
   * it derives from the channel (a digest, the jobs in flight) until the
   * version moves.
   */
  get version(): number {
    return this.changes;
  }

  /** Messages delivered since the channel was created (not bounded by the log). */
  get deliveredCount(): number {
    return this.delivered;
  }

  /** Numbers per message in {@link queueKeys} and {@link logKeys}: the key's width, 0 without a key. */
  get keyWidth(): number {
    return this.width;
  }

  /**
   * The key numbers of every queued message, head first, `keyWidth` per
   * message (empty without a key); read-only, and changed in place by the
   * next operation.
   */
  queueKeys(): readonly number[] {
    return this.key === undefined ? NO_KEYS : this.qKeys;
  }

  /** The key numbers of the delivered-message log, oldest first, as {@link queueKeys}. */
  logKeys(): readonly number[] {
    return this.key === undefined ? NO_KEYS : this.lKeys;
  }

  /** Post a message: a clone of it joins the back of the queue. */
  send(message: T): void {
    const copy = this.clone(message);
    this.queue.push(copy);
    if (this.key !== undefined) this.pushKey(copy);
    this.changes++;
  }

  /** Remove the head and return a copy of it, or `undefined` when empty. The head is logged. */
  deliver(): T | undefined {
    const head = this.queue.shift();
    if (head === undefined) return undefined;
    this.delivered++;
    this.changes++;
    const w = this.width;
    if (this.logLimit > 0) {
      this.log.push(head);
      for (let k = 0; k < w; k++) this.lKeys.push(this.qKeys.shift() as number);
      if (this.log.length > this.logLimit) {
        this.log.shift();
        for (let k = 0; k < w; k++) this.lKeys.shift();
      }
    } else {
      for (let k = 0; k < w; k++) this.qKeys.shift();
    }
    return this.clone(head);
  }

  /** The queued message at `i` (0 = head) without removing it; read-only. */
  peek(i = 0): T | undefined {
    return this.queue[i];
  }

  /** Every queued message, head first; read-only. */
  items(): readonly T[] {
    return this.queue;
  }

  /** The delivered-message log, oldest first; read-only. */
  deliveredLog(): readonly T[] {
    return this.log;
  }

  /** Fault: lose the message at `i`; returns it. */
  drop(i: number): T {
    this.checkIndex(i, this.queue.length, 'drop');
    this.changes++;
    if (this.width > 0) this.qKeys.splice(i * this.width, this.width);
    return this.queue.splice(i, 1)[0] as T;
  }

  /** Fault: deliver the message at `i` twice (a copy is inserted right behind it). */
  duplicate(i: number): void {
    this.checkIndex(i, this.queue.length, 'duplicate');
    this.changes++;
    this.queue.splice(i + 1, 0, this.clone(this.queue[i] as T));
    const w = this.width;
    if (w > 0) this.qKeys.splice((i + 1) * w, 0, ...this.qKeys.slice(i * w, (i + 1) * w));
  }

  /** Fault: swap the messages at `i` and `i + 1`. */
  reorder(i: number): void {
    this.checkIndex(i, this.queue.length - 1, 'reorder');
    this.changes++;
    const a = this.queue[i] as T;
    this.queue[i] = this.queue[i + 1] as T;
    this.queue[i + 1] = a;
    const w = this.width;
    if (w > 0) this.qKeys.splice(i * w, 0, ...this.qKeys.splice((i + 1) * w, w));
  }

  /** Fault: move the message at `i` to the back of the queue. */
  delay(i: number): void {
    this.checkIndex(i, this.queue.length, 'delay');
    this.changes++;
    const [m] = this.queue.splice(i, 1);
    this.queue.push(m as T);
    if (this.width > 0) this.qKeys.push(...this.qKeys.splice(i * this.width, this.width));
  }

  /** Fault: re-send a copy of delivered-log entry `k` (0 = oldest kept) to the back of the queue. */
  replayDelivered(k: number): void {
    this.checkIndex(k, this.log.length, 'replayDelivered');
    this.changes++;
    this.queue.push(this.clone(this.log[k] as T));
    const w = this.width;
    for (let j = 0; j < w; j++) this.qKeys.push(this.lKeys[k * w + j] as number);
  }

  /** Discard every queued message (e.g. the receiver was terminated); returns them. The log is kept. */
  clear(): T[] {
    const dropped = this.queue;
    this.queue = [];
    this.qKeys = [];
    this.changes++;
    return dropped;
  }

  private pushKey(message: T): void {
    const before = this.qKeys.length;
    (this.key as ChannelKey<T>).push(message, this.qKeys);
    if (this.qKeys.length !== before + this.width) {
      throw new Error(`channel ${this.name}: key pushed ${this.qKeys.length - before} numbers, its width is ${this.width}`);
    }
  }

  private checkIndex(i: number, size: number, op: string): void {
    if (!Number.isSafeInteger(i) || i < 0 || i >= size) {
      throw new RangeError(`channel ${this.name}: ${op}(${i}) out of range (valid: 0..${size - 1})`);
    }
  }
}
