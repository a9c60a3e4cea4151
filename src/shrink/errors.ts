/**
 * Why a trace cannot be shrunk: it has no violation, its header cannot be
 * re-run, or its decisions no longer reproduce the violation.
 * The CLI reports these as bad input (exit 2).
 * @module
 */

/** A trace the shrinker cannot work on; the message says why. */
export class ShrinkError extends Error {
  constructor(message: string) {
    super(`shrink: ${message}`);
    this.name = 'ShrinkError';
  }
}
