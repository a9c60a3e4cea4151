/**
 * `lockstep models`: list built-in models with their faults and invariants.
 * @module
 */
import type { Argv } from 'yargs';
import { MODELS } from '../../models/registry.js';

/** Register the command. */
export function modelsCommand(y: Argv): Argv {
  return y.command('models', 'list the built-in models, their faults and invariants', {}, () => {
    for (const m of MODELS) {
      console.log(`${m.name}: ${m.description}`);
      console.log('  faults:');
      for (const f of m.faults) console.log(`    ${f.name.padEnd(24)} ${f.profile.padEnd(12)} rate ${f.rate}  ${f.description}`);
      console.log('  invariants:');
      for (const i of m.invariants) console.log(`    ${i.name.padEnd(36)} ${i.description}`);
      console.log(`  options: ${JSON.stringify(m.defaultOptions)}`);
    }
  });
}
