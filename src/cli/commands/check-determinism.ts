/**
 * `lockstep check-determinism`: run a sample of seeds twice, compare bytes, replay.
 * @module
 */
import type { Argv } from 'yargs';
import { checkDeterminism } from '../../fuzz/determinism-check.js';
import { resolveModel } from '../../models/registry.js';
import { paint } from '../colour.js';
import { parseSeed, RUN_OPTIONS, runSettings, type RunFlags } from '../settings.js';
import { EXIT, UsageError } from '../usage-error.js';

interface Flags extends RunFlags {
  readonly seeds: number;
  readonly 'seed-start': string;
  readonly json: boolean;
}

/** Register the command. */
export function checkDeterminismCommand(y: Argv): Argv {
  return y.command(
    'check-determinism',
    'run each seed twice and compare the trace bytes, then replay it',
    (c) =>
      c.options({
        ...RUN_OPTIONS,
        seeds: { type: 'number', default: 50, describe: 'number of seeds to check' },
        'seed-start': { type: 'string', default: '1', describe: 'first seed (u64)' },
        json: { type: 'boolean', default: false, describe: 'print the findings as one JSON document on stdout' },
      })
        .example('$0 check-determinism', 'check 50 seeds of the default model')
        .example('$0 check-determinism --model run-lifecycle --profile adversarial --seeds 200', 'a larger sample under faults')
        .example('$0 check-determinism --json', 'findings as data'),
    (argv) => {
      const flags = argv as unknown as Flags;
      const settings = runSettings(flags);
      if (!Number.isInteger(flags.seeds) || flags.seeds < 1) throw new UsageError(`--seeds must be an integer >= 1, got ${flags.seeds}`);
      const first = parseSeed('seed-start', flags['seed-start']);
      const findings = checkDeterminism(settings, first, flags.seeds, resolveModel);
      if (flags.json) {
        process.stdout.write(`${JSON.stringify({ seeds: flags.seeds, seedStart: first.toString(), ok: findings.length === 0, findings: findings.map((f) => ({ seed: String(f.seed), problem: f.problem })) }, null, 2)}\n`);
      } else {
        for (const f of findings) console.log(`${paint.red('✗')} seed ${f.seed}: ${f.problem}`);
        if (findings.length === 0) console.log(`${paint.green('✓')} ${flags.seeds} seeds: byte-identical traces on two runs, and every trace replays`);
      }
      process.exitCode = findings.length > 0 ? EXIT.failed : EXIT.ok;
    },
  );
}
