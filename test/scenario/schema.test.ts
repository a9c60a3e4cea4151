// The JSON Schema shipped for editors is exactly the one the loader validates with.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { VOCABULARIES } from '../../src/scenario/registry.js';
import { invariantNames, scenarioSchema } from '../../src/scenario/schema.js';

const FILE = fileURLToPath(new URL('../../scenarios/scenario.schema.json', import.meta.url));

describe('scenario JSON Schema', () => {
  it('the shipped scenarios/scenario.schema.json is up to date (UPDATE_SCENARIO_SCHEMA=1 rewrites it)', () => {
    const built = `${JSON.stringify(scenarioSchema(), null, 2)}\n`;
    if (process.env.UPDATE_SCENARIO_SCHEMA === '1') writeFileSync(FILE, built);
    expect(readFileSync(FILE, 'utf8')).toBe(built);
  });

  it('is valid draft-07 and knows every vocabulary step and invariant', () => {
    const schema = scenarioSchema();
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    for (const v of VOCABULARIES) {
      const text = JSON.stringify(schema);
      for (const step of Object.keys(v.steps)) expect(text).toContain(`"${step}":`);
      for (const name of invariantNames(v)) expect(text).toContain(`"${name}"`);
    }
    expect(validate({ name: 'x', steps: ['turn', { cancel: 1 }], expect: { jobs: { '1': 'Completed' }, violate: ['stale-worker-inert'] } })).toBe(true);
    expect(validate({ name: 'x', model: 'run-lifecycle', steps: [{ cancel: 1 }] })).toBe(false); // run-lifecycle cancels runs by id
    expect(validate({ name: 'x', model: 'run-lifecycle', steps: [{ cancel: 'r0' }], expect: { runs: { r0: 'Canceled' } } })).toBe(true);
  });
});
