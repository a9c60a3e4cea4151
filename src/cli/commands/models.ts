/**
 * `lockstep models`: list built-in models with their faults and invariants.
 * @module
 */
import type { Argv } from 'yargs';
import { MODELS } from '../../models/registry.js';
import { paint } from '../colour.js';

/** Register the command. */
export function modelsCommand(y: Argv): Argv {
  return y.command(
    'models',
    'list the built-in models, their faults and invariants',
    (c) =>
      c
        .options({ json: { type: 'boolean', default: false, describe: 'print the models as one JSON document on stdout' } })
        .example('$0 models', 'models, their faults (with profile and rate) and invariants')
        .example('$0 models --json', 'the same as data'),
    (argv) => {
      if (argv.json === true) {
        const models = MODELS.map((m) => ({
          name: m.name,
          description: m.description,
          faults: m.faults.map((f) => ({ name: f.name, profile: f.profile, rate: f.rate, description: f.description })),
          invariants: m.invariants.map((i) => ({ name: i.name, description: i.description })),
          options: m.defaultOptions,
        }));
        process.stdout.write(`${JSON.stringify({ models }, null, 2)}\n`);
        return;
      }
      for (const m of MODELS) {
        console.log(`${paint.bold(m.name)}: ${m.description}`);
        console.log('  faults:');
        for (const f of m.faults) console.log(`    ${f.name.padEnd(24)} ${f.profile.padEnd(12)} rate ${f.rate}  ${f.description}`);
        console.log('  invariants:');
        for (const i of m.invariants) console.log(`    ${i.name.padEnd(36)} ${i.description}`);
        console.log(`  options: ${JSON.stringify(m.defaultOptions)}`);
      }
    },
  );
}
