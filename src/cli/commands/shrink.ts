/**
 * `lockstep shrink`: PLACEHOLDER, registered so that its owner only fills it in.
 * @module
 */
import type { Argv } from 'yargs';

/** Register the command. */
export function shrinkCommand(y: Argv): Argv {
  return y;
}
