/**
 * The one error type of the trace file format.
 * @module
 */

/** Machine-readable category of a {@link TraceFormatError}. */
export type TraceFormatErrorKind =
  | 'bad-magic'
  | 'unsupported-version'
  | 'truncated'
  | 'frame-too-large'
  | 'unknown-frame-type'
  | 'unexpected-frame'
  | 'decode-error'
  | 'invalid-record'
  | 'digest-mismatch'
  | 'missing-footer'
  | 'trailing-bytes';

/**
 * A trace file (or byte array) is not a valid trace. `offset` is the byte
 * position the problem was found at, counted from the start of the file, so a
 * damaged file can be inspected with any hex viewer.
 */
export class TraceFormatError extends Error {
  constructor(
    readonly kind: TraceFormatErrorKind,
    readonly offset: number,
    readonly reason: string,
    /** The file, when the bytes came from one. */
    readonly source?: string,
  ) {
    super(`${source === undefined ? 'invalid trace' : `invalid trace file ${source}`} at byte ${offset}: ${reason}`);
    this.name = 'TraceFormatError';
  }

  /** The same error, attributed to `source` (a file path). */
  withSource(source: string): TraceFormatError {
    return new TraceFormatError(this.kind, this.offset, this.reason, source);
  }
}
