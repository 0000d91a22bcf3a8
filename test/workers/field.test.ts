import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as F from '../../src/workers/secp/field.js';
import { LIMB_BITS } from '../../src/workers/secp/field-codegen.js';
import { recode, windowCount } from '../../src/workers/secp/scalar-digits.js';

const L = F.LIMBS;
const P = F.P;
const RADIX = 2 ** LIMB_BITS;
const mod = (x: bigint) => ((x % P) + P) % P;
/** The value of a limb vector (limbs may be signed and uncarried). */
const value = (a: Float64Array, ao = 0): bigint => {
  let x = 0n;
  for (let i = L - 1; i >= 0; i--) x = x * BigInt(RADIX) + BigInt(a[ao + i]!);
  return x;
};
/**
 * Normalized limbs lie in [−1, 2^24]; factors may also be a table entry minus a normalized element,
 * within ±(2^24 + 1). The extremes are where float precision could run out.
 */
const EXTREMES = [RADIX, -1, RADIX - 1, 0].map((v) => new Array<number>(L).fill(v));
const FACTOR_EXTREMES = [...EXTREMES, new Array<number>(L).fill(RADIX + 1), new Array<number>(L).fill(-RADIX - 1)];
const normalizedArb = fc
  .oneof(fc.array(fc.integer({ min: -1, max: RADIX }), { minLength: L, maxLength: L }), fc.constantFrom(...EXTREMES))
  .map((limbs) => Float64Array.from(limbs));
const factorArb = fc
  .oneof(fc.array(fc.integer({ min: -RADIX - 1, max: RADIX + 1 }), { minLength: L, maxLength: L }), fc.constantFrom(...FACTOR_EXTREMES))
  .map((limbs) => Float64Array.from(limbs));
const isNormalized = (o: Float64Array) => o.every((limb) => limb >= -1 && limb <= RADIX);
const bytesArb = fc.uint8Array({ minLength: 32, maxLength: 32 });
const fromBytes = (b: Uint8Array) => {
  const a = new Float64Array(L);
  F.fromBytes(a, 0, b, 0);
  return a;
};
const big = (b: Uint8Array) => BigInt('0x' + Buffer.from(b).toString('hex'));

describe('field arithmetic mod p (float limbs) against BigInt', () => {
  /** Runs every multiplication on (a, b, c, s); returns the first wrong one, or ''. */
  const wrongProduct = (a: Float64Array, b: Float64Array, c: Float64Array, s: 1 | -1): string => {
    const o = new Float64Array(L);
    const ok = (want: bigint) => mod(value(o)) === mod(want) && isNormalized(o);
    F.mul(o, 0, a, 0, b, 0);
    if (!ok(value(a) * value(b))) return 'mul';
    F.sqr(o, 0, a, 0);
    if (!ok(value(a) ** 2n)) return 'sqr';
    F.mulLinear(o, 0, a, 0, b, 0, c, 0, s);
    if (!ok(value(a) * (value(b) + BigInt(s) * value(c)))) return 'mulLinear';
    F.mulTableLinear(o, 0, a, 0, Int32Array.from(b), 0, c, 0, s);
    if (!ok(value(a) * (value(b) + BigInt(s) * value(c)))) return 'mulTableLinear';
    return '';
  };

  it('mul, sqr and the fused multiplications are exact at every combination of extreme limbs', () => {
    for (const a of FACTOR_EXTREMES)
      for (const b of FACTOR_EXTREMES)
        for (const c of FACTOR_EXTREMES)
          for (const s of [1, -1] as const)
            expect(wrongProduct(Float64Array.from(a), Float64Array.from(b), Float64Array.from(c), s), `${a[0]} ${b[0]} ${c[0]} ${s}`).toBe('');
  });

  it('mul, sqr and the fused multiplications are exact on random normalized inputs', () => {
    fc.assert(
      fc.property(factorArb, factorArb, factorArb, fc.constantFrom(1 as const, -1 as const), (a, b, c, s) => wrongProduct(a, b, c, s) === ''),
      { numRuns: 1000 },
    );
  });

  it('subNormalize and subSubTableNormalize carry back to normalized limbs', () => {
    fc.assert(
      fc.property(normalizedArb, normalizedArb, normalizedArb, (a, b, t) => {
        const o = new Float64Array(L);
        F.subNormalize(o, 0, a, 0, b, 0);
        if (mod(value(o)) !== mod(value(a) - value(b)) || !isNormalized(o)) return false;
        F.subSubTableNormalize(o, 0, a, 0, b, 0, Int32Array.from(t), 0);
        return mod(value(o)) === mod(value(a) - value(b) - value(t)) && isNormalized(o);
      }),
      { numRuns: 1000 },
    );
  });

  it('canonicalize, toBytes and isOdd give the unique representative', () => {
    fc.assert(
      fc.property(normalizedArb, (a) => {
        const want = mod(value(a));
        const out = new Uint8Array(32);
        F.toBytes(Float64Array.from(a), 0, out, 0);
        expect(big(out)).toBe(want);
        expect(F.isOdd(Float64Array.from(a), 0)).toBe(want % 2n === 1n);
        const c = Float64Array.from(a);
        F.canonicalize(c, 0);
        expect(c.every((limb) => limb >= 0 && limb < RADIX)).toBe(true);
      }),
      { numRuns: 1000 },
    );
    for (const v of [0n, 1n, P - 1n, P, P + 1n, 2n ** 256n - 1n]) {
      const bytes = Uint8Array.from(Buffer.from(v.toString(16).padStart(64, '0'), 'hex'));
      const out = new Uint8Array(32);
      F.toBytes(fromBytes(bytes), 0, out, 0);
      expect(big(out)).toBe(v % P);
      expect(F.isZero(fromBytes(bytes), 0)).toBe(v % P === 0n);
    }
  });

  it('fromBytes reads any 32 bytes and invert gives the inverse (0 for 0)', () => {
    fc.assert(
      fc.property(bytesArb, (b) => {
        const a = fromBytes(b);
        expect(value(a)).toBe(big(b));
        const inv = new Float64Array(L);
        F.invert(inv, 0, a, 0);
        const x = mod(big(b));
        expect(mod(value(inv) * x)).toBe(x === 0n ? 0n : 1n);
      }),
      { numRuns: 200 },
    );
  });
});

describe('signed window recoding', () => {
  it('sums back to the scalar, with digits in (−2^(w−1), 2^(w−1)] and a non-negative last digit', () => {
    fc.assert(
      fc.property(bytesArb, fc.integer({ min: 2, max: 20 }), (b, w) => {
        const windows = windowCount(w);
        const digits = new Int32Array(windows);
        recode(b, 0, w, digits, 0);
        let sum = 0n;
        digits.forEach((d, j) => {
          expect(d > -(2 ** (w - 1)) && d <= 2 ** (w - 1)).toBe(true);
          sum += BigInt(d) << BigInt(w * j);
        });
        expect(digits[windows - 1]! >= 0).toBe(true);
        expect(sum).toBe(big(b));
      }),
      { numRuns: 500 },
    );
    const top = new Uint8Array(32).fill(0xff);
    for (const w of [13, 14, 16]) {
      const digits = new Int32Array(windowCount(w));
      recode(top, 0, w, digits, 0);
      expect(digits.reduce((s, d, j) => s + (BigInt(d) << BigInt(w * j)), 0n)).toBe(2n ** 256n - 1n);
    }
  });
});
