/**
 * The records of a trace, independent of how they are stored.
 *
 * A trace is a header, one record per step and a footer. The binary file
 * format (`format.ts`) frames these records; the in-memory form is
 * {@link Trace}. Everything here is plain JSON-compatible data.
 * @module
 */
import type { Json } from '../sim/json.js';

/**
 * Format version of the trace records and file layout. Version 2 stores steps
 * in compact binary blocks (`step-codec.ts`) and hashes with `Hash64`
 * instead of FNV-1a 64, so version-1 digests and rolling hashes differ too.
 * Version 3 records a model's structural digest (`Model.digestInto`) where it
 * has one, so the asupersync model's digests differ from version 2's, and
 * feeds each step record's fields into the rolling hash instead of its
 * canonical text, so every rolling hash differs too.
 * Version 4 only changes how a step block stores envelope hashes: a hash the
 * block already holds is a back-reference (`step-codec.ts`). Records, digests
 * and rolling hashes are those of version 3, so version-3 files are still read.
 * Writers write only this version.
 */
export const TRACE_FORMAT_VERSION = 4;

/** Oldest format version a reader still accepts (versions 3 and 4 hold the same records). */
export const OLDEST_READABLE_FORMAT_VERSION = 3;

/** Identifies the run: enough to rebuild the initial state without drawing. */
export interface TraceHeader {
  readonly formatVersion: number;
  readonly lockstepVersion: string;
  readonly model: string;
  /** The run seed as a decimal u64 string. */
  readonly seed: string;
  readonly profile: string;
  readonly strategy: string;
  /** Resolved model options, fault rates, phase lengths and strategy parameters. */
  readonly options: { readonly [key: string]: Json };
}

/** One step of a run. */
export interface TraceStep {
  readonly index: number;
  readonly phase: 'fault' | 'heal';
  readonly actor: string;
  /** The decision, as the model's action object. */
  readonly decision: { readonly type: string; readonly [k: string]: Json };
  /** Fault name when the decision was an injected fault. */
  readonly fault: string | null;
  /** `replay_hash` of every envelope that moved (decimal u64 strings). */
  readonly envelopes: readonly string[];
  /** Error kind returned by the system under test, if any. */
  readonly error: string | null;
  /** Named race and fault events. */
  readonly events: readonly string[];
  /** `Hash64` of the model's canonical state text after the step (16 hex digits). */
  readonly digest: string;
}

/** A safety or liveness violation. */
export interface Violation {
  readonly invariant: string;
  /** Step index at which it was detected (-1 for the initial state). */
  readonly step: number;
  readonly decision: { readonly type: string; readonly [k: string]: Json } | null;
  readonly message: string;
  /** The actors' states after the step (the model's view). */
  readonly state: Json;
  /** What the step moved: envelope hashes, error, events. */
  readonly cause: Json;
}

/** Verdict per invariant. */
export interface InvariantVerdict {
  readonly invariant: string;
  readonly held: boolean;
}

/** End of a run. */
export interface TraceFooter {
  readonly steps: number;
  /** Whether the liveness goal was reached within the heal bound. */
  readonly settled: boolean;
  readonly outcome: Json;
  readonly verdicts: readonly InvariantVerdict[];
  readonly violations: readonly Violation[];
  /** `Hash64` rolling hash over the canonical text of every step (16 hex digits). */
  readonly rollingHash: string;
}

/** A whole trace in memory. */
export interface Trace {
  readonly header: TraceHeader;
  readonly steps: readonly TraceStep[];
  readonly footer: TraceFooter;
}

/** Receives a run's records as they are produced, e.g. to stream them to a file. */
export interface TraceSink {
  header(header: TraceHeader): void;
  step(step: TraceStep): void;
  footer(footer: TraceFooter): void;
}
