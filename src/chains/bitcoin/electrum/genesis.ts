import { RestoreScanError } from '../../../errors.js';
import type { BitcoinNetwork } from '../../types.js';

/**
 * Genesis block hashes (display order) of the built-in Bitcoin-like networks, each recomputed from its genesis
 * header (double SHA-256) when written. Bitcoin Cash forked from Bitcoin and shares its genesis, so for it the check
 * only rules out testnets and other coins.
 */
export const KNOWN_GENESIS_HASHES: Readonly<Record<string, string>> = Object.freeze({
  bitcoin: '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f',
  'bitcoin-testnet': '000000000933ea01ad0ee984209779baaec3ced90fa3f408719526f8d77f4943',
  litecoin: '12a765e31ffd4059bada1e25190f6e98c99d9714d334efa41a195a7e7e04bfe2',
  dogecoin: '1a91e3dace36e2be3bf030a65679fe821aa1d6ef92e7c9902eb318182c355691',
  'bitcoin-cash': '000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f',
});

/** The genesis hash `verify()` requires: the caller's, else the known one; undefined means "cannot check". */
export function expectedGenesisOf(network: BitcoinNetwork, override: string | undefined): string | undefined {
  if (override !== undefined) {
    if (!/^[0-9a-fA-F]{64}$/.test(override)) throw new RangeError(`expectedGenesisHash must be 32 bytes of hex, got "${override}"`);
    return override.toLowerCase();
  }
  return KNOWN_GENESIS_HASHES[network.id];
}

/** Rejects with CHAIN_MISMATCH when the endpoint's genesis is not the network's. */
export function checkGenesis(network: BitcoinNetwork, sourceId: string, reported: string, expected: string): void {
  if (reported.toLowerCase() === expected) return;
  throw new RestoreScanError(
    'CHAIN_MISMATCH',
    `${sourceId} serves another chain than ${network.name}: its genesis block is ${reported}, expected ${expected}`,
    { hint: `check the URL configured for ${network.id}` },
  );
}
