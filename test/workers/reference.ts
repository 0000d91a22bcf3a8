/** Shared helpers of the derivation tests: keys from seeds, and the slow reference derivation. */
import { HDKey } from '@scure/bip32';
import fc from 'fast-check';
import { payloadFromPublicKey } from '../../src/chains/address.js';
import type { SecpScript } from '../../src/workers/secp/derive-kernel.js';

export const SCRIPTS: readonly SecpScript[] = ['p2pkh', 'p2sh-p2wpkh', 'p2wpkh', 'p2tr', 'evm', 'tron'];

/** An account-level public key (m/44'/0'/a') of a random seed, as an exported card key would be. */
export function accountKey(seed: Uint8Array, account: number): HDKey {
  const acct = HDKey.fromMasterSeed(seed).derive(`m/44'/0'/${account}'`);
  return HDKey.fromExtendedKey(acct.publicExtendedKey);
}

/** Payloads of children from … from + count − 1 by @scure/bip32 deriveChild + payloadFromPublicKey, packed. */
export function referencePayloads(parent: HDKey, script: SecpScript, from: number, count: number, width: number): Uint8Array {
  const out = new Uint8Array(count * width);
  for (let k = 0; k < count; k++) out.set(payloadFromPublicKey(script, parent.deriveChild(from + k).publicKey!), k * width);
  return out;
}

export const seedArb = fc.uint8Array({ minLength: 16, maxLength: 64 });
export const scriptArb = fc.constantFrom(...SCRIPTS);
/** A start index: small, anywhere, or right below 2^31 (the last non-hardened index). */
export const fromArb = (count: number) =>
  fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 2 ** 31 - count }), fc.integer({ min: 2 ** 31 - count - 20, max: 2 ** 31 - count }));

export const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
