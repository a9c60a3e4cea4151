// Compare two `lockstep fuzz --json` reports, ignoring timings and the directories traces were written to.
// Usage: node bench/same-report.js <a.json> <b.json>   (exit 0 when equal, 1 otherwise)
import { readFileSync } from 'node:fs';

const TIMING = /ms$|Ms$|elapsed|seconds|rate|perSecond|^wall$/i;
const norm = (path) =>
  JSON.stringify(JSON.parse(readFileSync(path, 'utf8')), (k, v) => {
    if (TIMING.test(k)) return undefined;
    // A trace path or replay command names the --out directory; keep only the file name.
    return typeof v === 'string' ? v.replace(/\S*\/([^/\s]+\.lstrace)/g, '$1') : v;
  });
const [a, b] = process.argv.slice(2);
if (a === undefined || b === undefined) throw new Error('usage: node bench/same-report.js <a.json> <b.json>');
process.exit(norm(a) === norm(b) ? 0 : 1);
