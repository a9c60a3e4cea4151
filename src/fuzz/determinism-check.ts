/**
 * The determinism check: run each seed twice and compare the encoded trace
 * bytes, then replay the first trace from its recorded decisions.
 *
 * Any difference means something in a simulation path depends on state we
 * do not control (iteration order, a leaked global, a shared mutable object).
 * @module
 */
import { encodeTrace } from '../trace/encoder.js';
import { replay, type ModelResolver } from '../trace/replay.js';
import { runSeed, type RunSettings } from './campaign.js';

/** What went wrong for one seed, if anything. */
export interface DeterminismFinding {
  readonly seed: string;
  readonly problem: string;
}

/** Check `count` seeds from `first`; returns one finding per bad seed. */
export function checkDeterminism(
  settings: RunSettings,
  first: bigint,
  count: number,
  resolveModel: ModelResolver,
): DeterminismFinding[] {
  const findings: DeterminismFinding[] = [];
  for (let i = 0; i < count; i++) {
    const seed = BigInt.asUintN(64, first + BigInt(i));
    const a = runSeed(settings, seed).trace;
    const b = runSeed(settings, seed).trace;
    if (a === null || b === null) throw new Error('checkDeterminism: runs must keep their traces');
    const bytesA = encodeTrace(a);
    const bytesB = encodeTrace(b);
    const at = firstDifference(bytesA, bytesB);
    if (at !== -1) {
      findings.push({ seed: seed.toString(), problem: `two runs differ from byte ${at} of the encoded trace` });
      continue;
    }
    const verdict = replay(a, resolveModel);
    if (!verdict.ok) {
      findings.push({ seed: seed.toString(), problem: `replay diverged: ${verdict.divergence.message}` });
    }
  }
  return findings;
}

function firstDifference(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}
