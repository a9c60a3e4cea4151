/**
 * Canonical encoding of trace records for hashing.
 *
 * The rolling hash covers exactly what this text covers, never msgpack or
 * binary bytes: those depend on the container format, and a hash must not
 * change when the container does. Since trace format 3 the run engine feeds
 * the same fields straight into the hash (`hashStepInto` in
 * `sim/run-engine.ts`); this text is the readable reference it is tested
 * against.
 *
 * Details: the text is exactly `canonicalJson` of the record (keys sorted,
 * no whitespace), but built field by field because it runs after every
 * step; only the decision goes through the generic `canonicalJson`.
 * @module
 */
import { canonicalJson } from '../sim/json.js';
import type { TraceStep } from './types.js';

const str = JSON.stringify;

function strings(list: readonly string[]): string {
  let out = '[';
  for (let i = 0; i < list.length; i++) out += (i > 0 ? ',' : '') + str(list[i]);
  return out + ']';
}

/** Canonical text of one step record: `canonicalJson` of its nine fields. */
export function canonicalStep(step: TraceStep): string {
  return (
    `{"actor":${str(step.actor)},"decision":${canonicalJson(step.decision)},"digest":${str(step.digest)}` +
    `,"envelopes":${strings(step.envelopes)},"error":${step.error === null ? 'null' : str(step.error)}` +
    `,"events":${strings(step.events)},"fault":${step.fault === null ? 'null' : str(step.fault)}` +
    `,"index":${canonicalJson(step.index)},"phase":${str(step.phase)}}`
  );
}
