/**
 * Strict shape checks for trace records.
 *
 * Every record read from a file is checked here before anyone sees it, and so
 * is every record written (the run engine's own steps by the same checks
 * made while encoding, `BlockWriter.tryAdd`), so a writer can never produce
 * a file its reader rejects. The checks are exact: no missing or extra fields, no `undefined`,
 * no non-finite numbers, no class instances (msgpack extensions such as
 * timestamps decode to `Date`, which is not JSON). Each parser returns a fresh
 * object with fields in declaration order, so the bytes of a record do not
 * depend on how the producer happened to build it.
 * @module
 */
import type { Json } from '../sim/json.js';
import type { InvariantVerdict, TraceFooter, TraceHeader, TraceStep, Violation } from './types.js';

/** A record does not have the expected shape; `path` locates the bad value. */
export class RecordShapeError extends Error {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'RecordShapeError';
  }
}

type Obj = { readonly [key: string]: unknown };
type Action = TraceStep['decision'];

/** Deeper nesting is rejected instead of risking a stack overflow on hostile input. */
export const MAX_DEPTH = 200;
const U64_MAX = (1n << 64n) - 1n;
const DECIMAL = /^(0|[1-9][0-9]{0,19})$/;
const HEX16 = /^[0-9a-f]{16}$/;

/** Whether `v` is an object literal (or has a null prototype): not an array, not a class instance. */
export function isPlainObject(v: unknown): v is Obj {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function fail(path: string, problem: string): never {
  throw new RecordShapeError(path, problem);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return isPlainObject(v) ? 'an object' : `an instance of ${v.constructor?.name ?? 'unknown'}`;
  return typeof v === 'string' ? `the string ${JSON.stringify(v.slice(0, 40))}` : `${typeof v} ${String(v)}`;
}

/** Check that `v` is plain JSON data (see {@link Json}); returns it unchanged. */
export function checkJson(v: unknown, path: string, depth = 0): Json {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : fail(path, `non-finite number ${v}`);
  if (depth >= MAX_DEPTH) fail(path, `nested deeper than ${MAX_DEPTH} levels`);
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) fail(path, 'array subclass');
    for (let i = 0; i < v.length; i++) checkJson(v[i], `${path}[${i}]`, depth + 1);
    return v as Json[];
  }
  if (!isPlainObject(v)) return fail(path, `expected JSON, got ${describe(v)}`);
  for (const key of Object.keys(v)) {
    // msgpackr renames this key on decode; refuse it rather than silently change data.
    if (key === '__proto__') fail(path, 'the key "__proto__" is not portable');
    checkJson(v[key], `${path}.${key}`, depth + 1);
  }
  return v as { readonly [key: string]: Json };
}

/** `v` must be a plain object with exactly `keys`. */
function exact(v: unknown, path: string, keys: readonly string[]): Obj {
  if (!isPlainObject(v)) return fail(path, `expected an object, got ${describe(v)}`);
  const actual = Object.keys(v);
  for (const k of keys) if (!Object.hasOwn(v, k)) fail(path, `missing field "${k}"`);
  if (actual.length !== keys.length) fail(path, `unexpected field "${actual.find((k) => !keys.includes(k)) ?? '?'}"`);
  return v;
}

function str(v: unknown, path: string): string {
  return typeof v === 'string' ? v : fail(path, `expected a string, got ${describe(v)}`);
}

function strOrNull(v: unknown, path: string): string | null {
  return v === null ? null : str(v, path);
}

function bool(v: unknown, path: string): boolean {
  return typeof v === 'boolean' ? v : fail(path, `expected a boolean, got ${describe(v)}`);
}

function int(v: unknown, path: string, min: number): number {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) fail(path, `expected an integer >= ${min}, got ${describe(v)}`);
  return v;
}

function u64(v: unknown, path: string): string {
  const s = str(v, path);
  if (!DECIMAL.test(s) || BigInt(s) > U64_MAX) fail(path, `expected a decimal u64, got ${describe(v)}`);
  return s;
}

function hex16(v: unknown, path: string): string {
  const s = str(v, path);
  return HEX16.test(s) ? s : fail(path, `expected 16 lowercase hex digits, got ${describe(v)}`);
}

