import { ed25519 } from '@noble/curves/ed25519.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isEd25519Point, isSecp256k1Point } from '../../src/keys/curve-points.js';

/** noble's verdict: decode, then assertValidity. */
const nobleAccepts = (point: { fromBytes(b: Uint8Array): { assertValidity(): void } }, bytes: Uint8Array): boolean => {
  try {
    point.fromBytes(bytes).assertValidity();
    return true;
  } catch {
    return false;
  }
};
const nobleSecp = (b: Uint8Array) => nobleAccepts(secp256k1.Point, b);
const nobleEd = (b: Uint8Array) => nobleAccepts(ed25519.Point, b);

const be32 = (n: bigint) => Uint8Array.from(Buffer.from(n.toString(16).padStart(64, '0'), 'hex'));
const le32 = (n: bigint) => be32(n).reverse();
const join = (...parts: (number[] | Uint8Array)[]) => Uint8Array.from(parts.flatMap((p) => [...p]));

const SECP_P = 2n ** 256n - 2n ** 32n - 977n;
const ED_P = 2n ** 255n - 19n;

describe('curve point checks give noble\'s verdicts', () => {
  it('secp256k1: random encodings of every prefix and length', () => {
    fc.assert(
      fc.property(fc.constantFrom(0, 2, 3, 4, 6, 7), fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), (prefix, x, y) => {
        for (const bytes of [join([prefix], x), join([prefix], x, y)]) expect(isSecp256k1Point(bytes), Buffer.from(bytes).toString('hex')).toBe(nobleSecp(bytes));
      }),
      { numRuns: 400 },
    );
  });

  it('secp256k1: real points in both encodings, and the edges', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: secp256k1.Point.Fn.ORDER - 1n }), (k) => {
        const point = secp256k1.Point.BASE.multiply(k);
        expect(isSecp256k1Point(point.toBytes(true))).toBe(true);
        expect(isSecp256k1Point(point.toBytes(false))).toBe(true);
        const offCurve = point.toBytes(false);
        offCurve[64] = offCurve[64]! ^ 1;
        expect(isSecp256k1Point(offCurve)).toBe(false);
        const hybrid = point.toBytes(false);
        hybrid[0] = point.y % 2n === 0n ? 6 : 7; // OpenSSL reads these; noble does not
        expect(isSecp256k1Point(hybrid)).toBe(nobleSecp(hybrid));
      }),
      { numRuns: 50 },
    );
    const edges = [
      new Uint8Array([0]), // the point at infinity
      new Uint8Array(0),
      join([2], be32(SECP_P)), join([2], be32(SECP_P + 1n)), join([3], be32(0n)), join([2], be32(1n)), join([2], new Uint8Array(32).fill(0xff)),
      join([4], be32(SECP_P), be32(0n)),
      join([2], be32(1n), [0]), // 34 bytes
      be32(1n), // 32 bytes, no prefix
    ];
    for (const bytes of edges) expect(isSecp256k1Point(bytes), Buffer.from(bytes).toString('hex')).toBe(nobleSecp(bytes));
  });

  it('ed25519: random encodings, real points and the edges', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        expect(isEd25519Point(bytes), Buffer.from(bytes).toString('hex')).toBe(nobleEd(bytes));
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.bigInt({ min: 1n, max: ed25519.Point.Fn.ORDER - 1n }), (k) => {
        expect(isEd25519Point(ed25519.Point.BASE.multiply(k).toBytes())).toBe(true);
      }),
      { numRuns: 50 },
    );
    const withSign = (b: Uint8Array) => ((b[31]! |= 0x80), b);
    const edges = [
      le32(0n), le32(1n), withSign(le32(1n)), le32(ED_P - 1n), withSign(le32(ED_P - 1n)), le32(ED_P), le32(ED_P + 1n),
      le32(2n ** 255n - 1n), withSign(le32(0n)), new Uint8Array(31), new Uint8Array(33),
    ];
    for (const bytes of edges) expect(isEd25519Point(bytes), Buffer.from(bytes).toString('hex')).toBe(nobleEd(bytes));
    // The cases that decide the edges above, said outright.
    expect(isEd25519Point(le32(1n))).toBe(false); // the identity
    expect(isEd25519Point(le32(ED_P - 1n))).toBe(true); // (0, −1), of order 2
    expect(isEd25519Point(withSign(le32(ED_P - 1n)))).toBe(false); // x = 0 with the sign bit set
    expect(isEd25519Point(le32(ED_P))).toBe(false); // y ≥ p: not canonical
  });
});
