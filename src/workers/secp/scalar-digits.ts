/**
 * Signed fixed-window recoding of a 256-bit scalar: s = Σ d_j·2^(w·j) with d_j ∈ (−2^(w−1), 2^(w−1)].
 * Signed digits halve the table (−P is free: negate y). The last window holds the top b = 256 mod w bits
 * plus a carry, so its digit is in [0, 2^b] and never wraps.
 */

/** Number of digits of a 256-bit scalar in windows of w bits. */
export const windowCount = (w: number): number => Math.floor(256 / w) + 1;

/** Writes the windowCount(w) digits of the 32 big-endian bytes at bytes[offset] to out[outOffset…]. */
export function recode(bytes: Uint8Array, offset: number, w: number, out: Int32Array, outOffset: number): void {
  const windows = windowCount(w);
  const mask = (1 << w) - 1;
  const half = 1 << (w - 1);
  let acc = 0; // bits not yet consumed, least significant first (< 2^(w+8) ≤ 2^26)
  let bits = 0;
  let next = offset + 31; // least significant byte first
  let carry = 0;
  for (let j = 0; j < windows; j++) {
    while (bits < w && next >= offset) {
      acc |= bytes[next--]! << bits;
      bits += 8;
    }
    let d = (acc & mask) + carry;
    acc >>>= w;
    bits = Math.max(0, bits - w);
    if (d > half) {
      d -= 1 << w;
      carry = 1;
    } else carry = 0;
    out[outOffset + j] = d;
  }
}
