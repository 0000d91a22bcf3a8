import { sha256 } from '@noble/hashes/sha2.js';
import { ripemd160 } from '@noble/hashes/legacy.js';

/** RIPEMD160(SHA256(x)): the key hash of P2PKH/P2WPKH and the script hash of P2SH. */
export const hash160 = (data: Uint8Array): Uint8Array => ripemd160(sha256(data));
