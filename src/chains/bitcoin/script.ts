import type { ScriptType } from '../types.js';
import { hash160 } from './hashes.js';
import { taprootOutputKey, xOnly } from './taproot.js';
import { p2pkhFromHash, p2shFromHash, witnessProgram } from './script-builders.js';

/**
 * The "payload" of an address: the fixed-width bytes that, with the script type, determine it.
 * Derivation produces payloads (packed, fixed width); strings are made only when needed.
 * - p2pkh, p2wpkh: HASH160(compressed key) · p2sh-p2wpkh: HASH160(0x0014 ‖ HASH160(key))
 * - p2tr: the BIP-86 tweaked x-only output key (32 bytes)
 */
export const BITCOIN_PAYLOAD_WIDTH = { p2pkh: 20, 'p2sh-p2wpkh': 20, p2wpkh: 20, p2tr: 32 } as const;
export type BitcoinScriptType = keyof typeof BITCOIN_PAYLOAD_WIDTH;

export function isBitcoinScript(script: ScriptType): script is BitcoinScriptType {
  return script in BITCOIN_PAYLOAD_WIDTH;
}

/** Payload from a compressed public key: the reference (one key at a time) path. */
export function bitcoinPayload(script: BitcoinScriptType, compressedKey: Uint8Array): Uint8Array {
  switch (script) {
    case 'p2pkh':
    case 'p2wpkh':
      return hash160(compressedKey);
    case 'p2sh-p2wpkh':
      return hash160(witnessProgram(0, hash160(compressedKey)));
    case 'p2tr':
      return taprootOutputKey(xOnly(compressedKey));
  }
}

/** scriptPubKey for a payload: what Electrum scripthashes and Esplora /scripthash are computed from. */
export function scriptPubKey(script: BitcoinScriptType, payload: Uint8Array): Uint8Array {
  switch (script) {
    case 'p2pkh':
      return p2pkhFromHash(payload);
    case 'p2sh-p2wpkh':
      return p2shFromHash(payload);
    case 'p2wpkh':
      return witnessProgram(0, payload);
    case 'p2tr':
      return witnessProgram(1, payload);
  }
}
