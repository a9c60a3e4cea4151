/**
 * A {@link TraceSink} that keeps the whole trace in memory.
 * @module
 */
import type { Trace, TraceFooter, TraceHeader, TraceSink, TraceStep } from './types.js';

/** Collects records; {@link MemorySink.trace} returns them once the footer arrived. */
export class MemorySink implements TraceSink {
  private h: TraceHeader | undefined;
  private f: TraceFooter | undefined;
  private readonly steps: TraceStep[] = [];

  header(header: TraceHeader): void {
    this.h = header;
  }

  step(step: TraceStep): void {
    this.steps.push(step);
  }

  footer(footer: TraceFooter): void {
    this.f = footer;
  }

  /** The complete trace; throws if the run has not finished. */
  trace(): Trace {
    if (this.h === undefined || this.f === undefined) throw new Error('MemorySink: trace is incomplete');
    return { header: this.h, steps: this.steps, footer: this.f };
  }
}

/** Forwards every record to several sinks. */
export function teeSink(...sinks: readonly TraceSink[]): TraceSink {
  return {
    header: (h) => sinks.forEach((s) => s.header(h)),
    step: (s) => sinks.forEach((k) => k.step(s)),
    footer: (f) => sinks.forEach((s) => s.footer(f)),
  };
}
