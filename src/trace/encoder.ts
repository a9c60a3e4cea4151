/**
 * Stateful trace encoder: turns records into the bytes of a trace file.
 *
 * Pure (no fs): each call returns the bytes to append. The encoder enforces
 * the record order, checks every record's shape (so nothing unreadable is ever
 * written) and keeps the running SHA-256 for the end frame. A step the run
 * engine just built is checked field by field as it is encoded instead of
 * copied by `parseStep` first (`engine-step.ts`): the same checks, the same
 * bytes, less work per step.
 * @module
 */
import { createHash } from 'node:crypto';
import { encodeFrame, encodePreamble, FrameType, packRecord } from './format.js';
import { OLDEST_READABLE_FORMAT_VERSION, TRACE_FORMAT_VERSION, type Trace, type TraceFooter, type TraceHeader, type TraceStep } from './types.js';
import { BlockWriter } from './step-block-writer.js';
import { MAX_BLOCK_STEPS } from './step-codec.js';
import { isEngineStep } from './engine-step.js';
import { parseFooter, parseHeader, parseStep } from './validate.js';

/** Encodes one trace, record by record. */
export class TraceEncoder {
  private readonly hash = createHash('sha256');
  private stage: 'header' | 'steps' | 'done' = 'header';
  private count = 0;
  private written = 0;
  /** The block being filled; empty between blocks (one writer for all, see {@link BlockWriter.restart}). */
  private readonly block = new BlockWriter(0);

  /** Bytes produced so far. */
  get bytes(): number {
    return this.written;
  }

  /**
   * Preamble plus the header frame. The file is always written in the current
   * format; a header of an older version that holds the same records (from
   * {@link OLDEST_READABLE_FORMAT_VERSION}) is re-encoded with the current
   * version, so a trace that was read can be saved again.
   */
  header(header: TraceHeader): Uint8Array {
    this.expect('header', 'header');
    const parsed = parseHeader(header);
    if (parsed.formatVersion < OLDEST_READABLE_FORMAT_VERSION || parsed.formatVersion > TRACE_FORMAT_VERSION) {
      throw new Error(`TraceEncoder: writes format version ${TRACE_FORMAT_VERSION} from records of versions ${OLDEST_READABLE_FORMAT_VERSION} to ${TRACE_FORMAT_VERSION}, header says ${parsed.formatVersion}`);
    }
    const record = { ...parsed, formatVersion: TRACE_FORMAT_VERSION };
    this.stage = 'steps';
    return this.emit(concat([encodePreamble(), encodeFrame(FrameType.header, packRecord(record))]));
  }

  /**
   * Add one step. Steps must be numbered 0, 1, 2, ... They are buffered into
   * blocks of {@link MAX_BLOCK_STEPS}: this returns a whole step frame when a
   * block fills, and an empty array otherwise.
   */
  step(step: TraceStep): Uint8Array {
    this.expect('steps', 'step');
    const block = this.block;
    if (block.steps === 0) block.restart(this.count);
    // The engine's own records skip the shape check (see engine-step.ts); any
    // field that does not encode, and every other record, goes through
    // parseStep, which names the problem.
    if (!(isEngineStep(step) && step.index === this.count && block.tryAdd(step))) block.add(parseStep(step, this.count));
    this.count++;
    return block.steps >= MAX_BLOCK_STEPS ? this.flush() : EMPTY;
  }

  /** The last step frame (if steps are buffered), the footer frame and the end frame that seals the file. */
  footer(footer: TraceFooter): Uint8Array {
    this.expect('steps', 'footer');
    const parsed = parseFooter(footer, this.count);
    const steps = this.flush();
    const frame = concat([steps, this.emit(encodeFrame(FrameType.footer, packRecord(parsed)))]);
    this.stage = 'done';
    const end = encodeFrame(FrameType.end, this.hash.digest());
    this.written += end.length;
    return concat([frame, end]);
  }

  private expect(stage: 'header' | 'steps', record: string): void {
    if (this.stage === stage) return;
    const where = this.stage === 'done' ? 'after the footer' : this.stage === 'header' ? 'before the header' : 'after the header';
    throw new Error(`TraceEncoder: a ${record} record cannot come ${where}`);
  }

  private flush(): Uint8Array {
    const block = this.block;
    if (block.steps === 0) return EMPTY;
    const frame = this.emit(encodeFrame(FrameType.step, block.finish()));
    block.restart(this.count);
    return frame;
  }

  private emit(bytes: Uint8Array): Uint8Array {
    this.hash.update(bytes);
    this.written += bytes.length;
    return bytes;
  }
}

const EMPTY = new Uint8Array(0);

// Takes an array, not rest arguments: a long trace has more parts than a call can take.
function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The complete file bytes of an in-memory trace. */
export function encodeTrace(trace: Trace): Uint8Array {
  const encoder = new TraceEncoder();
  const parts = [encoder.header(trace.header), ...trace.steps.map((s) => encoder.step(s)), encoder.footer(trace.footer)];
  return concat(parts);
}
