import { secp256k1 } from '@noble/curves/secp256k1.js';
import type { Network, ScriptType } from './types.js';
import { BITCOIN_PAYLOAD_WIDTH, bitcoinPayload, isBitcoinScript } from './bitcoin/script.js';
import { encodeBitcoinAddress } from './bitcoin/address.js';
import { evmPayload, toChecksumAddress } from './evm/address.js';
import { encodeTronAddress } from './tron/address.js';
import { encodeSolanaAddress } from './solana/address.js';

/** Bytes per payload, by script type: derivation results are packed at this width. */
export const PAYLOAD_WIDTH: Readonly<Record<ScriptType, number>> = Object.freeze({
  ...BITCOIN_PAYLOAD_WIDTH,
  evm: 20,
  tron: 20,
  solana: 32,
});

/** Which script types make sense on which family. */
export function scriptFitsNetwork(script: ScriptType, network: Network): boolean {
  switch (network.family) {
    case 'bitcoin':
      return isBitcoinScript(script) && network.scriptTypes.includes(script);
    case 'evm':
      return script === 'evm';
    case 'tron':
      return script === 'tron';
    case 'solana':
      return script === 'solana';
  }
}

/** The address string of a payload on a network (EVM: EIP-55 checksummed). */
export function encodeAddress(network: Network, script: ScriptType, payload: Uint8Array): string {
  if (payload.length !== PAYLOAD_WIDTH[script])
    throw new RangeError(`${script} payload must be ${PAYLOAD_WIDTH[script]} bytes, got ${payload.length}`);
  if (!scriptFitsNetwork(script, network)) throw new RangeError(`${script} addresses do not exist on ${network.id}`);
  switch (network.family) {
    case 'bitcoin':
      return encodeBitcoinAddress(network, script as Parameters<typeof encodeBitcoinAddress>[1], payload);
    case 'evm':
      return toChecksumAddress(payload);
    case 'tron':
      return encodeTronAddress(payload);
    case 'solana':
      return encodeSolanaAddress(payload);
  }
}

/**
 * Payload from one public key: the reference path (one key at a time, slow but simple).
 * secp256k1 keys are 33-byte compressed; Solana keys are 32-byte ed25519.
 */
export function payloadFromPublicKey(script: ScriptType, publicKey: Uint8Array): Uint8Array {
  if (script === 'solana') return Uint8Array.from(publicKey);
  if (script === 'evm' || script === 'tron')
    return evmPayload(secp256k1.Point.fromBytes(publicKey).toBytes(false).subarray(1));
  return bitcoinPayload(script, publicKey);
}
