/**
 * The steps of the asupersync scenario vocabulary: what each one means and
 * the JSON Schema of its argument. `src/scenario/schema.ts` assembles these
 * into the schema shipped as `scenarios/scenario.schema.json`.
 *
 * Gotcha: the descriptions show up in editors (hover and completion), so
 * they are written for scenario authors, in the protocol's words.
 *
 * @example
 * ```ts
 * Object.keys(ASUPERSYNC_STEPS); // ['bootstrap', 'spawn', 'cancel', ...]
 * ```
 * @module
 */
import type { SchemaNode, StepDefinition } from '../../scenario/vocabulary.js';

const WORKER: SchemaNode = { type: 'string', pattern: '^w[1-9][0-9]*$', description: 'a worker id such as w1' };
const JOB: SchemaNode = { type: 'integer', minimum: 1, description: 'a job id' };
const MESSAGE_NAME: SchemaNode = {
  type: 'string',
  pattern: '^[A-Z][A-Za-z]*(\\([0-9]+\\))?(\\s+(from|to)\\s+w[1-9][0-9]*)?$',
  description: 'a message such as CancelJob(1), BootstrapReady, or "JobCompleted(1) from w1"',
};
const MESSAGE: SchemaNode = {
  anyOf: [
    MESSAGE_NAME,
    {
      type: 'object',
      description: 'a message by name and/or route',
      additionalProperties: false,
      minProperties: 1,
      properties: {
        message: MESSAGE_NAME,
        from: { type: 'string', pattern: '^(w[1-9][0-9]*|coordinator)$', description: 'w<N> (its outbound channel) or coordinator' },
        to: { type: 'string', pattern: '^(w[1-9][0-9]*|worker|coordinator)$', description: 'worker or coordinator (the live worker\'s channels), or w<N>' },
      },
    },
  ],
};
const PAYLOAD: SchemaNode = {
  anyOf: [
    { type: 'integer', minimum: 0, maximum: 1048576 },
    { type: 'string', enum: ['MAX_PAYLOAD_BYTES', 'MAX_PAYLOAD_BYTES+1'] },
  ],
};
const NEW_WORKER: SchemaNode = { ...WORKER, description: 'the id the new worker must get (checked)' };

/** Every asupersync step. */
export const ASUPERSYNC_STEPS: { readonly [name: string]: StepDefinition } = {
  bootstrap: {
    description: 'the live worker reports BootstrapReady (or BootstrapFailed with fail: true): `bootstrap: w1`',
    bare: true,
    schema: {
      anyOf: [
        WORKER,
        { type: 'object', additionalProperties: false, properties: { worker: WORKER, fail: { type: 'boolean' } } },
      ],
    },
  },
  spawn: {
    description: 'the workload spawns a job: `spawn: 1` or `spawn: {job: 1, steps: 2, outcome: ok, payload: 16}`',
    bare: true,
    schema: {
      anyOf: [
        JOB,
        {
          type: 'object',
          additionalProperties: false,
          properties: {
            job: JOB,
            steps: { type: 'integer', minimum: 0, maximum: 100, description: 'units of work after the job starts (default 1)' },
            outcome: { type: 'string', enum: ['ok', 'err', 'panic'], description: 'how the job ends (default ok)' },
            payload: { ...PAYLOAD, description: 'spawn payload bytes (default 16)' },
            result: { ...PAYLOAD, description: 'Ok result bytes (default 16)' },
            snapshot: { type: 'boolean', description: 'the worker sends StatusSnapshot(Running) when the job starts (default false)' },
          },
        },
      ],
    },
  },
  cancel: { description: 'the workload cancels a job: `cancel: 1`', schema: JOB },
  poll: { description: 'the workload polls a job: `poll: 1`', schema: JOB },
  remove: { description: 'the workload removes a job (removeJob; workers that settled it forget it): `remove: 1`', schema: JOB },
  shutdown: { description: 'the workload requests shutdown', bare: true },
  turn: { description: 'the host turn advances (coordinator and live worker)', bare: true },
  work: { description: 'the live worker does one unit of a job\'s work (the first one starts it): `work: 1`', schema: JOB },
  finish: { description: 'the live worker works a job until it completes it and sends JobCompleted: `finish: 1`', schema: JOB },
  deliver: { description: 'deliver a message at the head of its channel: `deliver: CancelJob(1)`, `deliver: {to: worker}`', schema: MESSAGE },
  stale: { description: 'deliver a message a replaced worker sent before it died (late message): `stale: JobCompleted(1)`', schema: MESSAGE },
  duplicate: { description: 'the network duplicates a queued message: `duplicate: JobCompleted(1)`', schema: MESSAGE },
  drop: { description: 'the network loses a queued message', schema: MESSAGE },
  delay: { description: 'a queued message is overtaken by everything behind it', schema: MESSAGE },
  reorder: { description: 'a queued message swaps places with the one behind it', schema: MESSAGE },
  replay: { description: 'an already delivered message is sent again into the live channel: `replay: BootstrapReady from w1`', schema: MESSAGE },
  replace: { description: 'the live worker dies mid-job and a new one starts booting: `replace` or `replace: w2`', bare: true, schema: NEW_WORKER },
  restart: { description: 'after the worker stopped or failed to bootstrap, a new one starts booting', bare: true, schema: NEW_WORKER },
  lie: {
    description: 'the faulty worker sends a message its state does not justify: `lie: {job: 1, kind: terminal-snapshot, state: Completed}`',
    schema: {
      type: 'object',
      additionalProperties: false,
      required: ['job', 'kind'],
      properties: {
        job: JOB,
        kind: { type: 'string', enum: ['finalize-without-drain', 'completed-while-finalizing', 'owned-state-snapshot', 'terminal-snapshot'] },
        state: {
          type: 'string',
          enum: ['Created', 'CancelRequested', 'Draining', 'Finalizing', 'Completed', 'Failed'],
          description: 'the state a snapshot lie claims',
        },
      },
    },
  },
};
