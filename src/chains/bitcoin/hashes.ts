import { sha256 } from '@noble/hashes/sha2.js';
import { ripemd160 } from '@noble/hashes/legacy.js';

/** RIPEMD160(SHA256(x)): the key hash of P2PKH/P2WPKH and the script hash of P2SH. */
export const hash160 = (data: Uint8Array): Uint8Array => ripemd160(sha256(data));

const tagCache = new Map<string, Uint8Array>();

/** BIP-340 tagged hash: SHA256(SHA256(tag) || SHA256(tag) || msg). */
export function taggedHash(tag: string, ...msgs: Uint8Array[]): Uint8Array {
  let tagHash = tagCache.get(tag);
  if (!tagHash) {
    tagHash = sha256(new TextEncoder().encode(tag));
    tagCache.set(tag, tagHash);
  }
  const h = sha256.create().update(tagHash).update(tagHash);
  for (const m of msgs) h.update(m);
  return h.digest();
}
