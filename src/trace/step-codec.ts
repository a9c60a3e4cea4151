/**
 * The compact binary encoding of a block of step records (trace formats 2 to 4).
 *
 * A step frame carries a block of consecutive steps (up to
 * {@link MAX_BLOCK_STEPS}), so the 5-byte frame header is paid once per
 * block. Layout (varints are unsigned LEB128):
 *
 * ```text
 * block   varint first step index | varint step count | step*
 * step    u8 flags | str actor | value decision | [str fault] | [str error]
 *         [varint envelope count] envelope* | [varint event count] str event* | u64 LE digest
 * flags   bit 0 phase heal | bit 1 fault | bit 2 error | bits 3-4 envelope count 0-2, 3 = varint
 *         follows | bits 5-6 event count 0-2, 3 = varint follows | bit 7 zero
 * envelope  format 2-3: u64 LE hash
 *           format 4:   varint 0, u64 LE hash: a hash new to the block (appended to its hash list)
 *                       | varint d >= 1: the block's d-th most recently appended hash (1 = the last)
 * str     u8 0xa0+k: the block's k-th string (k < 96) | 0x86 varint k: the k-th string (any k),
 *         or k = the table size and a new string follows as varint byte length + UTF-8
 * value   u8 0x00-0x7f: that integer | 0x80 null | 0x81 false | 0x82 true | 0x83 varint uint
 *         | 0x84 varint n: the integer -n-1 | 0x85 f64 LE | str | 0x87 varint n, n values
 *         | 0x88 str keys (JSON array of the key names), then one value per key
 * ```
 *
 * Why: the format-1 step (a msgpack map with nine named fields, hashes as
 * text) took about 165 bytes; format 3 takes about 24 on the asupersync
 * model's sequential workload (one byte each for flags and actor, about 5 for
 * a decision, 8 per moved envelope, 8 for the digest). Most of the rest is
 * envelope hashes, and `StepEffects.envelopes` lists every envelope that
 * moved, so each envelope is recorded twice: by the step that sends it and
 * by the step that delivers it, usually a few steps later and so in the same
 * block. Format 4 writes the second occurrence as a one-byte back-reference
 * (at the price of one byte on the first), which makes the sequential
 * workload about 21 bytes per step. A back-reference counts from the end of
 * the list (a repeat is usually of a recent hash, so d stays below 128 and
 * takes one byte) and does not move the hash to the front: an envelope is
 * rarely seen more than twice, and a plain list keeps both sides O(1).
 *
 * Nothing is dropped or truncated: envelope hashes and the 64-bit state
 * digest are stored in full, so replay checks every step exactly as before;
 * formats 3 and 4 hold the same records (same digests and rolling hashes).
 * Strings and envelope hashes are per block (a hash repeated in a later block
 * is written new there), so a block decodes on its own and a damaged block
 * cannot desynchronise the next.
 *
 * The writer is `step-block-writer.ts` over `step-block-output.ts` (writes
 * format 4 only), the reader `step-block-reader.ts` over
 * `step-block-cursor.ts` (reads formats 3 and 4).
 *
 * Gotcha: the encoding is exact only for records that pass `parseStep`
 * (decimal u64 envelopes, 16-hex-digit digests, JSON decisions); the encoder
 * validates before it encodes, or, for the run engine's own records, while
 * it encodes (`BlockWriter.tryAdd`, the same checks).
 * @module
 */

/** Steps per block: bounds a reader's buffer (about 100 KiB) and the steps lost with a damaged block. */
export const MAX_BLOCK_STEPS = 4096;

/** Value and string tags of the layout above. */
export const T_NULL = 0x80;
export const T_FALSE = 0x81;
export const T_TRUE = 0x82;
export const T_UINT = 0x83;
export const T_NEG = 0x84;
export const T_F64 = 0x85;
export const T_STR = 0x86;
export const T_ARRAY = 0x87;
export const T_OBJECT = 0x88;
export const T_STR_INLINE = 0xa0;
export const INLINE_STRINGS = 0x100 - T_STR_INLINE;
