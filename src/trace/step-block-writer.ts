/**
 * {@link BlockWriter}: encodes steps into one block of the compact step
 * encoding (layout and rationale in `step-codec.ts`): a step's fields, its
 * decision and JSON values, and the envelope hashes by back-reference. The
 * bytes, strings and u64 fields are written by its base class,
 * `BlockOutput` (step-block-output.ts).
 * @module
 */
import { BlockOutput } from './step-block-output.js';
import { T_ARRAY, T_F64, T_FALSE, T_NEG, T_NULL, T_OBJECT, T_TRUE, T_UINT } from './step-codec.js';
import type { TraceStep } from './types.js';
import { U64List } from './u64-list.js';
import { isPlainObject, MAX_DEPTH } from './validate.js';

/** A trie over object key sequences, caching each sequence's key-list JSON (see {@link BlockWriter.keysJson}). */
interface KeysNode {
  readonly next: Map<string, KeysNode>;
  json: string | undefined;
}

/**
 * Appends steps to one block.
 *
 * Gotcha: {@link BlockWriter.tryAdd} checks every field it encodes while it
 * encodes it, exactly as strictly as `parseStep` checks them, so a step it
 * accepts reads back equal. It does not check the record's shape (a plain
 * object with exactly the nine fields): callers must, or know it.
 */
export class BlockWriter extends BlockOutput {
  private readonly keys: KeysNode = { next: new Map(), json: undefined };
  /** The key list of the last decision of each type, and its JSON (see {@link decision}). */
  private readonly shapes = new Map<string, { readonly keys: readonly string[]; readonly json: string }>();
  /** Envelope hashes written new in this block, by the order they were written in. */
  private readonly hashes = new U64List();
  private count = 0;

  constructor(private first: number) {
    super();
  }

  /**
   * Start a new, empty block at step `first`, keeping the buffers (and the
   * block-independent key-list caches): a trace encoder writes one block
   * after another.
   */
  restart(first: number): void {
    this.first = first;
    this.count = 0;
    this.clear();
    this.hashes.truncate(0);
  }

  /** Steps in the block so far. */
  get steps(): number {
    return this.count;
  }

  /** Append one step that passed `parseStep`; throws (leaving the block unchanged) if it cannot be encoded. */
  add(step: TraceStep): void {
    if (!this.tryAdd(step)) throw new Error(`BlockWriter: step ${String(step.index)} cannot be encoded; check it with parseStep first`);
  }

  /**
   * Append one step if every field it encodes is valid (see the class
   * gotcha); otherwise leave the block unchanged and return false, so the
   * caller can report the problem (`parseStep` says what it is).
   */
  tryAdd(step: TraceStep): boolean {
    this.mark();
    const knownHashes = this.hashes.size;
    if (this.encode(step)) {
      this.count++;
      return true;
    }
    // The hashes this step added go with its bytes, as its strings do.
    this.rollback();
    this.hashes.truncate(knownHashes);
    return false;
  }

  /** The block payload. */
  finish(): Uint8Array {
    return this.payload(this.first, this.count);
  }

  private encode(step: TraceStep): boolean {
    const { phase, actor, fault, error, envelopes, events, digest } = step;
    if ((phase !== 'fault' && phase !== 'heal') || !Array.isArray(envelopes) || !Array.isArray(events)) return false;
    if (typeof actor !== 'string' || (fault !== null && typeof fault !== 'string') || (error !== null && typeof error !== 'string')) return false;
    const decision: unknown = step.decision;
    if (!isPlainObject(decision)) return false;
    const type = decision.type;
    if (typeof type !== 'string') return false;
    const ne = envelopes.length;
    const nv = events.length;
    this.byte(
      (phase === 'heal' ? 1 : 0) |
        (fault !== null ? 2 : 0) |
        (error !== null ? 4 : 0) |
        (Math.min(ne, 3) << 3) |
        (Math.min(nv, 3) << 5),
    );
    this.str(actor);
    if (!this.decision(decision, type)) return false;
    if (fault !== null) this.str(fault);
    if (error !== null) this.str(error);
    if (ne >= 3) this.varint(ne);
    for (let i = 0; i < ne; i++) if (!this.envelope(envelopes[i])) return false;
    if (nv >= 3) this.varint(nv);
    for (let i = 0; i < nv; i++) {
      const e: unknown = events[i];
      if (typeof e !== 'string') return false;
      this.str(e);
    }
    return this.hexDigest(digest);
  }

