/**
 * Field elements mod p = 2^256 − 2^32 − 977 as 11 limbs of 24 bits in a Float64Array, at an offset
 * (batches keep thousands of elements in one array; nothing is allocated per operation).
 *
 * Limbs are signed and only partly carried. "Normalized" elements — outputs of mul, sqr and the
 * *Normalize helpers — have limbs in [−1, 2^24]. The multiplications take factors with limbs within
 * ±(2^24 + 1) (normalized, or the difference of a normalized element and a table entry), and the fused
 * variants a second factor b ± c of two such (field-codegen.ts has the bounds). Only `canonicalize`
 * gives the unique representative.
 */
import { FOLD_HIGH, FOLD_LOW, LIMBS, LIMB_BITS } from './field-codegen.js';
import { mul, mulLinear, mulTableLinear, sqr } from './field-mul.generated.js';

export { LIMBS, mul, mulLinear, mulTableLinear, sqr };

export const P = 2n ** 256n - 2n ** 32n - 977n;

const RADIX = 2 ** LIMB_BITS;
const INV_RADIX = 2 ** -LIMB_BITS;
/** The top limb holds bits 240…263; bits from 256 up are reduced with 2^256 ≡ 2^32 + 977 = 2^24·256 + 977. */
const TOP_BITS = 256 - LIMB_BITS * (LIMBS - 1);
const TOP_RADIX = 2 ** TOP_BITS;
const P_LIMB1 = 2 ** (32 - LIMB_BITS);

/** o = a − b, carried: normalized again, so that results of long chains stay bounded. */
export function subNormalize(o: Float64Array, oo: number, a: Float64Array, ao: number, b: Float64Array, bo: number): void {
  let h = 0;
  for (let i = 0; i < LIMBS; i++) {
    const v = a[ao + i]! - b[bo + i]! + h;
    h = Math.floor(v * INV_RADIX);
    o[oo + i] = v - h * RADIX;
  }
  foldTop(o, oo, h);
}

/** o = a − b − t (t a table entry), carried like subNormalize. */
export function subSubTableNormalize(o: Float64Array, oo: number, a: Float64Array, ao: number, b: Float64Array, bo: number, t: Int32Array, to: number): void {
  let h = 0;
  for (let i = 0; i < LIMBS; i++) {
    const v = a[ao + i]! - b[bo + i]! - t[to + i]! + h;
    h = Math.floor(v * INV_RADIX);
    o[oo + i] = v - h * RADIX;
  }
  foldTop(o, oo, h);
}

/** Adds h·2^264 ≡ h·(2^24·FOLD_HIGH + FOLD_LOW) back in at the bottom of a carried element. */
function foldTop(o: Float64Array, oo: number, h: number): void {
  const v0 = o[oo]! + h * FOLD_LOW;
  const h0 = Math.floor(v0 * INV_RADIX);
  o[oo] = v0 - h0 * RADIX;
  const v1 = o[oo + 1]! + h * FOLD_HIGH + h0;
  const h1 = Math.floor(v1 * INV_RADIX);
  o[oo + 1] = v1 - h1 * RADIX;
  o[oo + 2] = o[oo + 2]! + h1;
}

/** o = t − a, t a table entry: no carries, limbs within ±(2^24 + 1) — still a valid factor of mul. */
export function subFromTable(o: Float64Array, oo: number, t: Int32Array, to: number, a: Float64Array, ao: number): void {
  for (let i = 0; i < LIMBS; i++) o[oo + i] = t[to + i]! - a[ao + i]!;
}

export function copy(o: Float64Array, oo: number, a: Float64Array, ao: number): void {
  for (let i = 0; i < LIMBS; i++) o[oo + i] = a[ao + i]!;
}

/** Reduces a in place to the unique representative: limbs in [0, 2^24), value in [0, p). */
export function canonicalize(a: Float64Array, ao: number): void {
  // Fold everything above bit 256 down until nothing is left (negative values gain multiples of p).
  for (;;) {
    for (let i = 0; i < LIMBS - 1; i++) {
      const h = Math.floor(a[ao + i]! * INV_RADIX);
      a[ao + i] = a[ao + i]! - h * RADIX;
      a[ao + i + 1] = a[ao + i + 1]! + h;
    }
    const h = Math.floor(a[ao + LIMBS - 1]! / TOP_RADIX);
    if (h === 0) break;
    a[ao + LIMBS - 1] = a[ao + LIMBS - 1]! - h * TOP_RADIX;
    a[ao] = a[ao]! + h * 977;
    a[ao + 1] = a[ao + 1]! + h * P_LIMB1;
  }
  // Now 0 ≤ a < 2^256; subtract p when a + (2^32 + 977) reaches 2^256.
  let carry = 977;
  const t = scratchLimbs;
  for (let i = 0; i < LIMBS; i++) {
    const v = a[ao + i]! + carry + (i === 1 ? P_LIMB1 : 0);
    carry = v >= RADIX && i < LIMBS - 1 ? 1 : 0;
    t[i] = v - carry * RADIX;
  }
  if (t[LIMBS - 1]! >= TOP_RADIX) {
    for (let i = 0; i < LIMBS - 1; i++) a[ao + i] = t[i]!;
    a[ao + LIMBS - 1] = t[LIMBS - 1]! - TOP_RADIX;
  }
}
const scratchLimbs = new Float64Array(LIMBS);

