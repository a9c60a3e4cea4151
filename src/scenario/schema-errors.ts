/**
 * Turning ajv's validation errors into one {@link ScenarioError} that a
 * person can act on: the deepest offending field, with its line and column
 * and what was expected there.
 *
 * Details:
 * - Schema combinators (`anyOf`, `if`, `oneOf`) report an error per branch;
 *   the most specific error wins: deepest field first, then the most
 *   telling keyword (unknown field, not one of, wrong type, ...).
 * - An unknown key where a step is expected is an *unknown step*, listing
 *   the steps of the scenario's model; elsewhere it is an *unknown field*.
 * - Wrong types at one place from several branches are merged
 *   ("must be string or object").
 *
 * Gotcha: ajv paths are JSON pointers (`/steps/3/deliver`); numeric
 * segments are array indices only where the data is an array, which is why
 * the data is walked alongside.
 *
 * @example
 * ```ts
 * throw toScenarioError(validate.errors, source);
 * ```
 * @module
 */
import type { ErrorObject } from 'ajv';
import type { Json } from '../sim/json.js';
import { ScenarioError } from './errors.js';
import type { PathSegment, YamlSource } from './yaml-source.js';

const PRIORITY = ['additionalProperties', 'false schema', 'enum', 'const', 'required', 'maxProperties', 'minProperties', 'pattern', 'minimum', 'maximum', 'minItems', 'minLength', 'type'];

function segments(pointer: string, data: Json): PathSegment[] {
  const out: PathSegment[] = [];
  let node: Json | undefined = data;
  for (const raw of pointer.split('/').slice(1)) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      out.push(Number(seg));
      node = node[Number(seg)];
    } else {
      out.push(seg);
      node = node !== null && typeof node === 'object' ? (node as { readonly [k: string]: Json })[seg] : undefined;
    }
  }
  return out;
}

const isStepPath = (p: readonly PathSegment[]): boolean => {
  const n = p.length;
  return (n === 2 && p[0] === 'steps') || (n >= 2 && (p[n - 2] === 'events' || (n >= 3 && p[n - 3] === 'lanes')));
};

function rank(e: ErrorObject): number {
  const i = PRIORITY.indexOf(e.keyword);
  return i < 0 ? PRIORITY.length : i;
}

function show(v: unknown): string {
  return v === undefined ? 'nothing' : JSON.stringify(v);
}

function stepNames(e: ErrorObject): string[] {
  const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties ?? {};
  return Object.keys(props).filter((k) => k !== 'lanes' && k !== 'events');
}

/** The single most useful error among ajv's, located in the source. */
export function toScenarioError(errors: readonly ErrorObject[], src: YamlSource): ScenarioError {
  // An enum on an object comes from the bare-step branch of a step; the object branch says more.
  const relevant = errors.filter(
    (e) => (!['if', 'anyOf', 'oneOf', 'allOf', 'then', 'else'].includes(e.keyword) || errors.length === 1) && !(e.keyword === 'enum' && typeof e.data === 'object' && e.data !== null),
  );
  const depth = (e: ErrorObject): number => (e.instancePath === '' ? 0 : e.instancePath.split('/').length - 1);
  const sorted = [...relevant].sort((a, b) => depth(b) - depth(a) || rank(a) - rank(b));
  const best = sorted[0];
  if (best === undefined) return new ScenarioError(src.file, null, 'does not match the scenario schema');
  const path = segments(best.instancePath, src.data);
  const value = best.data as unknown;
  switch (best.keyword) {
    case 'additionalProperties': {
      const extra = String((best.params as { additionalProperty: string }).additionalProperty);
      const allowed = Object.keys((best.parentSchema as { properties?: object }).properties ?? {});
      const at = src.at([...path, extra], { key: true });
      if (isStepPath(path)) {
        return new ScenarioError(src.file, at, `unknown step "${extra}"; expected one of: ${stepNames(best).join(', ')}`);
      }
      return new ScenarioError(src.file, at, `unknown field "${extra}"; expected one of: ${allowed.join(', ')}`);
    }
    case 'false schema':
      return new ScenarioError(src.file, src.at(path, { key: true }), 'lanes and events belong to an `explore: exhaustive` block');
    case 'enum': {
      const allowed = (best.params as { allowedValues: unknown[] }).allowedValues.map(String);
      if (isStepPath(path)) {
        const objectBranch = errors.find((e) => e.instancePath === best.instancePath && e.keyword === 'type' && e.params.type === 'object');
        const all = objectBranch === undefined ? allowed : stepNames(objectBranch);
        return new ScenarioError(src.file, src.at(path), `unknown step ${show(value)}; expected one of: ${all.join(', ')}`);
      }
      return new ScenarioError(src.file, src.at(path), `unknown value ${show(value)}; expected one of: ${allowed.join(', ')}`);
    }
    case 'const':
      return new ScenarioError(src.file, src.at(path), `must be ${show((best.params as { allowedValue: unknown }).allowedValue)}, got ${show(value)}`);
    case 'required': {
      const missing = String((best.params as { missingProperty: string }).missingProperty);
      if (missing === 'lanes' || missing === 'events') {
        return new ScenarioError(src.file, src.at(path), 'an `explore: exhaustive` block needs `lanes:` (lists of events) or `events:` (every order)');
      }
      return new ScenarioError(src.file, { ...src.at(path), path: src.at([...path, missing]).path }, `missing required field "${missing}"`);
    }
    case 'maxProperties':
      if (isStepPath(path) && value !== null && typeof value === 'object') {
        const keys = Object.keys(value).join(', ');
        return new ScenarioError(src.file, src.at(path), `a step has exactly one name (got ${keys}); put each step on its own "- " line`);
      }
      break;
    case 'type': {
      const types = [...new Set(sorted.filter((e) => e.keyword === 'type' && e.instancePath === best.instancePath).map((e) => String((e.params as { type: string }).type)))];
      const got = value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
      return new ScenarioError(src.file, src.at(path), `must be ${types.join(' or ')}, got ${got} ${show(value)}`);
    }
    case 'pattern': {
      const description = (best.parentSchema as { description?: string } | undefined)?.description;
      return new ScenarioError(src.file, src.at(path), `${show(value)} is not ${description ?? `matching ${String((best.params as { pattern: string }).pattern)}`}`);
    }
    default:
      break;
  }
  return new ScenarioError(src.file, src.at(path), `${best.message ?? 'is invalid'}${value === undefined ? '' : `, got ${show(value)}`}`);
}
