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

const TWO_32 = 4294967296;
const SAFE_MAX = BigInt(Number.MAX_SAFE_INTEGER);

/** Whether `value` is a bigint in 0..2^64-1. */
export function isU64(value: unknown): value is bigint {
  return typeof value === 'bigint' && value >= 0n && value <= U64_MAX;
}

/** Reduce any bigint modulo 2^64, as Rust's wrapping arithmetic does. */
export function wrapU64(value: bigint): bigint {
  return BigInt.asUintN(64, value);
}

/** High limb written by the last {@link splitU64} call. */
export let limbHi = 0;
/** Low limb written by the last {@link splitU64} call. */
export let limbLo = 0;

/**
 * Split a u64 into 32-bit limbs, written to {@link limbHi} and {@link limbLo}.
 * Values below 2^53 (the common case) cost one bigint→number conversion and
 * no allocation.
 */
export function splitU64(value: bigint): void {
  if (value <= SAFE_MAX && value >= 0n) {
    const n = Number(value);
    limbLo = n >>> 0;
    limbHi = (n - limbLo) / TWO_32;
    return;
  }
  const v = BigInt.asUintN(64, value);
  limbLo = Number(v & 0xffff_ffffn);
  limbHi = Number(v >> 32n);
}

/** Join two 32-bit limbs into a u64 bigint. */
export function joinU64(hi: number, lo: number): bigint {
  if (hi < 0x200000) return BigInt(hi * TWO_32 + lo);
  return (BigInt(hi) << 32n) | BigInt(lo);
}
