/**
 * `parseScenario`: scenario text (YAML or JSON) to a validated
 * {@link Scenario}, or a {@link ScenarioError} naming the file, line,
 * column and field. Pure: the caller reads the file.
 *
 * Details:
 * - Order of checks: YAML syntax; the JSON Schema (`schema.ts`, via ajv);
 *   then what a schema cannot say: the model accepts the options, and the
 *   exhaustive blocks together stay within {@link MAX_INTERLEAVINGS}.
 * - Each step keeps its source position, so a step that cannot apply at
 *   run time is reported at its line.
 * - Defaults: model `asupersync`, seed 1, profile `none`, strategy
 *   `random`, no pins, and no expectations except that every invariant
 *   holds.
 *
 * Gotcha: seeds above 2^53 must be written as strings (`seed: "18446744073709551615"`);
 * YAML numbers are doubles.
 *
 * @example
 * ```ts
 * const sc = parseScenario('name: x\nsteps:\n  - bootstrap: w1\n', 'x.yaml');
 * sc.steps[0]; // { kind: 'model', step: { name: 'bootstrap', arg: 'w1', at: { path: 'steps[0].bootstrap', line: 3, column: 16 } } }
 * ```
 * @module
 */
import { Ajv, type ValidateFunction } from 'ajv';
import type { Json } from '../sim/json.js';
import type { ProfileName } from '../sim/profile.js';
import type { StrategyName } from '../sim/strategy.js';
import { ScenarioError } from './errors.js';
import { countInterleavings } from './interleavings.js';
import { DEFAULT_SCENARIO_MODEL, vocabularyFor } from './registry.js';
import { DEFAULT_SETTLE_BOUND, MAX_INTERLEAVINGS, scenarioSchema } from './schema.js';
import { toScenarioError } from './schema-errors.js';
import type { Expectations, Pin, Scenario, ScenarioStep, SourceAt, StepSpec } from './types.js';
import type { AnyVocabulary } from './vocabulary.js';
import { YamlSource, type PathSegment } from './yaml-source.js';

type Obj = { readonly [key: string]: Json };

let compiled: ValidateFunction | undefined;
function validator(): ValidateFunction {
  compiled ??= new Ajv({ allErrors: true, verbose: true, strict: false }).compile(scenarioSchema());
  return compiled;
}