function list<T>(v: unknown, path: string, item: (x: unknown, p: string) => T): T[] {
  if (!Array.isArray(v)) return fail(path, `expected an array, got ${describe(v)}`);
  const out: T[] = [];
  for (let i = 0; i < v.length; i++) out.push(item(v[i], `${path}[${i}]`));
  return out;
}

function jsonObject(v: unknown, path: string): { readonly [key: string]: Json } {
  if (!isPlainObject(v)) fail(path, `expected an object, got ${describe(v)}`);
  return checkJson(v, path) as { readonly [key: string]: Json };
}

function action(v: unknown, path: string): Action {
  const obj = jsonObject(v, path);
  str(obj.type, `${path}.type`);
  return obj as Action;
}

/** Check a header record. */
export function parseHeader(v: unknown): TraceHeader {
  const o = exact(v, 'header', ['formatVersion', 'lockstepVersion', 'model', 'seed', 'profile', 'strategy', 'options']);
  return {
    formatVersion: int(o.formatVersion, 'header.formatVersion', 0),
    lockstepVersion: str(o.lockstepVersion, 'header.lockstepVersion'),
    model: str(o.model, 'header.model'),
    seed: u64(o.seed, 'header.seed'),
    profile: str(o.profile, 'header.profile'),
    strategy: str(o.strategy, 'header.strategy'),
    options: jsonObject(o.options, 'header.options'),
  };
}

/** Check a step record; its `index` must be `expectedIndex` (steps are numbered 0, 1, 2, ... in order). */
export function parseStep(v: unknown, expectedIndex: number): TraceStep {
  const p = `step[${expectedIndex}]`;
  const o = exact(v, p, ['index', 'phase', 'actor', 'decision', 'fault', 'envelopes', 'error', 'events', 'digest']);
  const index = int(o.index, `${p}.index`, 0);
  if (index !== expectedIndex) fail(`${p}.index`, `expected step index ${expectedIndex}, got ${index}`);
  const phase = o.phase === 'fault' || o.phase === 'heal' ? o.phase : fail(`${p}.phase`, `expected "fault" or "heal", got ${describe(o.phase)}`);
  return {
    index,
    phase,
    actor: str(o.actor, `${p}.actor`),
    decision: action(o.decision, `${p}.decision`),
    fault: strOrNull(o.fault, `${p}.fault`),
    envelopes: list(o.envelopes, `${p}.envelopes`, u64),
    error: strOrNull(o.error, `${p}.error`),
    events: list(o.events, `${p}.events`, str),
    digest: hex16(o.digest, `${p}.digest`),
  };
}

function verdict(v: unknown, path: string): InvariantVerdict {
  const o = exact(v, path, ['invariant', 'held']);
  return { invariant: str(o.invariant, `${path}.invariant`), held: bool(o.held, `${path}.held`) };
}

function violation(v: unknown, path: string): Violation {
  const o = exact(v, path, ['invariant', 'step', 'decision', 'message', 'state', 'cause']);
  return {
    invariant: str(o.invariant, `${path}.invariant`),
    step: int(o.step, `${path}.step`, -1),
    decision: o.decision === null ? null : action(o.decision, `${path}.decision`),
    message: str(o.message, `${path}.message`),
    state: checkJson(o.state, `${path}.state`),
    cause: checkJson(o.cause, `${path}.cause`),
  };
}

/** Check a footer record; its `steps` must equal `stepCount`, the number of step records before it. */
export function parseFooter(v: unknown, stepCount: number): TraceFooter {
  const o = exact(v, 'footer', ['steps', 'settled', 'outcome', 'verdicts', 'violations', 'rollingHash']);
  const steps = int(o.steps, 'footer.steps', 0);
  if (steps !== stepCount) fail('footer.steps', `footer counts ${steps} steps but ${stepCount} step records precede it`);
  return {
    steps,
    settled: bool(o.settled, 'footer.settled'),
    outcome: checkJson(o.outcome, 'footer.outcome'),
    verdicts: list(o.verdicts, 'footer.verdicts', verdict),
    violations: list(o.violations, 'footer.violations', violation),
    rollingHash: hex16(o.rollingHash, 'footer.rollingHash'),
  };
}
