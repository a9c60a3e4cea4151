// Compare two directories of trace files by content: the same file names, and in each pair the same
// header (but for the format version), steps and footer. Any readable format version on either side.
// Usage: node bench/compare-traces.js <dirA> <dirB>   (exit 0 when all equal, 1 otherwise)
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

const { readTraceFile } = await import(new URL('../dist/index.js', import.meta.url).href);
const [a, b] = process.argv.slice(2);
if (a === undefined || b === undefined) throw new Error('usage: node bench/compare-traces.js <dirA> <dirB>');
const names = (dir) => readdirSync(dir).filter((f) => f.endsWith('.lstrace')).sort();
const na = names(a);
const nb = names(b);
const text = (path) => {
  const t = readTraceFile(path);
  return JSON.stringify({ ...t, header: { ...t.header, formatVersion: 0 } }, (_k, v) => (typeof v === 'bigint' ? v.toString() : v));
};
let differ = JSON.stringify(na) === JSON.stringify(nb) ? 0 : 1;
if (differ) console.log(`different file sets: ${na.length} vs ${nb.length} traces`);
else for (const f of na) if (text(join(a, f)) !== text(join(b, f))) { differ++; console.log(`differs: ${f}`); }
console.log(`${na.length} traces compared, ${differ} differ`);
process.exit(differ === 0 ? 0 : 1);
