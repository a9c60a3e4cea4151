/**
 * The JSON Schema of scenario files, built from the model vocabularies, so
 * that validation (`parse.ts`, with ajv) and the copy shipped for editors
 * (`scenarios/scenario.schema.json`) cannot drift from the steps the runner
 * understands.
 *
 * Details:
 * - Top level: `name`, `description`, `model`, `seed`, `profile`,
 *   `strategy`, `options`, `steps`, `order`, `expect`; nothing else.
 * - Per model (`if model is …`): the allowed option names, steps, entity
 *   states and invariant names. A scenario without `model` is asupersync.
 * - A step is a bare name (`- turn`) or a one-key mapping
 *   (`- cancel: 1`); an exhaustive block is the only two-key step
 *   (`explore: exhaustive` with `lanes` or `events`), whose events may not
 *   be scheduler steps or blocks themselves.
 *
 * Gotcha: a test checks that the shipped file equals {@link scenarioSchema}();
 * after changing a vocabulary, regenerate it (see scenarios/README.md).
 *
 * @example
 * ```ts
 * new Ajv({ allErrors: true }).compile(scenarioSchema());
 * ```
 * @module
 */
import type { Json } from '../sim/json.js';
import { NO_CRASH } from '../sim/run-engine.js';
import { PROFILES } from '../sim/profile.js';
import { STRATEGIES } from '../sim/strategy.js';
import { DEFAULT_SCENARIO_MODEL, VOCABULARIES } from './registry.js';
import type { AnyVocabulary, SchemaNode } from './vocabulary.js';

/** The most interleavings a scenario's exhaustive blocks may produce together. */
export const MAX_INTERLEAVINGS = 10_000;
/** Default bound of `settle`. */
export const DEFAULT_SETTLE_BOUND = 2000;

/** Names a scenario may list under `hold` and `violate`: the model's invariants and the no-crash property. */
export function invariantNames(v: AnyVocabulary): string[] {
  return [...v.model.invariants.map((i) => i.name), NO_CRASH];
}

const stringList = (description: string): SchemaNode => ({ type: 'array', items: { type: 'string', minLength: 1 }, description });

function optionsSchema(v: AnyVocabulary): SchemaNode {
  const properties: { [key: string]: Json } = {};
  for (const [key, value] of Object.entries(v.model.defaultOptions)) {
    const type = Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value === 'number' ? 'number' : typeof value;
    properties[key] = { type, description: `default ${JSON.stringify(value)}` };
  }
  return { type: 'object', additionalProperties: false, properties, description: `overrides of the ${v.model.name} model options` };
}

function stepSchema(v: AnyVocabulary, events: boolean): SchemaNode {
  const bare = Object.entries(v.steps).filter(([, d]) => d.bare === true).map(([n]) => n);
  const properties: { [key: string]: Json } = {};
  for (const [name, d] of Object.entries(v.steps)) {
    const arg: SchemaNode = d.schema === undefined ? { type: 'null' } : d.bare === true ? { anyOf: [{ type: 'null' }, d.schema] } : d.schema;
    properties[name] = { ...arg, description: d.description };
  }
  if (events) return { anyOf: [{ type: 'string', enum: bare }, { type: 'object', minProperties: 1, maxProperties: 1, additionalProperties: false, properties }] };
  const event: Json = { $ref: `#/definitions/${v.model.name}-event` };
  properties.run = { type: 'integer', minimum: 1, maximum: 100000, description: 'let the seeded scheduler pick this many steps among the model\'s candidates' };
  properties.settle = { anyOf: [{ type: 'null' }, { type: 'integer', minimum: 1 }], description: `fault-free fair steps until the model is settled (at most ${DEFAULT_SETTLE_BOUND}, or the number given)` };
  properties.explore = { const: 'exhaustive', description: 'run the scenario once per interleaving of this block\'s lanes or events' };
  properties.lanes = { type: 'array', minItems: 1, items: { type: 'array', minItems: 1, items: event }, description: 'lists of events; every merge that keeps each lane\'s order' };
  properties.events = { type: 'array', minItems: 2, items: event, description: 'events in every order' };
  return {
    anyOf: [
      { type: 'string', enum: [...bare, 'settle'] },
      {
        type: 'object',
        minProperties: 1,
        additionalProperties: false,
        properties,
        if: { required: ['explore'] },
        then: { maxProperties: 2, oneOf: [{ required: ['lanes'] }, { required: ['events'] }] },
        else: { maxProperties: 1, properties: { lanes: false, events: false } },
      },
    ],
  };
}

