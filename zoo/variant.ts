/**
 * `ZooVariant`: one planted bug in the asupersync protocol, and what it
 * should break.
 *
 * Details:
 * - A variant is a subclass of the real `WorkerCoordinator` or the model's
 *   `SimWorker` that changes one behaviour, plugged in through
 *   `createAsupersyncModel({ name, description, parts })`. The shipped model
 *   and the protocol port are untouched.
 * - `invariant` is the property the bug should violate (a name from
 *   `ASUPERSYNC_INVARIANTS`, or the liveness property). `null` means the
 *   model cannot reach the bug at all; `reach` says why, and such a variant
 *   is listed but never counted as missed.
 * - `baseline` is what the differential oracle compares with: the real
 *   actors, except for a variant whose bug needs legal traffic the stock
 *   worker never sends (then the baseline pairs the real coordinator with
 *   that same worker, so only the bug differs).
 * - `options` are model options the variant and its baseline both run with
 *   (they become the models' default options, so simulate, replay, shrink
 *   and the oracle all see them): a bug that needs, say, deferred posting
 *   (`postOn: 'turn'`) is compared with the real actors posting the same way.
 *
 * @example
 * ```ts
 * const model = zooModel(variant); // a Model named 'zoo:<name>'
 * ```
 * @module
 */
import { createAsupersyncModel } from '../src/models/asupersync/model.js';
import { REAL_PARTS, type AsupersyncParts } from '../src/models/asupersync/state.js';
import type { Json } from '../src/sim/json.js';
import type { Action, AnyModel, Model } from '../src/sim/model.js';

/** Which side of the protocol the bug is planted in. */
export type BugSide = 'coordinator' | 'worker';

/** One planted bug. */
export interface ZooVariant {
  /** Short kebab-case name; the model is registered as `zoo:<name>`. */
  readonly name: string;
  readonly side: BugSide;
  /** The mistake, in one sentence a reviewer would write. */
  readonly description: string;
  /** The invariant it should violate, or `null` when the model cannot reach the bug. */
  readonly invariant: string | null;
  /** How the model reaches the bug (which races or faults), or why it cannot. */
  readonly reach: string;
  readonly parts: AsupersyncParts;
  /** The differential oracle's reference actors; default the real ones. */
  readonly baseline?: AsupersyncParts;
  /** Model options of the variant and its baseline (over the model's defaults); default none. */
  readonly options?: { readonly [key: string]: Json };
}

/** `m` with `v.options` laid over its default options (`m` itself when the variant has none). */
export function withVariantOptions<S, V extends Json, A extends Action>(v: ZooVariant, m: Model<S, V, A>): Model<S, V, A> {
  return v.options === undefined ? m : { ...m, defaultOptions: { ...m.defaultOptions, ...v.options } };
}

/** Model name prefix of every zoo variant. */
export const ZOO_PREFIX = 'zoo:';

const models = new WeakMap<ZooVariant, AnyModel>();
const baselines = new WeakMap<ZooVariant, AnyModel>();

/** The buggy model of `v` (cached, so every run of a variant shares one model object). */
export function zooModel(v: ZooVariant): AnyModel {
  let m = models.get(v);
  if (m === undefined) {
    m = withVariantOptions(v, createAsupersyncModel({ name: ZOO_PREFIX + v.name, description: v.description, parts: v.parts }));
    models.set(v, m);
  }
  return m;
}

/** The reference model the oracle compares `v` with: the real actors, or the variant's baseline, with the variant's options. */
export function baselineModel(v: ZooVariant): AnyModel {
  let m = baselines.get(v);
  if (m === undefined) {
    m =
      v.baseline === undefined && v.options === undefined
        ? createAsupersyncModel()
        : withVariantOptions(v, createAsupersyncModel({ name: `${ZOO_PREFIX}${v.name}:baseline`, description: `baseline of ${v.name}`, parts: v.baseline ?? REAL_PARTS }));
    baselines.set(v, m);
  }
  return m;
}

export { REAL_PARTS };
