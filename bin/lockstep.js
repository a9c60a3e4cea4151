#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm install` (the `prepare` script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  process.stderr.write("lockstep: dist/ is missing; run 'npm install' (or 'npm run build') first\n");
  process.exit(2);
}
const { run } = await import(entry.href);
await run();
