/**
 * Shared fixtures for the trace tests.
 * @module
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onTestFinished } from 'vitest';
import type { Json } from '../../src/sim/json.js';
import type { AnyModel } from '../../src/sim/model.js';
import { simulate, type SimulateOptions } from '../../src/sim/simulate.js';
import type { Trace } from '../../src/trace/types.js';
import { counterModel, type CounterAction, type CounterState, type CounterView } from '../support/counter-model.js';

/** The counter model, type-erased as a registry would hold it. */
export const counter = counterModel as unknown as AnyModel;

/** Resolves only the counter model. */
export function resolve(name: string): AnyModel {
  if (name === counter.name) return counter;
  throw new Error(`unknown model "${name}"`);
}

type Extra = Omit<SimulateOptions<CounterState, CounterView, CounterAction>, 'model' | 'seed' | 'modelOptions'>;

/** Simulate the counter model and return its in-memory trace. */
export function counterTrace(seed: bigint | number, modelOptions: { readonly [key: string]: Json } = {}, extra: Extra = {}): Trace {
  const r = simulate({ model: counterModel, seed, profile: 'adversarial', maxSteps: 40, modelOptions, ...extra });
  if (r.trace === null) throw new Error('no trace kept');
  return r.trace;
}

/** A fresh temporary directory, removed when the current test finishes. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lockstep-trace-'));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
