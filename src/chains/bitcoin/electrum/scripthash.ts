import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/**
 * Electrum protocol scripthash: sha256(scriptPubKey) with the bytes REVERSED, lower-case hex (protocol-basics.rst).
 * Esplora's `/scripthash/:hash` takes the same hash in natural order (see esplora/scripthash.ts): never mix them up.
 */
export function electrumScripthash(script: Uint8Array): string {
  return bytesToHex(sha256(script).reverse());
}
