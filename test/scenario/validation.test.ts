// Bad scenario files: each error names the file, line, column, the offending field and what was expected.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/errors.js';
import { loadScenario, scenarioFiles } from '../../src/scenario/load.js';
import { errorOf, parse } from './helpers.js';

const ok = 'name: t\nsteps:\n  - bootstrap: w1\n';

describe('scenario validation errors', () => {
  it('a missing file', () => {
    expect(errorOf(() => loadScenario('/definitely/missing.yaml'))).toBe('/definitely/missing.yaml: no such scenario file');
    expect(errorOf(() => scenarioFiles(['/definitely/missing-dir']))).toBe('/definitely/missing-dir: no such scenario file or directory');
  });

  it('invalid YAML syntax, with line and column', () => {
    expect(errorOf(() => parse('name: [t\nsteps: []\n'))).toMatch(/^mem\.yaml:2:\d+: invalid YAML: /);
    expect(errorOf(() => parse('name: t\nname: u\nsteps: [turn]\n'))).toMatch(/^mem\.yaml:2:1: invalid YAML: Map keys must be unique/);
  });

  it('an unknown field, with the fields expected there', () => {
    expect(errorOf(() => parse(`${ok}sede: 3\n`))).toBe(
      'mem.yaml:4:1: sede: unknown field "sede"; expected one of: $schema, name, description, model, seed, profile, strategy, options, steps, order, expect',
    );
    expect(errorOf(() => parse(`${ok}expect:\n  job: {1: Completed}\n`))).toMatch(/^mem\.yaml:5:3: expect\.job: unknown field "job"; expected one of: jobs, errors, events, settled, hold, violate, outcomes$/);
    expect(errorOf(() => parse(`${ok}options: {jobz: 2}\n`))).toMatch(/^mem\.yaml:4:11: options\.jobz: unknown field "jobz"; expected one of: jobs, payloadSizes, /);
  });

  it('a wrong type', () => {
    expect(errorOf(() => parse('name: t\nsteps:\n  - cancel: one\n'))).toBe('mem.yaml:3:13: steps[0].cancel: must be integer, got string "one"');
    expect(errorOf(() => parse('name: t\nsteps: turn\n'))).toBe('mem.yaml:2:8: steps: must be array, got string "turn"');
    expect(errorOf(() => parse(`${ok}expect: {settled: maybe}\n`))).toBe('mem.yaml:4:19: expect.settled: must be boolean, got string "maybe"');
  });

  it('an unknown step, bare or with an argument, listing the model\'s steps', () => {
    expect(errorOf(() => parse(`${ok}  - frobnicate: 3\n`))).toMatch(/^mem\.yaml:4:5: steps\[1\]\.frobnicate: unknown step "frobnicate"; expected one of: bootstrap, spawn, cancel, poll, /);
    expect(errorOf(() => parse(`${ok}  - frob\n`))).toMatch(/^mem\.yaml:4:5: steps\[1\]: unknown step "frob"; expected one of: bootstrap, spawn, cancel, /);
    expect(errorOf(() => parse('name: t\nmodel: run-lifecycle\nsteps:\n  - deliver: X\n'))).toMatch(
      /^mem\.yaml:4:5: steps\[0\]\.deliver: unknown step "deliver"; expected one of: tick, promote, lease, /,
    );
    expect(errorOf(() => parse('name: t\nsteps:\n  - cancel: 1\n    poll: 1\n'))).toBe(
      'mem.yaml:3:5: steps[0]: a step has exactly one name (got cancel, poll); put each step on its own "- " line',
    );
  });

  it('an unknown invariant name', () => {
    expect(errorOf(() => parse(`${ok}expect:\n  violate: [stale-worker-inert, no-such-invariant]\n`))).toMatch(
      /^mem\.yaml:5:33: expect\.violate\[1\]: unknown value "no-such-invariant"; expected one of: job-transition-table, .*stale-worker-inert/,
    );
    // run-lifecycle has its own invariants: an asupersync name is unknown there.
    expect(errorOf(() => parse('name: t\nmodel: run-lifecycle\nsteps: [tick]\nexpect: {hold: [stale-worker-inert]}\n'))).toMatch(
      /^mem\.yaml:4:17: expect\.hold\[0\]: unknown value "stale-worker-inert"; expected one of: run-transition-table, /,
    );
  });

  it('an unknown job state', () => {
    expect(errorOf(() => parse(`${ok}expect:\n  jobs: {1: Done}\n`))).toMatch(/^mem\.yaml:5:13: expect\.jobs\.1: unknown value "Done"; expected one of: Created, Queued, Running, /);
    expect(errorOf(() => parse(`${ok}expect:\n  jobs: {1: [Completed, Cancelled]}\n`))).toMatch(/^mem\.yaml:5:25: expect\.jobs\.1\[1\]: unknown value "Cancelled"/);
  });

  it('malformed step arguments name the nested field', () => {
    expect(errorOf(() => parse('name: t\nsteps:\n  - spawn: {job: 1, outcome: fine}\n'))).toBe(
      'mem.yaml:3:30: steps[0].spawn.outcome: unknown value "fine"; expected one of: ok, err, panic',
    );
    expect(errorOf(() => parse('name: t\nsteps:\n  - deliver: cancel job one\n'))).toBe(
      'mem.yaml:3:14: steps[0].deliver: "cancel job one" is not a message such as CancelJob(1), BootstrapReady, or "JobCompleted(1) from w1"',
    );
    expect(errorOf(() => parse('name: t\nsteps:\n  - lie: {job: 1}\n'))).toBe('mem.yaml:3:10: steps[0].lie.kind: missing required field "kind"');
  });

  it('missing required fields, pins and option values the model rejects', () => {
    expect(errorOf(() => parse('steps: [turn]\n'))).toBe('mem.yaml:1:1: name: missing required field "name"');
    expect(errorOf(() => parse(`${ok}order:\n  - before: deliver CancelJob(1)\n`))).toBe('mem.yaml:5:5: order[0].after: missing required field "after"');
    expect(errorOf(() => parse(`${ok}options: {jobs: -3}\n`))).toBe('mem.yaml:4:10: options: asupersync: option jobs must be an integer in 0..10000000, got -3');
  });

  it('exhaustive blocks: lanes outside a block, a block without events, and the interleaving cap', () => {
    expect(errorOf(() => parse('name: t\nsteps:\n  - lanes: [[turn]]\n'))).toBe('mem.yaml:3:5: steps[0].lanes: lanes and events belong to an `explore: exhaustive` block');
    expect(errorOf(() => parse('name: t\nsteps:\n  - explore: exhaustive\n'))).toMatch(/^mem\.yaml:3:5: steps\[0\]: an `explore: exhaustive` block needs/);
    expect(errorOf(() => parse('name: t\nsteps:\n  - explore: exhaustive\n    lanes: [[cancel: 1], [run: 3]]\n'))).toMatch(
      /^mem\.yaml:4:27: steps\[0\]\.lanes\[1\]\[0\]\.run: unknown step "run"/,
    );
    // 8 single events: 8! = 40320 orders.
    const big = `name: t\nsteps:\n  - explore: exhaustive\n    events: [${Array(8).fill('turn').join(', ')}]\n`;
    expect(errorOf(() => parse(big))).toMatch(/^mem\.yaml:3:14: steps\[0\]\.explore: the exhaustive blocks have 40,320 interleavings together, more than the cap of 10,000/);
    // 7! = 5040 is within the cap.
    expect(() => parse(`name: t\nsteps:\n  - explore: exhaustive\n    events: [${Array(7).fill('turn').join(', ')}]\n`)).not.toThrow();
  });

  it('errors are ScenarioErrors carrying the position', () => {
    try {
      parse('name: t\nsteps:\n  - cancel: x\n');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ScenarioError);
      expect((e as ScenarioError).at).toEqual({ path: 'steps[0].cancel', line: 3, column: 13 });
    }
  });

  it('JSON scenario files are accepted, and validated the same way', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lockstep-scn-'));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify({ $schema: './scenario.schema.json', name: 'json', steps: [{ bootstrap: 'w1' }, 'turn'] }, null, 2));
    expect(loadScenario(good).steps).toHaveLength(2);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{\n  "name": "json",\n  "steps": [\n    {"cancel": "one"}\n  ]\n}\n');
    expect(errorOf(() => loadScenario(bad))).toBe(`${bad}:4:16: steps[0].cancel: must be integer, got string "one"`);
    expect(scenarioFiles([dir])).toEqual([bad, good]);
  });
});
