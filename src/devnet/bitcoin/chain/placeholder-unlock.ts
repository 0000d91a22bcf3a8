import { classifyScript } from './script-address.js';
import { bytesToHex, hexToBytes } from './hashes.js';
import type { InputUnlock } from './model-types.js';
import { pushData } from './script-ops.js';

/**
 * Unlocking data for inputs the model builds. Nothing here is signed: the bytes only have the right shape
 * and size (a strict-DER signature with SIGHASH_ALL, the secp256k1 generator as public key) so that sizes,
 * weights and fees look like real wallet transactions. Txids are still the real hashes of these bytes.
 */
const SIGNATURE = `3044022011${'11'.repeat(31)}022022${'22'.repeat(31)}01`;
const PUBKEY = '0279be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798';
const SCHNORR_SIGNATURE = '44'.repeat(64);
const FINAL_SEQUENCE = 0xfffffffd; // BIP125-signalling, like Core's wallet default

export function placeholderUnlock(prevoutScriptHex: string): InputUnlock {
  const push = (hex: string): Uint8Array => pushData(hexToBytes(hex));
  switch (classifyScript(hexToBytes(prevoutScriptHex))) {
    case 'p2wpkh':
    case 'p2wsh':
    case 'witness_unknown':
      return { sequence: FINAL_SEQUENCE, scriptSig: '', witness: [SIGNATURE, PUBKEY] };
    case 'p2tr':
      return { sequence: FINAL_SEQUENCE, scriptSig: '', witness: [SCHNORR_SIGNATURE] };
    case 'p2sh':
      // Shaped as P2SH-P2WPKH, the common wallet case: the redeem script is a v0 key-hash program.
      return { sequence: FINAL_SEQUENCE, scriptSig: bytesToHex(push(`0014${'00'.repeat(20)}`)), witness: [SIGNATURE, PUBKEY] };
    case 'p2pk':
      return { sequence: FINAL_SEQUENCE, scriptSig: bytesToHex(push(SIGNATURE)), witness: [] };
    default:
      return { sequence: FINAL_SEQUENCE, scriptSig: bytesToHex(concat(push(SIGNATURE), push(PUBKEY))), witness: [] };
  }
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}
