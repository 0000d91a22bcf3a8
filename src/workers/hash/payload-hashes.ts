/**
 * The hashes that turn a derived key into an address payload, for fixed-size inputs on preallocated
 * buffers: HASH160 and Keccak-256 of a 64-byte key in WebAssembly (the one-block SHA-256 / RIPEMD-160 and
 * keccak.generated.ts of this folder without it), the BIP-341 TapTweak on the one-block SHA-256.
 */
import { keccak256Last20Of64 } from './keccak.generated.js';
import { HASH_MEMORY, hasWebAssembly, hashInstance } from '../secp/wasm-kernel.js';
import { ripemd160Of32 } from './ripemd160.js';
import { SHA256_IV, sha256Final, sha256Midstate, wordsToBytes } from './sha256.js';

const digest = new Int32Array(8);

let wasmHashes = hasWebAssembly;

/** Turns the WebAssembly HASH160 and Keccak off (or on again) for this thread: tests compare them with the JavaScript ones. */
export function useWasmHashes(on: boolean): void {
  wasmHashes = on && hasWebAssembly;
}

/**
 * RIPEMD160(SHA256(data[offset…+length])) into out[outOffset…+20]; length ≤ 55. In WebAssembly when the thread has
 * it (scripts/wasm-kernel/hash160.mjs: ~0.6 µs against ~1.3 µs for the int32 JavaScript below, bench/README.md).
 */
export function hash160Into(data: Uint8Array, offset: number, length: number, out: Uint8Array, outOffset: number): void {
  if (!(length >= 0 && length <= 55)) throw new RangeError(`HASH160 here takes at most 55 bytes, got ${length}`);
  if (!wasmHashes) {
    sha256Final(SHA256_IV, 0, data, offset, length, digest);
    ripemd160Of32(digest, out, outOffset);
    return;
  }
  const { kernel, bytes } = hashInstance();
  for (let i = 0; i < length; i++) bytes[HASH_MEMORY.hash160In + i] = data[offset + i]!;
  kernel.hash160(HASH_MEMORY.hash160In, length, HASH_MEMORY.hash160Out, HASH_MEMORY.hash160Block);
  for (let i = 0; i < 20; i++) out[outOffset + i] = bytes[HASH_MEMORY.hash160Out + i]!;
}


/**
 * The last 20 bytes of Keccak-256(x ‖ y): the EVM (and Tron) account payload. In WebAssembly (native 64-bit
 * lanes, scripts/wasm-kernel/keccak.mjs) when the thread has it: ~0.7 µs against ~3.2 µs (bench/README.md).
 */
export function evmPayloadInto(input: Uint8Array, out: Uint8Array, offset: number): void {
  if (!wasmHashes) return keccak256Last20Of64(input, out, offset);
  if (input.length !== 64) throw new RangeError(`expected 64 bytes, got ${input.length}`);
  const { kernel, bytes } = hashInstance();
  bytes.set(input, HASH_MEMORY.keccakIn);
  kernel.keccakLast20Of64(HASH_MEMORY.keccakIn, HASH_MEMORY.keccakOut);
  for (let i = 0; i < 20; i++) out[offset + i] = bytes[HASH_MEMORY.keccakOut + i]!;
}

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
