/**
 * `npm run zoo:traces`: regenerate `zoo/traces/<variant>.lstrace` for every
 * variant that declares an invariant: hunt from seed 1 under each strategy
 * (budget `--budget-ms`, default 10000), shrink each catch with
 * `shrinkTrace`, and save the shortest trace that still replays and still
 * violates the invariant. Run it after the trace format or the shrinker
 * changes; `npm test` replays the files.
 * @module
 */
import { saveTrace } from '../src/cli/trace-io.js';
import { intFlag, parseFlags, runMain } from './args.js';
import { VARIANTS } from './catalog.js';
import { hunt } from './hunt.js';
import { STRATEGY_SETTINGS, ZOO_STRATEGIES } from './oracle.js';
import { caughtTrace, type CaughtTrace } from './regression.js';

runMain(() => {
  const { strings } = parseFlags(process.argv.slice(2), ['budget-ms'], []);
  const budgetMs = intFlag(strings, 'budget-ms', 10_000);
  let missing = 0;
  for (const v of VARIANTS) {
    if (v.invariant === null) continue;
    let best: (CaughtTrace & { strategy: string; seed: string }) | null = null;
    for (const strategy of ZOO_STRATEGIES) {
      const h = hunt(v, STRATEGY_SETTINGS[strategy], 1n, budgetMs, () => performance.now());
      if (h.seed === null) continue;
      const t = caughtTrace(v, STRATEGY_SETTINGS[strategy], BigInt(h.seed));
      if (best === null || t.steps < best.steps) best = { ...t, strategy, seed: h.seed };
    }
    if (best === null) {
      missing++;
      process.stdout.write(`${v.name}: not caught within ${budgetMs} ms by any strategy; no trace\n`);
      continue;
    }
    const path = `zoo/traces/${v.name}.lstrace`;
    saveTrace(path, best.trace);
    process.stdout.write(`${v.name}: ${best.strategy} seed ${best.seed}, ${best.originalSteps} → ${best.steps} steps${best.shrunk ? '' : ' (shrinking lost the bug; original kept)'} → ${path}\n`);
  }
  if (missing > 0) process.exitCode = 1;
});
