/**
 * A FIFO of envelopes with O(1) pop, used as the outbox of both the
 * coordinator and the worker endpoint (Rust uses a `VecDeque`).
 * @module
 */
import type { WorkerEnvelope } from './envelope.js';

/** Envelopes waiting to be sent, oldest first. */
export class EnvelopeQueue {
  private items: WorkerEnvelope[] = [];
  private head = 0;

  /** Append at the back. */
  push(envelope: WorkerEnvelope): void {
    this.items.push(envelope);
  }

  /** Remove and return the oldest envelope, if any. */
  shift(): WorkerEnvelope | undefined {
    if (this.head >= this.items.length) return undefined;
    const env = this.items[this.head++];
    // Reset once empty so the backing array never grows without bound.
    if (this.head === this.items.length) this.clear();
    return env;
  }

  /** Drop everything queued. */
  clear(): void {
    this.items = [];
    this.head = 0;
  }

  /** How many envelopes are queued (what `pending().length` is, without the copy). */
  get size(): number {
    return this.items.length - this.head;
  }

  /** A copy of what is queued, oldest first. */
  pending(): readonly WorkerEnvelope[] {
    return this.items.slice(this.head);
  }
}
