/**
 * fast-check arbitraries for the protocol types: every `WorkerOp` variant,
 * every `JobOutcome`, u64 extremes, and strings that stress the JSON escaper
 * (astral characters, control characters, quotes, backslashes).
 */
import fc from 'fast-check';
import {
  coordinatorEnvelope,
  JOB_STATES,
  newEnvelope,
  workerEnvelope,
  workerEnvelopeWithDecisionSeq,
  type DiagnosticLevel,
  type JobOutcome,
  type JobState,
  type WorkerEnvelope,
  type WorkerOp,
} from '../../src/protocol/index.js';

/** Every u64 value where a 32-bit, 53-bit or 64-bit representation can go wrong. */
export const U64_EXTREMES: readonly bigint[] = [
  0n,
  1n,
  2n ** 32n - 1n,
  2n ** 32n,
  2n ** 53n - 1n,
  2n ** 53n,
  2n ** 53n + 1n,
  2n ** 63n - 1n,
  2n ** 63n,
  2n ** 63n + 1n,
  2n ** 64n - 1n,
];

/** A u64: an extreme, a small value, or anything in 0..2^64-1. */
export const arbU64: fc.Arbitrary<bigint> = fc.oneof(
  fc.constantFrom(...U64_EXTREMES),
  fc.bigInt(0n, 2n ** 64n - 1n),
  fc.bigInt(0n, 1000n),
);

/** A Rust u32 (the envelope `version`). */
export const arbU32: fc.Arbitrary<number> = fc.oneof(
  fc.constant(1),
  fc.constantFrom(0, 2, 99, 2 ** 31, 2 ** 32 - 1),
  fc.integer({ min: 0, max: 2 ** 32 - 1 }),
);

/** Characters a JSON writer or UTF-8 encoder can get wrong. */
const TRICKY_CHARS = [
  '"',
  '\\',
  '/',
  "'",
  '\n',
  '\r',
  '\t',
  '\b',
  '\f',
  '\v',
  '\u0000',
  '\u0001',
  '\u001f',
  '\u007f',
  '\u0080',
  '\u00e9',
  '\u07ff',
  '\u0800',
  '\u2028',
  '\u2029',
  '\ud7ff',
  '\ue000',
  '\ufeff',
  '\ufffd',
  '\uffff',
  '中',
  '\u{10000}',
  '\u{1d11e}',
  '\u{1f600}',
  '\u{1f431}',
  '\u{10ffff}',
  '\\u0041',
  '\\"',
  '}',
  ',',
] as const;

/**
 * Any Rust `String` (a sequence of Unicode scalar values: no lone surrogates),
 * biased towards the characters in {@link TRICKY_CHARS}.
 */
export const arbText: fc.Arbitrary<string> = fc.string({
  unit: fc.oneof(
    { arbitrary: fc.constantFrom(...TRICKY_CHARS), weight: 3 },
    { arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'binary-ascii', minLength: 1, maxLength: 1 }), weight: 2 },
    { arbitrary: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }), weight: 3 },
  ),
  maxLength: 12,
});

/** `Option<String>`. */
export const arbOptText: fc.Arbitrary<string | null> = fc.option(arbText, { nil: null });

/** `Vec<u8>`: usually short, sometimes long enough for the writer's bulk path. */
export const arbBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  { arbitrary: fc.uint8Array({ maxLength: 8 }), weight: 4 },
  { arbitrary: fc.uint8Array({ minLength: 60, maxLength: 200 }), weight: 1 },
);

export const arbJobState: fc.Arbitrary<JobState> = fc.constantFrom(...JOB_STATES);

export const arbLevel: fc.Arbitrary<DiagnosticLevel> = fc.constantFrom('Info', 'Warn', 'Error');

export const arbOutcome: fc.Arbitrary<JobOutcome> = fc.oneof(
  fc.record({ status: fc.constant('Ok' as const), payload: arbBytes }),
  fc.record({ status: fc.constant('Err' as const), code: arbText, message: arbText }),
  fc.record({ status: fc.constant('Cancelled' as const), reason: arbText }),
  fc.record({ status: fc.constant('Panicked' as const), message: arbText }),
);

const arbBootstrapReady = (workerId: fc.Arbitrary<string>): fc.Arbitrary<WorkerOp> =>
  fc.record({ type: fc.constant('BootstrapReady' as const), workerId });
const arbBootstrapFailed = (workerId: fc.Arbitrary<string>): fc.Arbitrary<WorkerOp> =>
  fc.record({ type: fc.constant('BootstrapFailed' as const), workerId, reason: arbText });

