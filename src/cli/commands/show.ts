/**
 * `lockstep show`: PLACEHOLDER, registered so that its owner only fills it in.
 * @module
 */
import type { Argv } from 'yargs';

/** Register the command. */
export function showCommand(y: Argv): Argv {
  return y;
}
