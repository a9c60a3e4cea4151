/**
 * Colour for the CLI, decided once per invocation.
 *
 * Colours are on only when stdout is a terminal, `NO_COLOR` is unset (or
 * empty, as https://no-color.org says), and `--no-color` was not given;
 * `--color` forces them on (it wins over `NO_COLOR`, since it is the more
 * specific request). `FORCE_COLOR` is honoured as chalk honours it.
 *
 * {@link configureColour} sets the level of chalk's shared instance, so code
 * that imports chalk directly follows the same decision; new code should use
 * {@link paint}.
 *
 * @example
 * ```ts
 * import { paint } from '../colour.js';
 * console.log(`${paint.red('✗')} ${paint.bold('stale-worker-inert')} at step 12`);
 * ```
 * @module
 */
import chalk, { supportsColor } from 'chalk';

type Level = 0 | 1 | 2 | 3;

/** What the colour decision depends on. */
export interface ColourInputs {
  /** `--color` (true), `--no-color` (false), or neither (undefined). */
  readonly flag: boolean | undefined;
  readonly env: { readonly [name: string]: string | undefined };
  readonly stdoutIsTTY: boolean;
  /** The level the terminal supports (chalk's detection), 0 when unknown. */
  readonly supported: Level;
}

/** The chalk level for `inputs`; see the module documentation. */
export function colourLevel(inputs: ColourInputs): Level {
  const best: Level = inputs.supported === 0 ? 1 : inputs.supported;
  if (inputs.flag === true) return best;
  if (inputs.flag === false) return 0;
  const { NO_COLOR, FORCE_COLOR } = inputs.env;
  if (NO_COLOR !== undefined && NO_COLOR !== '') return 0;
  if (FORCE_COLOR !== undefined) return inputs.supported;
  return inputs.stdoutIsTTY ? inputs.supported : 0;
}

/** Decide colour for this process (from `--color`/`--no-color` when given) and apply it to chalk. */
export function configureColour(flag: boolean | undefined): void {
  const supported: Level = supportsColor === false ? 0 : supportsColor.level;
  chalk.level = colourLevel({ flag, env: process.env, stdoutIsTTY: process.stdout.isTTY === true, supported });
}

/** Whether colour is on. */
export function colourEnabled(): boolean {
  return chalk.level > 0;
}

/** Styles that follow the decision of {@link configureColour}. */
export const paint = {
  red: (s: string): string => chalk.red(s),
  green: (s: string): string => chalk.green(s),
  yellow: (s: string): string => chalk.yellow(s),
  cyan: (s: string): string => chalk.cyan(s),
  bold: (s: string): string => chalk.bold(s),
  dim: (s: string): string => chalk.dim(s),
} as const;