/** The six main → worker ops. */
export const arbCoordinatorOp: fc.Arbitrary<WorkerOp> = fc.oneof(
  fc.record({
    type: fc.constant('SpawnJob' as const),
    request: fc.record({
      jobId: arbU64,
      regionId: arbU64,
      taskId: arbU64,
      obligationId: arbU64,
      payload: arbBytes,
    }),
  }),
  fc.record({ type: fc.constant('PollStatus' as const), jobId: arbU64 }),
  fc.record({ type: fc.constant('CancelJob' as const), jobId: arbU64, reason: arbText }),
  fc.record({ type: fc.constant('DrainJob' as const), jobId: arbU64 }),
  fc.record({ type: fc.constant('FinalizeJob' as const), jobId: arbU64 }),
  fc.record({ type: fc.constant('ShutdownWorker' as const), reason: arbText }),
);

/** The seven worker → main ops that are not bootstrap reports. */
export const arbWorkerSessionOp: fc.Arbitrary<WorkerOp> = fc.oneof(
  fc.record({
    type: fc.constant('StatusSnapshot' as const),
    snapshot: fc.record({ jobId: arbU64, state: arbJobState, detail: arbOptText }),
  }),
  fc.record({
    type: fc.constant('JobCompleted' as const),
    result: fc.record({ jobId: arbU64, outcome: arbOutcome }),
  }),
  fc.record({ type: fc.constant('CancelAcknowledged' as const), jobId: arbU64 }),
  fc.record({ type: fc.constant('DrainCompleted' as const), jobId: arbU64 }),
  fc.record({ type: fc.constant('FinalizeCompleted' as const), jobId: arbU64 }),
  fc.constant<WorkerOp>({ type: 'ShutdownCompleted' }),
  fc.record({
    type: fc.constant('Diagnostic' as const),
    event: fc.record({ level: arbLevel, category: arbText, message: arbText, metadata: arbOptText }),
  }),
);

/** Any of the 15 op variants. */
export const arbOp: fc.Arbitrary<WorkerOp> = fc.oneof(
  { arbitrary: arbBootstrapReady(arbText), weight: 1 },
  { arbitrary: arbBootstrapFailed(arbText), weight: 1 },
  { arbitrary: arbCoordinatorOp, weight: 6 },
  { arbitrary: arbWorkerSessionOp, weight: 7 },
);

/** Envelope metadata without the worker id: every u64 field over its full range. */
export const arbMeta = fc.record({
  messageId: arbU64,
  seqNo: arbU64,
  decisionSeq: arbU64,
  seed: arbU64,
  issuedAtTurn: arbU64,
});

/**
 * Any envelope, valid or not: any version, any op, with or without a worker
 * id, and a replay hash that is either arbitrary or the correct one.
 */
export const arbEnvelope: fc.Arbitrary<WorkerEnvelope> = fc
  .record({
    meta: arbMeta,
    version: arbU32,
    workerId: fc.option(arbText, { nil: null }),
    op: arbOp,
    hash: fc.option(arbU64, { nil: null }),
  })
  .map(({ meta, version, workerId, op, hash }) => {
    const built =
      workerId === null
        ? coordinatorEnvelope(meta.messageId, meta.seqNo, meta.decisionSeq, meta.seed, meta.issuedAtTurn, op)
        : workerEnvelopeWithDecisionSeq(
            workerId,
            meta.messageId,
            meta.seqNo,
            meta.decisionSeq,
            meta.seed,
            meta.issuedAtTurn,
            op,
          );
    return { ...built, version, replayHash: hash ?? built.replayHash };
  });

/**
 * An envelope built by the right constructor for its direction: coordinator
 * ops without a worker id, worker ops with one, and bootstrap ops whose
 * `workerId` equals the envelope's.
 */
export const arbValidEnvelope: fc.Arbitrary<WorkerEnvelope> = fc.oneof(
  fc
    .record({ meta: arbMeta, op: arbCoordinatorOp, sameDecision: fc.boolean() })
    .map(({ meta: m, op, sameDecision }) =>
      sameDecision
        ? newEnvelope(m.messageId, m.seqNo, m.seed, m.issuedAtTurn, op)
        : coordinatorEnvelope(m.messageId, m.seqNo, m.decisionSeq, m.seed, m.issuedAtTurn, op),
    ),
  fc
    .record({ meta: arbMeta, workerId: arbText, op: arbWorkerSessionOp, sameDecision: fc.boolean() })
    .map(({ meta: m, workerId, op, sameDecision }) =>
      sameDecision
        ? workerEnvelope(workerId, m.messageId, m.seqNo, m.seed, m.issuedAtTurn, op)
        : workerEnvelopeWithDecisionSeq(workerId, m.messageId, m.seqNo, m.decisionSeq, m.seed, m.issuedAtTurn, op),
    ),
  fc
    .record({ meta: arbMeta, workerId: arbText, reason: fc.option(arbText, { nil: null }) })
    .map(({ meta: m, workerId, reason }) => {
      const op: WorkerOp =
        reason === null ? { type: 'BootstrapReady', workerId } : { type: 'BootstrapFailed', workerId, reason };
      return workerEnvelopeWithDecisionSeq(workerId, m.messageId, m.seqNo, m.decisionSeq, m.seed, m.issuedAtTurn, op);
    }),
);
