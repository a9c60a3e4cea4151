/**
 * A channel's envelopes as the words the structural digest feeds for them:
 * for the queue and then the delivered log, the count and each envelope's
 * `replayHash` as two 32-bit words (low first).
 *
 * Details: every step digests every channel, so the model's channels are
 * built with {@link ENVELOPE_KEY}: each channel splits an envelope's hash
 * once, when the envelope enters its queue, and keeps the words in lockstep
 * with its queue and log (`Channel.queueKeys`, `Channel.logKeys`). Feeding a
 * channel is then two counts and two arrays, with nothing rebuilt or looked
 * up per step. (This replaced a per-channel word array rebuilt whenever the
 * channel's version moved, with each envelope's words in a `WeakMap`: about
 * 9% of a sequential-workload step.)
 *
 * Gotcha: the result must stay word for word what feeding each envelope with
 * {@link wordsOf} gives (`digest.ts` relies on it; trace digests depend on it).
 * A channel built without a key is fed through {@link wordsOf} (correct, slower).
 *
 * @example
 * ```ts
 * const ch = new Channel<WorkerEnvelope>('c->w1', { clone: copyEnvelope, key: ENVELOPE_KEY });
 * channelInto(hash, ch); // same words as the queue and log fed one by one
 * ```
 * @module
 */
import type { WorkerEnvelope } from '../../protocol/index.js';
import type { Channel, ChannelKey } from '../../sim/channel.js';
import type { Hash64 } from '../../sim/digest.js';
import { HI, LO, U64_LIMBS, U64_SCRATCH } from '../../protocol/u64.js';

/** The low and high 32 bits of a replay hash. */
export type HashWords = { readonly lo: number; readonly hi: number };

// Split once per envelope object: the coordinator's outbox is digested through here.
const hashWords = new WeakMap<WorkerEnvelope, HashWords>();

/** `env.replayHash` as two words. */
export function wordsOf(env: WorkerEnvelope): HashWords {
  let w = hashWords.get(env);
  if (w === undefined) {
    U64_SCRATCH[0] = env.replayHash;
    w = { lo: U64_LIMBS[LO] as number, hi: U64_LIMBS[HI] as number };
    hashWords.set(env, w);
  }
  return w;
}

/** The channel key of the model's channels: an envelope's replay hash as the two words of {@link wordsOf}. */
export const ENVELOPE_KEY: ChannelKey<WorkerEnvelope> = Object.freeze({
  width: 2,
  push(env: WorkerEnvelope, out: number[]): void {
    // Split through the shared scratch: a replay hash is a u64, so the store is exact and no bigint is made.
    U64_SCRATCH[0] = env.replayHash;
    out.push(U64_LIMBS[LO] as number, U64_LIMBS[HI] as number);
  },
});

/** A list of envelopes as its count and each envelope's two words (the coordinator's outbox, a channel without a key). */
export function envelopesInto(h: Hash64, envs: readonly WorkerEnvelope[]): void {
  h.word(envs.length);
  for (const env of envs) {
    const w = wordsOf(env);
    h.word(w.lo).word(w.hi);
  }
}

/** Feed `ch`'s queue and then its delivered log into `h`, each as its count and its envelopes' words. */
export function channelInto(h: Hash64, ch: Channel<WorkerEnvelope>): void {
  switch (ch.keyWidth) {
    case 2:
      h.word(ch.length).words(ch.queueKeys()).word(ch.deliveredLog().length).words(ch.logKeys());
      return;
    case 0:
      envelopesInto(h, ch.items());
      envelopesInto(h, ch.deliveredLog());
      return;
    default:
      throw new Error(`channelInto: channel ${ch.name} has a key of width ${ch.keyWidth}, not ENVELOPE_KEY`);
  }
}
