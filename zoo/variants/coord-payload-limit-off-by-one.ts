/**
 * Coordinator bug: `spawnJob` refuses a payload of exactly
 * `MAX_PAYLOAD_BYTES` (`>=` where the envelope validation uses `>`).
 *
 * Reach: adversarial `payload-limit` fault (a spawn payload exactly at the
 * limit).
 * @module
 */
import { err, MAX_PAYLOAD_BYTES, WorkerCoordinator, type Result } from '../../src/protocol/index.js';
import { SimWorker } from '../../src/models/asupersync/generation.js';
import type { ZooVariant } from '../variant.js';

class PayloadLimitOffByOne extends WorkerCoordinator {
  override spawnJob(jobId: bigint, regionId: bigint, taskId: bigint, obligationId: bigint, payload: Uint8Array): Result<bigint> {
    // BUG: the limit is exclusive here, inclusive everywhere else.
    if (this.workerReady && !this.shutdownRequested && payload.length >= MAX_PAYLOAD_BYTES) {
      return err({ kind: 'PayloadTooLarge', size: payload.length, max: MAX_PAYLOAD_BYTES });
    }
    return super.spawnJob(jobId, regionId, taskId, obligationId, payload);
  }
}

export const variant: ZooVariant = {
  name: 'coord-payload-limit-off-by-one',
  side: 'coordinator',
  description: 'rejects a spawn payload of exactly MAX_PAYLOAD_BYTES',
  invariant: 'payload-limit',
  reach: 'adversarial payload-limit fault with a spawn payload exactly at the limit',
  parts: { coordinator: (seed) => new PayloadLimitOffByOne(seed), worker: (config) => new SimWorker(config) },
};
