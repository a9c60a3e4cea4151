/**
 * Errors that end the CLI with exit code 2 and a one-line message, no stack.
 * @module
 */

/** A bad flag, a bad value, a missing or unreadable input file. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Exit codes of the `lockstep` command. */
export const EXIT = {
  ok: 0,
  /** A run found a violation, or a replay diverged. */
  failed: 1,
  /** Usage error or invalid input (bad flags, unreadable or corrupt trace, bad scenario). */
  usage: 2,
} as const;
