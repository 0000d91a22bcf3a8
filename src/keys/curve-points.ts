/**
 * Is this a public key? Every exported key is checked when it is read, before any scan starts, so the checks
 * are on a scan's critical path: noble's point decoding (a modular square root, ~0.3 ms a key in BigInt) cost
 * ~3 ms of a 15-key card export. Same verdicts, cheaper: OpenSSL decodes secp256k1 points (~0.05 ms), and an
 * ed25519 encoding is tested with a Jacobi symbol instead of a square root (test/keys/curve-points.test.ts
 * compares both with noble on random and edge-case encodings).
 */
import { ECDH } from 'node:crypto';
import { secp256k1 } from '@noble/curves/secp256k1.js';

/** True when `bytes` is a valid SEC1 secp256k1 point (33-byte compressed or 65-byte uncompressed). */
export function isSecp256k1Point(bytes: Uint8Array): boolean {
  // OpenSSL also takes the hybrid (06/07) and infinity (00) encodings, which are not public keys here.
  const compressed = bytes.length === 33 && (bytes[0] === 0x02 || bytes[0] === 0x03);
  const uncompressed = bytes.length === 65 && bytes[0] === 0x04;
  if (!compressed && !uncompressed) return false;
  try {
    ECDH.convertKey(bytes, 'secp256k1'); // decodes the point: x < p, and on the curve
    return true;
  } catch {
    return false;
  }
}

const ED_P = 2n ** 255n - 19n;
const ED_D = 37095705934669439343138083508754565189542113879843219016388785533085940283555n;

/**
 * True when `bytes` is a canonical ed25519 point encoding (32 bytes), as noble's `Point.fromBytes` (RFC 8032
 * decoding, y < p) followed by `assertValidity` (which refuses the identity) decides it: x² = u/v with
 * u = y² − 1 and v = d·y² + 1 (never 0) must have a root, i.e. u·v is a square mod p, or u = 0 (x = 0).
 */
export function isEd25519Point(bytes: Uint8Array): boolean {
  if (bytes.length !== 32) return false;
  const sign = bytes[31]! >> 7;
  let y = BigInt(bytes[31]! & 0x7f);
  for (let i = 30; i >= 0; i--) y = (y << 8n) | BigInt(bytes[i]!);
  if (y >= ED_P) return false;
  const y2 = (y * y) % ED_P;
  const u = (y2 + ED_P - 1n) % ED_P;
  // x = 0: y = 1 is the identity (refused); (0, −1) exists, but only its encoding with sign bit 0 is canonical.
  if (u === 0n) return y !== 1n && sign === 0;
  const v = (ED_D * y2 + 1n) % ED_P;
  return jacobi((u * v) % ED_P, ED_P) === 1;
}

/** The Jacobi symbol (a/n) for odd n > 0: for a prime n, 1 when a is a nonzero square mod n, −1 when not. */
function jacobi(a: bigint, n: bigint): number {
  let t = 1;
  a %= n;
  while (a !== 0n) {
    while ((a & 1n) === 0n) {
      a >>= 1n;
      const r = n & 7n;
      if (r === 3n || r === 5n) t = -t;
    }
    [a, n] = [n, a];
    if ((a & 3n) === 3n && (n & 3n) === 3n) t = -t;
    a %= n;
  }
  return n === 1n ? t : 0;
}

/** secp256k1 group order n: private scalars and tweaks must be in 1..n-1. */
export const SECP256K1_N: bigint = secp256k1.Point.Fn.ORDER;
