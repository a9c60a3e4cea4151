/**
 * A channel's envelopes as the words the structural digest feeds for them:
 * for the queue and then the delivered log, the count and each envelope's
 * `replayHash` as two 32-bit words (low first).
 *
 * Details: every step digests every channel, but a step moves one or two
 * envelopes, so each channel's words are kept until its `version` moves.
 * Splitting a hash takes two BigInt operations, so each envelope object's
 * words are remembered too. (Reusing the previous version's words by
 * envelope identity instead of the per-envelope lookup measured 6% slower.)
 *
 * Gotcha: the result must stay word for word what feeding each envelope with
 * {@link wordsOf} gives (`digest.ts` relies on it; trace digests depend on it).
 *
 * @example
 * ```ts
 * channelInto(hash, generation.down); // same words as the queue and log fed one by one
 * ```
 * @module
 */
import type { WorkerEnvelope } from '../../protocol/index.js';
import type { Channel } from '../../sim/channel.js';
import type { Hash64 } from '../../sim/digest.js';

/** The low and high 32 bits of a replay hash. */
export type HashWords = { readonly lo: number; readonly hi: number };

// Split once per envelope object: the coordinator's outbox is digested through here too.
const hashWords = new WeakMap<WorkerEnvelope, HashWords>();

/** `env.replayHash` as two words. */
export function wordsOf(env: WorkerEnvelope): HashWords {
  let w = hashWords.get(env);
  if (w === undefined) {
    const x = env.replayHash;
    w = { lo: Number(x & 0xffffffffn), hi: Number((x >> 32n) & 0xffffffffn) };
    hashWords.set(env, w);
  }
  return w;
}

/** The words fed for a channel's queue and then its log, at one channel version. */
type Cached = { readonly version: number; readonly words: readonly number[] };

const cache = new WeakMap<Channel<WorkerEnvelope>, Cached>();

function pushEnvelopes(out: number[], envs: readonly WorkerEnvelope[]): void {
  out.push(envs.length);
  for (const env of envs) {
    const w = wordsOf(env);
    out.push(w.lo, w.hi);
  }
}

/** Feed `ch`'s queue and then its delivered log into `h`, each as its count and its envelopes' words. */
export function channelInto(h: Hash64, ch: Channel<WorkerEnvelope>): void {
  let cached = cache.get(ch);
  if (cached === undefined || cached.version !== ch.version) {
    const words: number[] = [];
    pushEnvelopes(words, ch.items());
    pushEnvelopes(words, ch.deliveredLog());
    cached = { version: ch.version, words };
    cache.set(ch, cached);
  }
  h.words(cached.words);
}