  /**
   * The decision, as {@link value} writes it, through the key list of the
   * last decision of the same type when it has the same own keys in the same
   * order (compared with `for...in`, which allocates nothing: `Object.keys`
   * and the key-list trie were most of a decision's cost). A decision whose
   * keys differ, or whose prototype chain has enumerable keys, takes
   * {@link value}, which also refuses what `checkJson` refuses.
   */
  private decision(d: { readonly [key: string]: unknown }, type: string): boolean {
    const shape = this.shapes.get(type);
    if (shape !== undefined) {
      const keys = shape.keys;
      let i = 0;
      for (const k in d) {
        if (k !== keys[i]) {
          i = -1;
          break;
        }
        i++;
      }
      if (i === keys.length) {
        this.byte(T_OBJECT);
        this.str(shape.json);
        // The same keys again: V8 reads `d[k]` in a for...in over `d` from its enum cache, not by a keyed lookup.
        for (const k in d) if (!this.value(d[k], 1)) return false;
        return true;
      }
    }
    const keys = Object.keys(d);
    const json = this.keysJson(keys);
    if (json === undefined) return false;
    this.shapes.set(type, { keys, json });
    return this.value(d, 0);
  }

  /**
   * Format 4: an envelope hash this block already wrote is a back-reference
   * `d` >= 1 (the d-th most recently written new hash); a new one is 0 and
   * its 8 bytes. False, writing nothing it keeps, if `v` is not a decimal u64.
   */
  private envelope(v: unknown): boolean {
    if (typeof v !== 'string' || !this.decimalU64(v)) return false;
    const lo = this.u64Lo;
    const hi = this.u64Hi;
    const k = this.hashes.indexOrAdd(lo, hi);
    if (k >= 0) this.varint(this.hashes.size - k);
    else this.taggedU64(lo, hi);
    return true;
  }

  /**
   * Encode a JSON value, refusing what `checkJson` (`validate.ts`) refuses:
   * non-finite numbers, non-JSON values, class instances, array subclasses,
   * the key "__proto__", nesting of {@link MAX_DEPTH} levels or more.
   */
  private value(v: unknown, depth: number): boolean {
    if (v === null) this.byte(T_NULL);
    else if (v === false) this.byte(T_FALSE);
    else if (v === true) this.byte(T_TRUE);
    else if (typeof v === 'number') {
      if (Number.isSafeInteger(v) && !Object.is(v, -0)) {
        if (v >= 0 && v < 0x80) this.byte(v);
        else if (v >= 0) {
          this.byte(T_UINT);
          this.varint(v);
        } else {
          this.byte(T_NEG);
          this.varint(-v - 1);
        }
      } else {
        if (!Number.isFinite(v)) return false;
        this.byte(T_F64);
        this.f64(v);
      }
    } else if (typeof v === 'string') this.str(v);
    else if (depth >= MAX_DEPTH) return false;
    else if (Array.isArray(v)) {
      if (Object.getPrototypeOf(v) !== Array.prototype) return false;
      const list = v as readonly unknown[];
      this.byte(T_ARRAY);
      this.varint(list.length);
      for (let i = 0; i < list.length; i++) if (!this.value(list[i], depth + 1)) return false;
    } else {
      if (!isPlainObject(v)) return false;
      const keys = Object.keys(v);
      const json = this.keysJson(keys);
      if (json === undefined) return false;
      this.byte(T_OBJECT);
      this.str(json);
      for (const k of keys) if (!this.value(v[k], depth + 1)) return false;
    }
    return true;
  }

  /**
   * `JSON.stringify(keys)`, cached per key sequence: decisions repeat a few
   * shapes, and building and hashing that text again for every step showed
   * in profiles. Undefined if a key is "__proto__" (not portable, see `checkJson`).
   */
  private keysJson(keys: readonly string[]): string | undefined {
    let node = this.keys;
    for (const k of keys) {
      let next = node.next.get(k);
      if (next === undefined) {
        if (k === '__proto__') return undefined;
        next = { next: new Map(), json: undefined };
        node.next.set(k, next);
      }
      node = next;
    }
    return (node.json ??= JSON.stringify(keys));
  }
}
