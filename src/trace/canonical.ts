/**
 * Canonical encoding of trace records for hashing.
 *
 * The rolling hash covers this text, never msgpack bytes: msgpack output
 * depends on key order and encoder options, and a hash must not change when
 * the container format does.
 * @module
 */
import { canonicalJson } from '../sim/json.js';
import type { TraceStep } from './types.js';

/** Canonical text of one step record. */
export function canonicalStep(step: TraceStep): string {
  return canonicalJson({
    index: step.index,
    phase: step.phase,
    actor: step.actor,
    decision: step.decision,
    fault: step.fault,
    envelopes: step.envelopes,
    error: step.error,
    events: step.events,
    digest: step.digest,
  });
}
