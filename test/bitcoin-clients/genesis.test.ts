import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { KNOWN_GENESIS_HASHES } from '../../src/chains/bitcoin/index.js';
import { NETWORKS } from '../../src/chains/networks.js';

/** The genesis block headers (version 1, no parent) as each chain's source code defines them. */
const GENESIS_HEADERS: Record<string, { merkleRoot: string; time: number; bits: number; nonce: number }> = {
  bitcoin: { merkleRoot: '4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b', time: 1231006505, bits: 0x1d00ffff, nonce: 2083236893 },
  'bitcoin-testnet': { merkleRoot: '4a5e1e4baab89f3a32518a88c31bc87f618f76673e2cc77ab2127b7afdeda33b', time: 1296688602, bits: 0x1d00ffff, nonce: 414098458 },
  litecoin: { merkleRoot: '97ddfbbae6be97fd6cdf3e7ca13232a3afff2353e29badfab7f73011edd4ced9', time: 1317972665, bits: 0x1e0ffff0, nonce: 2084524493 },
  dogecoin: { merkleRoot: '5b2a3f53f605d62c53e62932dac6925e3d74afa5a4b459745c36d42d0ed26a69', time: 1386325540, bits: 0x1e0ffff0, nonce: 99943 },
};

function headerHash(h: (typeof GENESIS_HEADERS)[string]): string {
  const header = new Uint8Array(80);
  const view = new DataView(header.buffer);
  view.setUint32(0, 1, true);
  header.set(hexToBytes(h.merkleRoot).reverse(), 36);
  view.setUint32(68, h.time, true);
  view.setUint32(72, h.bits, true);
  view.setUint32(76, h.nonce, true);
  return bytesToHex(sha256(sha256(header)).reverse());
}

describe('known genesis hashes', () => {
  it('are the double SHA-256 of each chain\'s genesis header', () => {
    for (const [id, header] of Object.entries(GENESIS_HEADERS)) expect(KNOWN_GENESIS_HASHES[id], id).toBe(headerHash(header));
    // Bitcoin Cash forked from Bitcoin: same genesis.
    expect(KNOWN_GENESIS_HASHES['bitcoin-cash']).toBe(KNOWN_GENESIS_HASHES.bitcoin);
  });

  it('cover every built-in Bitcoin-like network', () => {
    const bitcoinLike = Object.values(NETWORKS).filter((n) => n.family === 'bitcoin').map((n) => n.id);
    expect(Object.keys(KNOWN_GENESIS_HASHES).sort()).toEqual(bitcoinLike.sort());
  });
});
