import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // The simulator swaps global clocks and RNGs while a run is active; keep each
    // file in its own worker so a failing test cannot leak a patched global.
    pool: 'forks',
    testTimeout: 60_000,
  },
});