const asObj = (v: Json | undefined): Obj => (v !== null && v !== undefined && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** Parse and validate one scenario; throws {@link ScenarioError}. */
export function parseScenario(text: string, file: string): Scenario {
  const src = YamlSource.parse(text, file);
  const validate = validator();
  if (src.data === null || typeof src.data !== 'object' || Array.isArray(src.data)) {
    throw new ScenarioError(file, src.at([]), 'a scenario is a mapping with at least name and steps');
  }
  if (!validate(src.data)) throw toScenarioError(validate.errors ?? [], src);
  const d = src.data as Obj;
  const vocab = vocabularyFor(typeof d.model === 'string' ? d.model : DEFAULT_SCENARIO_MODEL);
  const steps = (d.steps as Json[]).map((raw, i) => parseStep(src, raw, ['steps', i]));
  checkInterleavings(src, steps);
  const options = asObj(d.options);
  const modelSteps = steps.flatMap((s) => (s.kind === 'model' ? [s.step] : s.kind === 'explore' ? s.lanes.flat() : []));
  const seed = BigInt(typeof d.seed === 'number' || typeof d.seed === 'string' ? d.seed : 1);
  if (seed >= 1n << 64n) throw new ScenarioError(file, src.at(['seed']), 'must be below 2^64');
  checkOptions(src, vocab, { ...vocab.scenarioOptions(modelSteps), ...options }, seed);
  return {
    file,
    name: String(d.name),
    description: typeof d.description === 'string' ? d.description : '',
    model: vocab.model.name,
    seed,
    profile: (typeof d.profile === 'string' ? d.profile : 'none') as ProfileName,
    strategy: (typeof d.strategy === 'string' ? d.strategy : 'random') as StrategyName,
    options,
    steps,
    order: ((d.order as Json[] | undefined) ?? []).map((p, i): Pin => ({ before: String(asObj(p).before), after: String(asObj(p).after), at: src.at(['order', i]) })),
    expect: parseExpect(src, vocab, asObj(d.expect)),
  };
}

function modelStep(src: YamlSource, raw: Json, path: readonly PathSegment[]): StepSpec {
  if (typeof raw === 'string') return { name: raw, arg: null, at: src.at(path) };
  const [name, arg] = Object.entries(asObj(raw))[0] ?? ['?', null];
  return { name, arg, at: src.at([...path, name]) };
}

function parseStep(src: YamlSource, raw: Json, path: readonly PathSegment[]): ScenarioStep {
  const o = asObj(raw);
  if (raw === 'settle' || 'settle' in o) {
    const bound = typeof o.settle === 'number' ? o.settle : DEFAULT_SETTLE_BOUND;
    return { kind: 'settle', bound, at: src.at(typeof raw === 'string' ? path : [...path, 'settle']) };
  }
  if (typeof o.run === 'number') return { kind: 'run', count: o.run, at: src.at([...path, 'run']) };
  if (o.explore !== undefined) {
    const at = src.at([...path, 'explore']);
    if (Array.isArray(o.lanes)) {
      const lanes = o.lanes.map((lane, j) => (lane as Json[]).map((e, k) => modelStep(src, e, [...path, 'lanes', j, k])));
      return { kind: 'explore', lanes, at };
    }
    const events = (o.events as Json[]).map((e, k) => [modelStep(src, e, [...path, 'events', k])]);
    return { kind: 'explore', lanes: events, at };
  }
  return { kind: 'model', step: modelStep(src, raw, path) };
}

function checkInterleavings(src: YamlSource, steps: readonly ScenarioStep[]): void {
  let total = 1;
  for (const s of steps) {
    if (s.kind !== 'explore') continue;
    total *= countInterleavings(s.lanes.map((l) => l.length));
    if (total > MAX_INTERLEAVINGS) {
      const n = Number.isFinite(total) ? total.toLocaleString('en-US') : 'too many';
      throw new ScenarioError(
        src.file,
        s.at,
        `the exhaustive blocks have ${n} interleavings together, more than the cap of ${MAX_INTERLEAVINGS.toLocaleString('en-US')}; use fewer events, put events that need no reordering in one lane, or pin orderings with order:`,
      );
    }
  }
}

function checkOptions(src: YamlSource, vocab: AnyVocabulary, overrides: Obj, seed: bigint): void {
  try {
    vocab.model.init({ ...vocab.model.defaultOptions, ...overrides }, seed);
  } catch (e) {
    throw new ScenarioError(src.file, src.at(['options']), e instanceof Error ? e.message : String(e));
  }
}

function parseExpect(src: YamlSource, vocab: AnyVocabulary, e: Obj): Expectations {
  const lists = (v: Json | undefined): Map<string, readonly string[]> =>
    new Map(Object.entries(asObj(v)).map(([id, x]) => [id, Array.isArray(x) ? x.map(String) : [String(x)]]));
  const strings = (v: Json | undefined): readonly string[] | null => (Array.isArray(v) ? v.map(String) : null);
  return {
    states: lists(e[vocab.entityField]),
    outcomes: lists(e.outcomes),
    errors: strings(e.errors),
    events: strings(e.events) ?? [],
    settled: typeof e.settled === 'boolean' ? e.settled : null,
    hold: Array.isArray(e.hold) ? e.hold.map(String) : 'all',
    violate: strings(e.violate) ?? [],
    at: src.at(['expect']),
    positions: new Map(
      Object.entries(e).flatMap(([field, v]): [string, SourceAt][] => {
        const nested = field === vocab.entityField || field === 'outcomes' ? Object.keys(asObj(v)).map((id): [string, SourceAt] => [`${field}.${id}`, src.at(['expect', field, id])]) : [];
        return [[field, src.at(['expect', field])], ...nested];
      }),
    ),
  };
}
