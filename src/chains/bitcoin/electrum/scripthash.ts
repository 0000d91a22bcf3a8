import { hash } from 'node:crypto';

/**
 * Electrum protocol scripthash: sha256(scriptPubKey) with the bytes REVERSED, lower-case hex (protocol-basics.rst).
 * Esplora's `/scripthash/:hash` takes the same hash in natural order (see esplora/scripthash.ts): never mix them up.
 * node:crypto, not @noble/hashes: a scan hashes every address it asks about, and noble's JS SHA-256 left most of
 * a 100,000-address scan's garbage (measured with the heap sampler).
 */
export function electrumScripthash(script: Uint8Array): string {
  return hash('sha256', script, 'buffer').reverse().toString('hex');
}
