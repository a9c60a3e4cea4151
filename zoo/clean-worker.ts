/**
 * Worker thread of `npm run zoo:clean`: one profile's clean campaign,
 * posted back to the main thread.
 * @module
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ProfileName } from '../src/sim/profile.js';
import { cleanProfile } from './clean.js';

const job = workerData as { readonly profile: ProfileName; readonly first: string; readonly seeds: number };
parentPort?.postMessage(cleanProfile(job.profile, BigInt(job.first), job.seeds));
