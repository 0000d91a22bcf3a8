import { sha256 } from '@noble/hashes/sha2.js';
import { hash160 } from '../chains/bitcoin/hashes.js';
import { toHex } from './hex.js';

export { hash160 };
export const sha256d = (bytes: Uint8Array): Uint8Array => sha256(sha256(bytes));

/** BIP-32 key fingerprint: first 4 bytes of hash160(compressed public key), as 8 lowercase hex. */
export const fingerprintOf = (publicKey: Uint8Array): string => toHex(hash160(publicKey).subarray(0, 4));

/** A 32-bit big-endian number as 8 lowercase hex, as fingerprints are printed. */
export const u32Hex = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
