import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';

/** True when `bytes` is a valid SEC1 secp256k1 point (33-byte compressed or 65-byte uncompressed). */
export function isSecp256k1Point(bytes: Uint8Array): boolean {
  try {
    secp256k1.Point.fromBytes(bytes).assertValidity();
    return true;
  } catch {
    return false;
  }
}

/** True when `bytes` is a canonical ed25519 point encoding (32 bytes). */
export function isEd25519Point(bytes: Uint8Array): boolean {
  try {
    ed25519.Point.fromBytes(bytes).assertValidity();
    return true;
  } catch {
    return false;
  }
}

/** secp256k1 group order n: private scalars and tweaks must be in 1..n-1. */
export const SECP256K1_N: bigint = secp256k1.Point.Fn.ORDER;
