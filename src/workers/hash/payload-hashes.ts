/**
 * The hashes that turn a derived key into an address payload, for fixed-size inputs on preallocated
 * buffers: HASH160 and the BIP-341 TapTweak on the one-block SHA-256 / RIPEMD-160 of this folder,
 * Keccak-256 of a 64-byte key from keccak.generated.ts.
 */
import { keccak256Last20Of64 } from './keccak.generated.js';
import { ripemd160Of32 } from './ripemd160.js';
import { SHA256_IV, sha256Final, sha256Midstate, wordsToBytes } from './sha256.js';

const digest = new Int32Array(8);

/** RIPEMD160(SHA256(data[offset…+length])) into out[outOffset…+20]; length ≤ 55. */
export function hash160Into(data: Uint8Array, offset: number, length: number, out: Uint8Array, outOffset: number): void {
  sha256Final(SHA256_IV, 0, data, offset, length, digest);
  ripemd160Of32(digest, out, outOffset);
}

/** The last 20 bytes of Keccak-256(x ‖ y): the EVM (and Tron) account payload. */
export const evmPayloadInto = keccak256Last20Of64;

// SHA256(tag) ‖ SHA256(tag) is exactly one block: hash it once.
const tapTag = new Uint8Array(64);
sha256Final(SHA256_IV, 0, new TextEncoder().encode('TapTweak'), 0, 8, digest);
wordsToBytes(digest, tapTag, 0);
wordsToBytes(digest, tapTag, 32);
const tapTweakState = sha256Midstate(tapTag);

/** BIP-341 TapTweak of a key-path-only output, t = SHA256(tag ‖ tag ‖ x), into out[outOffset…+32]. */
export function tapTweakInto(x: Uint8Array, offset: number, out: Uint8Array, outOffset: number): void {
  sha256Final(tapTweakState, 64, x, offset, 32, digest);
  wordsToBytes(digest, out, outOffset);
}