/** True when a ≡ 0 (mod p). Reduces a in place. */
export function isZero(a: Float64Array, ao: number): boolean {
  canonicalize(a, ao);
  for (let i = 0; i < LIMBS; i++) if (a[ao + i] !== 0) return false;
  return true;
}

/** Reads 32 big-endian bytes (any value < 2^256). */
export function fromBytes(o: Float64Array, oo: number, bytes: Uint8Array, offset: number): void {
  let acc = 0;
  let bits = 0;
  let limb = 0;
  for (let k = 31; k >= 0; k--) {
    acc |= bytes[offset + k]! << bits;
    bits += 8;
    if (bits >= LIMB_BITS) {
      o[oo + limb++] = acc & (RADIX - 1);
      acc >>>= LIMB_BITS;
      bits -= LIMB_BITS;
    }
  }
  o[oo + limb] = acc;
}

/** Writes the canonical value of a (reduced in place) as 32 big-endian bytes. */
export function toBytes(a: Float64Array, ao: number, out: Uint8Array, offset: number): void {
  canonicalize(a, ao);
  let acc = 0;
  let bits = 0;
  let k = 31;
  for (let i = 0; k >= 0; i++) {
    acc |= a[ao + i]! << bits;
    bits += LIMB_BITS;
    while (bits >= 8 && k >= 0) {
      out[offset + k--] = acc & 0xff;
      acc >>>= 8;
      bits -= 8;
    }
  }
}

/** Parity of the canonical value (reduces a in place). */
export function isOdd(a: Float64Array, ao: number): boolean {
  canonicalize(a, ao);
  return (a[ao]! & 1) === 1;
}

export function fromBigint(o: Float64Array, oo: number, x: bigint): void {
  let v = ((x % P) + P) % P;
  for (let i = 0; i < LIMBS; i++) {
    o[oo + i] = Number(v & BigInt(RADIX - 1));
    v >>= BigInt(LIMB_BITS);
  }
}

export function toBigint(a: Float64Array, ao: number): bigint {
  let x = 0n;
  for (let i = LIMBS - 1; i >= 0; i--) x = x * BigInt(RADIX) + BigInt(a[ao + i]!);
  return ((x % P) + P) % P;
}

// Inversion scratch: the intermediates of the addition chain that are used more than once.
const inv = new Float64Array(LIMBS * 6);
const X2 = 0, X3 = LIMBS, X22 = 2 * LIMBS, X44 = 3 * LIMBS, T = 4 * LIMBS, U = 5 * LIMBS;

function sqrN(o: Float64Array, oo: number, a: Float64Array, ao: number, n: number): void {
  sqr(o, oo, a, ao);
  for (let i = 1; i < n; i++) sqr(o, oo, o, oo);
}

/**
 * o = a^(p−2) = 1/a (0 for 0): libsecp256k1's addition chain, 255 squarings and 15 multiplications
 * (p − 2 has runs of ones of lengths 223, 22, 2, 1, 1 from the top). One call per batch round.
 */
export function invert(o: Float64Array, oo: number, a: Float64Array, ao: number): void {
  sqr(inv, X2, a, ao);
  mul(inv, X2, inv, X2, a, ao); // a^(2^2 − 1)
  sqr(inv, X3, inv, X2);
  mul(inv, X3, inv, X3, a, ao); // 2^3 − 1
  sqrN(inv, T, inv, X3, 3);
  mul(inv, T, inv, T, inv, X3); // 2^6 − 1
  sqrN(inv, T, inv, T, 3);
  mul(inv, T, inv, T, inv, X3); // 2^9 − 1
  sqrN(inv, T, inv, T, 2);
  mul(inv, T, inv, T, inv, X2); // 2^11 − 1
  sqrN(inv, X22, inv, T, 11);
  mul(inv, X22, inv, X22, inv, T); // 2^22 − 1
  sqrN(inv, X44, inv, X22, 22);
  mul(inv, X44, inv, X44, inv, X22); // 2^44 − 1
  sqrN(inv, T, inv, X44, 44);
  mul(inv, T, inv, T, inv, X44); // 2^88 − 1
  sqrN(inv, U, inv, T, 88);
  mul(inv, U, inv, U, inv, T); // 2^176 − 1
  sqrN(inv, U, inv, U, 44);
  mul(inv, U, inv, U, inv, X44); // 2^220 − 1
  sqrN(inv, U, inv, U, 3);
  mul(inv, U, inv, U, inv, X3); // 2^223 − 1
  sqrN(inv, U, inv, U, 23);
  mul(inv, U, inv, U, inv, X22);
  sqrN(inv, U, inv, U, 5);
  mul(inv, U, inv, U, a, ao);
  sqrN(inv, U, inv, U, 3);
  mul(inv, U, inv, U, inv, X2);
  sqrN(inv, U, inv, U, 2);
  mul(o, oo, inv, U, a, ao);
}
