import type { FuzzFlags } from '../../src/cli/fuzz-options.js';

/** `lockstep fuzz` flags as yargs gives them with no flag on the command line, with `over` applied. */
export const fuzzFlags = (over: Partial<FuzzFlags> = {}): FuzzFlags => ({
  model: 'asupersync',
  profile: 'realistic',
  strategy: 'random',
  'pct-depth': 3,
  'max-steps': 200,
  'heal-steps': 2000,
  seeds: undefined,
  time: undefined,
  'seed-start': '1',
  shard: undefined,
  out: 'traces',
  jobs: 1,
  'keep-going': false,
  json: false,
  ...over,
});
