import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/**
 * Esplora `/scripthash/:hash`: sha256(scriptPubKey) in NATURAL byte order (rust-esplora-client formats the hash
 * with `{:x}`), unlike Electrum's reversed form (electrum/scripthash.ts).
 */
export function esploraScripthash(script: Uint8Array): string {
  return bytesToHex(sha256(script));
}
