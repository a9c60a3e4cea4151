/**
 * Unsigned 64-bit integers at the API boundary.
 *
 * Every Rust `u64` is a `bigint` in lockstep's public types so the full range
 * 0..2^64-1 survives. Hot paths (hashing, digests) never do per-byte bigint
 * arithmetic: they split a value into two 32-bit limbs once with
 * {@link splitU64} and work on plain numbers from there.
 * @module
 */

/** 2^64 - 1. */
export const U64_MAX = 0xffff_ffff_ffff_ffffn;

/** 2^32 - 1, the largest Rust `u32`. */
export const U32_MAX = 0xffff_ffff;

/** Whether `value` is a bigint in 0..2^64-1. */
export function isU64(value: unknown): value is bigint {
  return typeof value === 'bigint' && value >= 0n && value <= U64_MAX;
}

/** Reduce any bigint modulo 2^64, as Rust's wrapping arithmetic does. */
export function wrapU64(value: bigint): bigint {
  return BigInt.asUintN(64, value);
}

// One 8-byte scratch buffer seen as a u64 and as two u32 limbs. Storing a
// bigint into a BigUint64Array reduces it modulo 2^64 (as BigInt.asUintN(64)
// does) with no comparison or allocation; reading the u64 back costs one bigint.
const scratch = new ArrayBuffer(8);
/** The scratch as a u64: store a bigint here, then read its limbs from {@link U64_LIMBS}. @internal */
export const U64_SCRATCH = new BigUint64Array(scratch);
/** The scratch as two u32 limbs, at {@link LO} and {@link HI}: reading them allocates nothing, unlike {@link limbHi}/{@link limbLo}. @internal */
export const U64_LIMBS = new Uint32Array(scratch);
const scratchU64 = U64_SCRATCH;
const scratchU32 = U64_LIMBS;
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
/** Index of the low limb in {@link U64_LIMBS}. @internal */
export const LO = LITTLE_ENDIAN ? 0 : 1;
/** Index of the high limb in {@link U64_LIMBS}. @internal */
export const HI = LITTLE_ENDIAN ? 1 : 0;

/** High limb written by the last {@link splitU64} call. */
export let limbHi = 0;
/** Low limb written by the last {@link splitU64} call. */
export let limbLo = 0;

/**
 * Split a u64 into 32-bit limbs, written to {@link limbHi} and {@link limbLo}.
 * Any bigint is first reduced modulo 2^64. No allocation.
 */
export function splitU64(value: bigint): void {
  scratchU64[0] = value;
  limbLo = scratchU32[LO] as number;
  limbHi = scratchU32[HI] as number;
}

/** Join two 32-bit limbs into a u64 bigint. */
export function joinU64(hi: number, lo: number): bigint {
  scratchU32[LO] = lo;
  scratchU32[HI] = hi;
  return scratchU64[0] as bigint;
}
