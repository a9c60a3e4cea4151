/**
 * Command-line flags of the zoo scripts, parsed with `node:util`'s
 * `parseArgs`. A bad flag is a usage error: one line on stderr, exit 2.
 * @module
 */
import { parseArgs } from 'node:util';

/** A bad command line. */
export class ZooUsageError extends Error {}

/** Parse `argv` with the given string flags and boolean switches. */
export function parseFlags(argv: readonly string[], strings: readonly string[], switches: readonly string[]): { strings: Map<string, string>; switches: Set<string> } {
  const options: { [k: string]: { type: 'string' | 'boolean' } } = {};
  for (const s of strings) options[s] = { type: 'string' };
  for (const s of switches) options[s] = { type: 'boolean' };
  let values: { [k: string]: string | boolean | undefined };
  try {
    values = parseArgs({ args: [...argv], options, allowPositionals: false, strict: true }).values as { [k: string]: string | boolean | undefined };
  } catch (e) {
    throw new ZooUsageError(e instanceof Error ? e.message : String(e));
  }
  const out = { strings: new Map<string, string>(), switches: new Set<string>() };
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === 'string') out.strings.set(k, v);
    else if (v === true) out.switches.add(k);
  }
  return out;
}

/** A positive integer flag, or its default. */
export function intFlag(flags: Map<string, string>, name: string, fallback: number): number {
  const raw = flags.get(name);
  if (raw === undefined) return fallback;
  if (!/^[1-9][0-9]*$/.test(raw) || !Number.isSafeInteger(Number(raw))) throw new ZooUsageError(`--${name} must be a positive integer, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** Run `main`, turning a usage error into exit code 2 with one line. */
export function runMain(main: () => void): void {
  try {
    main();
  } catch (e) {
    if (e instanceof ZooUsageError) {
      process.stderr.write(`zoo: ${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}
