import { schnorr, secp256k1 } from '@noble/curves/secp256k1.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/**
 * BIP-341/BIP-86 key-path-only output key: Q = lift_x(P) + int(hashTapTweak(x(P)))·G, returned as the
 * 32-byte x coordinate of Q. Takes the x-only internal key (a 33-byte compressed key: use `xOnly`).
 */
export function taprootOutputKey(internalKey: Uint8Array): Uint8Array {
  if (internalKey.length !== 32) throw new RangeError(`taproot internal key must be 32 bytes (x-only), got ${internalKey.length}`);
  const P = schnorr.utils.lift_x(BigInt('0x' + bytesToHex(internalKey)));
  const t = BigInt('0x' + bytesToHex(schnorr.utils.taggedHash('TapTweak', internalKey)));
  if (t >= secp256k1.Point.CURVE().n) throw new RangeError('taproot tweak is out of range (probability ~2^-128)');
  return schnorr.utils.pointToBytes(P.add(secp256k1.Point.BASE.multiply(t)));
}

/** x-only form of a 33-byte compressed key (drops the parity byte); 32-byte keys pass through. */
export const xOnly = (publicKey: Uint8Array): Uint8Array => (publicKey.length === 32 ? publicKey : publicKey.slice(1, 33));
