/**
 * secp256k1 constants and the bridge to @noble/curves, which stays the reference for everything that
 * is not on the hot path: decompressing the parent key, building the base table, and the rare
 * additions the batched affine formulas cannot do (doubling, a sum at infinity).
 */
import { secp256k1 } from '@noble/curves/secp256k1.js';
import * as F from './field.js';

export const Point = secp256k1.Point;
export type Point = InstanceType<typeof secp256k1.Point>;
/** Group order. */
export const N = Point.CURVE().n;

/** Writes the affine coordinates of a (finite) point as limbs. */
export function writeAffine(p: Point, x: Float64Array, xo: number, y: Float64Array, yo: number): void {
  const a = p.toAffine();
  F.fromBigint(x, xo, a.x);
  F.fromBigint(y, yo, a.y);
}

/** Reads a point back from limbs (fallback path only: costs two BigInt conversions). */
export function readAffine(x: Float64Array, xo: number, y: Float64Array, yo: number): Point {
  return Point.fromAffine({ x: F.toBigint(x, xo), y: F.toBigint(y, yo) });
}

/** Decodes a compressed key; a RangeError (not noble's generic Error) when it is not on the curve. */
export function decodePublicKey(publicKey: Uint8Array): Point {
  try {
    return Point.fromBytes(publicKey);
  } catch (cause) {
    throw new RangeError('publicKey is not a valid compressed secp256k1 point', { cause });
  }
}

/** Big-endian 32 bytes as a bigint. */
export function bytesToBigint(bytes: Uint8Array, offset: number): bigint {
  let v = 0n;
  for (let i = 0; i < 32; i += 4) {
    const word = ((bytes[offset + i]! << 24) | (bytes[offset + i + 1]! << 16) | (bytes[offset + i + 2]! << 8) | bytes[offset + i + 3]!) >>> 0;
    v = (v << 32n) | BigInt(word);
  }
  return v;
}

/** N as 32 big-endian bytes, for the allocation-free "scalar < n" test. */
const N_BYTES = Uint8Array.from(Buffer.from(N.toString(16).padStart(64, '0'), 'hex'));

/** True when the 32 big-endian bytes at offset encode a value < n (BIP-32: otherwise the index is skipped). */
export function isBelowOrder(bytes: Uint8Array, offset: number): boolean {
  for (let i = 0; i < 32; i++) {
    const b = bytes[offset + i]!;
    const nb = N_BYTES[i]!;
    if (b !== nb) return b < nb;
  }
  return false;
}
