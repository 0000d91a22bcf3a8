import { bech32, bech32m, createBase58check } from '@scure/base';
import { sha256 } from '@noble/hashes/sha2.js';
import type { BitcoinNetwork } from '../types.js';
import type { BitcoinScriptType } from './script.js';
import { encodeCashAddr } from './cashaddr.js';

export const base58check = createBase58check(sha256);

const versioned = (version: number, payload: Uint8Array): string => {
  const bytes = new Uint8Array(21);
  bytes[0] = version;
  bytes.set(payload, 1);
  return base58check.encode(bytes);
};

const segwit = (hrp: string, version: 0 | 1, program: Uint8Array): string =>
  (version === 0 ? bech32 : bech32m).encode(hrp, [version, ...bech32.toWords(program)]);

/** Address string for a payload (see script.ts). Throws when the network has no such address type. */
export function encodeBitcoinAddress(network: BitcoinNetwork, script: BitcoinScriptType, payload: Uint8Array): string {
  switch (script) {
    case 'p2pkh':
      return network.cashaddrPrefix
        ? encodeCashAddr(network.cashaddrPrefix, 0, payload)
        : versioned(network.pubKeyHash, payload);
    case 'p2sh-p2wpkh':
      return versioned(network.scriptHash, payload);
    case 'p2wpkh':
    case 'p2tr':
      if (!network.bech32) throw new RangeError(`${network.id} has no segwit addresses (${script})`);
      return segwit(network.bech32, script === 'p2wpkh' ? 0 : 1, payload);
  }
}