function expectSchema(v: AnyVocabulary): SchemaNode {
  const state: Json = { type: 'string', enum: [...v.entityStates] };
  const names: Json = { type: 'string', enum: invariantNames(v) };
  const properties: { [key: string]: Json } = {
    [v.entityField]: {
      type: 'object',
      additionalProperties: { anyOf: [state, { type: 'array', minItems: 1, items: state }] },
      description: `final state per ${v.entityField === 'jobs' ? 'job' : 'run'} id (a list: any of them)`,
    },
    errors: stringList('the exact set of error kinds the system returned during the run ([] for none)'),
    events: stringList('race and fault events that must have happened'),
    settled: { type: 'boolean', description: 'whether every piece of work is terminal at the end' },
    hold: { anyOf: [{ const: 'all' }, { type: 'array', items: names }], description: 'invariants that must hold (default all, except those in violate)' },
    violate: { type: 'array', items: names, description: 'invariants that must be violated at least once' },
  };
  if (v.hasOutcomes) {
    const outcome: Json = { type: 'string', minLength: 1 };
    properties.outcomes = {
      type: 'object',
      additionalProperties: { anyOf: [outcome, { type: 'array', minItems: 1, items: outcome }] },
      description: 'final outcome per job id: Ok, Err, Panicked, Cancelled, an exact summary such as Ok(16), or none',
    };
  }
  return { type: 'object', additionalProperties: false, properties };
}

function modelRule(v: AnyVocabulary): Json {
  const isModel: Json =
    v.model.name === DEFAULT_SCENARIO_MODEL ? { properties: { model: { const: v.model.name } } } : { properties: { model: { const: v.model.name } }, required: ['model'] };
  return {
    if: isModel,
    then: {
      properties: {
        options: optionsSchema(v),
        steps: { items: { $ref: `#/definitions/${v.model.name}-step` } },
        expect: expectSchema(v),
      },
    },
  };
}

/** The whole schema (draft-07). */
export function scenarioSchema(): SchemaNode {
  const definitions: { [key: string]: Json } = {};
  for (const v of VOCABULARIES) {
    definitions[`${v.model.name}-step`] = stepSchema(v, false);
    definitions[`${v.model.name}-event`] = stepSchema(v, true);
  }
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'lockstep scenario',
    description: 'A hand-written race for the lockstep simulator: steps, ordering pins and expectations. See docs/readme/scenario.md.',
    type: 'object',
    additionalProperties: false,
    required: ['name', 'steps'],
    properties: {
      $schema: { type: 'string' },
      name: { type: 'string', minLength: 1, description: 'what the scenario shows, in a few words' },
      description: { type: 'string' },
      model: { type: 'string', enum: VOCABULARIES.map((v) => v.model.name), description: `the model (default ${DEFAULT_SCENARIO_MODEL})` },
      seed: {
        anyOf: [
          { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
          { type: 'string', pattern: '^[0-9]+$', description: 'a decimal u64 such as "18446744073709551615"' },
        ],
        description: 'run seed, u64 (default 1); write seeds above 2^53 as strings',
      },
      profile: { type: 'string', enum: [...PROFILES], description: 'fault profile for scheduler steps (default none)' },
      strategy: { type: 'string', enum: [...STRATEGIES], description: 'scheduler of run steps (default random)' },
      options: { type: 'object' },
      steps: { type: 'array', minItems: 1 },
      order: {
        type: 'array',
        description: 'partial ordering pins: `before` must happen before anything matching `after` may',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['before', 'after'],
          properties: {
            before: { type: 'string', minLength: 1, description: 'a step description prefix, e.g. "deliver CancelJob(1)"' },
            after: { type: 'string', minLength: 1, description: 'a step description prefix, e.g. "deliver JobCompleted(1)"' },
          },
        },
      },
      expect: { type: 'object' },
    },
    allOf: VOCABULARIES.map(modelRule),
    definitions,
  };
}
