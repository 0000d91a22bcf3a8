import { base58 } from '@scure/base';

/** A Solana address is the base58 of the 32-byte ed25519 public key. */
export function encodeSolanaAddress(publicKey: Uint8Array): string {
  if (publicKey.length !== 32) throw new RangeError('Solana public keys are 32 bytes');
  return base58.encode(publicKey);
}
