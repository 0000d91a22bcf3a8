/**
 * SHA-256 for the short, fixed-shape messages of address derivation (a 33-byte key, a 22-byte
 * script, a 32-byte x after a precomputed TapTweak prefix): one compression on int32 locals, no
 * allocation. node:crypto pays ~2 µs per call to cross into C++, which is more than the hash itself
 * here (measured: bench/README.md); the general-purpose hashes stay with node:crypto / @noble/hashes.
 */

const K = Int32Array.of(
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
);

/** The initial hash value H(0). */
export const SHA256_IV = Int32Array.of(0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19);

const W = new Int32Array(64);

/** out = the compression of `state` with the 16 big-endian words already in W[0..15]. */
function compress(state: Int32Array, out: Int32Array): void {
  for (let i = 16; i < 64; i++) {
    const w15 = W[i - 15]!;
    const w2 = W[i - 2]!;
    const s0 = ((w15 >>> 7) | (w15 << 25)) ^ ((w15 >>> 18) | (w15 << 14)) ^ (w15 >>> 3);
    const s1 = ((w2 >>> 17) | (w2 << 15)) ^ ((w2 >>> 19) | (w2 << 13)) ^ (w2 >>> 10);
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
  }
  let a = state[0]!, b = state[1]!, c = state[2]!, d = state[3]!;
  let e = state[4]!, f = state[5]!, g = state[6]!, h = state[7]!;
  for (let i = 0; i < 64; i++) {
    const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (h + s1 + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
    const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (s0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  out[0] = (state[0]! + a) | 0;
  out[1] = (state[1]! + b) | 0;
  out[2] = (state[2]! + c) | 0;
  out[3] = (state[3]! + d) | 0;
  out[4] = (state[4]! + e) | 0;
  out[5] = (state[5]! + f) | 0;
  out[6] = (state[6]! + g) | 0;
  out[7] = (state[7]! + h) | 0;
}

/**
 * SHA-256 of prefix ‖ message, where `state` is the state after the prefix (SHA256_IV for none,
 * `prefixBytes` long, a multiple of 64) and the message is at most 55 bytes (one final block).
 * The digest goes to `out` as eight big-endian words.
 */
export function sha256Final(state: Int32Array, prefixBytes: number, message: Uint8Array, offset: number, length: number, out: Int32Array): void {
  if (length > 55) throw new RangeError(`sha256Final takes at most 55 bytes, got ${length}`);
  W.fill(0, 0, 16);
  for (let i = 0; i < length; i++) W[i >> 2] = W[i >> 2]! | (message[offset + i]! << (24 - 8 * (i & 3)));
  W[length >> 2] = W[length >> 2]! | (0x80 << (24 - 8 * (length & 3)));
  W[15] = (prefixBytes + length) * 8;
  compress(state, out);
}

/** The state after absorbing one 64-byte block (for precomputed prefixes such as tag ‖ tag). */
export function sha256Midstate(block: Uint8Array): Int32Array {
  if (block.length !== 64) throw new RangeError('a midstate is computed over exactly one 64-byte block');
  for (let i = 0; i < 16; i++) W[i] = (block[4 * i]! << 24) | (block[4 * i + 1]! << 16) | (block[4 * i + 2]! << 8) | block[4 * i + 3]!;
  const out = new Int32Array(8);
  compress(SHA256_IV, out);
  return out;
}

/** Writes eight big-endian words as 32 bytes. */
export function wordsToBytes(words: Int32Array, out: Uint8Array, offset: number): void {
  for (let i = 0; i < 8; i++) {
    const w = words[i]!;
    out[offset + 4 * i] = w >>> 24;
    out[offset + 4 * i + 1] = (w >>> 16) & 0xff;
    out[offset + 4 * i + 2] = (w >>> 8) & 0xff;
    out[offset + 4 * i + 3] = w & 0xff;
  }
}
