/**
 * `replay`: re-execute a recorded trace and report the first divergence.
 *
 * Replay uses the recorded **decisions**, never the seed's random draws: it
 * rebuilds the initial state from the header (model, seed, model options) and
 * feeds each recorded step's decision, actor, phase and fault to a
 * {@link RunEngine}, the same engine `simulate` records with, then compares
 * the record it produces with the recorded one (decision, envelopes, error,
 * events, digest) and finally the footer (steps, settled, outcome,
 * violations, rolling hash). A trace that replays cleanly shows the model is
 * still deterministic and still behaves as recorded.
 *
 * The source may be an in-memory {@link Trace} or any iterable of records,
 * such as `readTraceRecords(path)`, which streams a file in constant memory
 * (and, being a `RecordFeed`, is fed in one loop rather than iterated).
 * After a divergence the rest of the source is still drained (not executed),
 * so that a damaged file throws its {@link TraceFormatError} instead of being
 * reported as a divergence.
 *
 * @example
 * ```ts
 * const verdict = replay(readTraceRecords('traces/seed-7.lstrace'), resolveModel);
 * if (!verdict.ok) console.error(verdict.divergence.message);
 * ```
 * @module
 */
import { DeterminismViolation, withDeterminismGuard } from '../sim/determinism-guard.js';
import type { Json } from '../sim/json.js';
import type { Action, AnyModel } from '../sim/model.js';
import { RunEngine } from '../sim/run-engine.js';
import type { TraceRecord } from './decoder.js';
import { isRecordFeed, type RecordConsumer } from './record-feed.js';
import { StepChecker, type Divergence } from './replay-check.js';
import type { Trace, TraceFooter, TraceHeader, TraceStep } from './types.js';

export type { Divergence, DivergenceField } from './replay-check.js';

/** The result of a replay; `steps` counts the steps re-executed. */
export type ReplayVerdict =
  | { readonly ok: true; readonly steps: number }
  | { readonly ok: false; readonly steps: number; readonly divergence: Divergence };

/** A trace to replay: whole, or as a stream of records in file order. */
export type TraceSource = Trace | Iterable<TraceRecord>;

/** Looks a model up by the name in a trace header; throws a clear error for an unknown name. */
export type ModelResolver = (name: string) => AnyModel;

/** The records of an in-memory trace, in file order. */
export function* traceRecords(trace: Trace): Generator<TraceRecord, void, undefined> {
  yield { kind: 'header', header: trace.header };
  for (const step of trace.steps) yield { kind: 'step', step };
  yield { kind: 'footer', footer: trace.footer };
}

function isTrace(source: TraceSource): source is Trace {
  return 'header' in source && 'steps' in source && 'footer' in source;
}

/** Re-execute `source` and compare; see the module documentation. */
export function replay(source: TraceSource, resolveModel: ModelResolver): ReplayVerdict {
  return withDeterminismGuard(() => {
    const run = new ReplayRun(resolveModel);
    const records = isTrace(source) ? traceRecords(source) : source;
    if (isRecordFeed(records)) records.feed(run);
    else for (const r of records) run.record(r);
    return run.verdict();
  });
}

/** One replay, fed record by record: the order rules, the checker, and the first divergence. */
class ReplayRun implements RecordConsumer {
  private checker: StepChecker | undefined;
  private divergence: Divergence | undefined;
  private stage: 'header' | 'steps' | 'done' = 'header';

  constructor(private readonly resolveModel: ModelResolver) {}

  record(r: TraceRecord): void {
    switch (r.kind) {
      case 'header':
        return this.header(r.header);
      case 'step':
        return this.step(r.step);
      case 'footer':
        return this.footer(r.footer);
      default: {
        const never: never = r;
        throw new Error(`replay: unknown record ${JSON.stringify(never)}`);
      }
    }
  }

  header(header: TraceHeader): void {
    this.expect('header', this.stage === 'header');
    this.stage = 'steps';
    const start = startEngine(header, this.resolveModel);
    if ('field' in start) this.divergence = start;
    else this.checker = start;
  }

  step(step: TraceStep): void {
    this.expect('step', this.stage === 'steps');
    // After a divergence the rest is drained, not executed: a streaming reader still finishes its integrity checks.
    if (this.divergence === undefined) this.divergence = this.checker?.step(step);
  }

  footer(footer: TraceFooter): void {
    this.expect('footer', this.stage === 'steps');
    this.stage = 'done';
    if (this.divergence === undefined) this.divergence = this.checker?.footer(footer);
  }

  verdict(): ReplayVerdict {
    if (this.stage !== 'done') throw new Error('replay: the source ended without a footer');
    const steps = this.checker?.steps ?? 0;
    const divergence = this.divergence;
    return divergence === undefined ? { ok: true, steps } : { ok: false, steps, divergence };
  }

  private expect(kind: TraceRecord['kind'], allowed: boolean): void {
    if (!allowed) throw new Error(`replay: unexpected ${kind} record (records must be a header, steps, then a footer)`);
  }
}

/** Build the engine for a header, or explain why the header cannot be replayed. */
function startEngine(header: TraceHeader, resolveModel: ModelResolver): StepChecker | Divergence {
  const model = resolveModel(header.model);
  const engine = engineForHeader(header, model);
  return 'field' in engine ? engine : new StepChecker(model, engine);
}

/**
 * The {@link RunEngine} a replay of `header` starts from (`model` must be the
 * one the header names), or the header {@link Divergence} explaining why it
 * cannot be built. Exported so that other re-executions of a trace (timelines)
 * start exactly as replay does.
 */
export function engineForHeader(header: TraceHeader, model: AnyModel): RunEngine<unknown, Json, Action> | Divergence {
  const diverge = (expected: Json, actual: Json, message: string): Divergence => ({
    step: null,
    decision: null,
    field: 'model',
    expected,
    actual,
    message: `header: ${message}`,
  });
  if (model.name !== header.model) return diverge(header.model, model.name, `resolver returned model "${model.name}" for "${header.model}"`);
  if (!/^(0|[1-9][0-9]*)$/.test(header.seed) || BigInt(header.seed) >= 1n << 64n) {
    return diverge(header.seed, null, `seed ${JSON.stringify(header.seed)} is not a decimal u64`);
  }
  const recorded = header.options.model;
  if (recorded === null || typeof recorded !== 'object' || Array.isArray(recorded)) {
    return diverge(recorded ?? null, null, 'header.options.model must be an object of model options');
  }
  // Defaults first: an option added to the model after the trace was recorded takes its default.
  const options = { ...model.defaultOptions, ...(recorded as { readonly [key: string]: Json }) };
  try {
    return new RunEngine(model, options, BigInt(header.seed));
  } catch (e) {
    if (e instanceof DeterminismViolation) throw e;
    return diverge(options, e instanceof Error ? e.message : String(e), `model ${model.name} rejected the recorded options`);
  }
}
