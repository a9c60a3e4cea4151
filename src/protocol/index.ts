/**
 * The asupersync main-thread/worker coordination protocol, ported from Rust.
 * @module
 */
export * from './job-state.js';
export * from './ops.js';
export * from './errors.js';
export * from './envelope.js';
export { replayHash, type ReplayHashInput } from './replay-hash.js';
export { opToJson, envelopeToJson, bytesToJson } from './canonical-json.js';
export { parseOpJson, parseEnvelopeJson, ProtocolDecodeError } from './canonical-json-parse.js';
export { TrackedJob } from './tracked-job.js';
export { WorkerCoordinator } from './coordinator.js';
export { EnvelopeQueue } from './envelope-queue.js';
export { EnvelopeCounters } from './envelope-counters.js';
export { U64_MAX, isU64 } from './u64.js';
