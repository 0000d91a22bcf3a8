import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import { PAYLOAD_WIDTH, payloadFromPublicKey } from '../../src/chains/address.js';
import { deriveBatch } from '../../src/workers/derive-task.js';
import { derivePayloads } from '../../src/workers/secp/derive-kernel.js';
import { N } from '../../src/workers/secp/curve.js';
import { SCRIPTS, accountKey, fromArb, hex, referencePayloads, scriptArb, seedArb } from './reference.js';

const G = secp256k1.Point.BASE;
const scalarBytes = (s: bigint): Uint8Array => Uint8Array.from(Buffer.from(s.toString(16).padStart(64, '0'), 'hex'));
const chainCode = new Uint8Array(32).fill(7);

describe('derivation kernel (in-process) against @scure/bip32 + payloadFromPublicKey', () => {
  it('matches for random keys, indices (up to 2^31 − 1) and every secp256k1 script type', () => {
    fc.assert(
      fc.property(seedArb, fc.nat(5), scriptArb, fc.integer({ min: 1, max: 10 }).chain((n) => fc.tuple(fc.constant(n), fromArb(n))), (seed, account, script, [count, from]) => {
        const parent = accountKey(seed, account);
        const steps = [account % 2];
        const branch = parent.deriveChild(steps[0]!);
        const result = deriveBatch({ publicKey: parent.publicKey!, chainCode: parent.chainCode!, steps, script, from, count });
        expect(result).toMatchObject({ script, from, count, width: PAYLOAD_WIDTH[script], skipped: [] });
        expect(hex(result.payloads)).toBe(hex(referencePayloads(branch, script, from, count, result.width)));
      }),
      { numRuns: 16 },
    );
  });

  it('covers every script type on one batch that spans several kernel batches', () => {
    const parent = accountKey(new Uint8Array(32).fill(1), 0);
    for (const script of SCRIPTS) {
      const width = PAYLOAD_WIDTH[script];
      const { payloads, skipped } = derivePayloads({ publicKey: parent.publicKey!, chainCode: parent.chainCode!, script, from: 5, count: 21 }, { batchSize: 8 });
      expect(skipped).toEqual([]);
      expect(hex(payloads), script).toBe(hex(referencePayloads(parent, script, 5, 21, width)));
    }
  });
});

describe('BIP-32 invalid children (skip path, via an injected HMAC)', () => {
  /** A fake HMAC: IL from the table (IR zero), or the real-looking default for other indices. */
  const fakeTweak = (ils: Record<number, bigint>, fallback: bigint) => (index: number) => {
    const out = new Uint8Array(64);
    out.set(scalarBytes(ils[index] ?? fallback + BigInt(index)), 0);
    return out;
  };

  it('skips IL ≥ n and leaves zero payloads, while the neighbours stay correct', () => {
    const parent = accountKey(new Uint8Array(16).fill(9), 0);
    const K = secp256k1.Point.fromBytes(parent.publicKey!);
    const base = 0x1234567890abcdefn;
    for (const script of SCRIPTS) {
      const width = PAYLOAD_WIDTH[script];
      const tweak = fakeTweak({ 3: N, 4: N + 5n, 6: 2n ** 256n - 1n }, base);
      const { payloads, skipped } = derivePayloads({ publicKey: parent.publicKey!, chainCode, script, from: 2, count: 6 }, { tweak });
      expect(skipped).toEqual([3, 4, 6]);
      for (let k = 0; k < 6; k++) {
        const index = 2 + k;
        const got = payloads.subarray(k * width, (k + 1) * width);
        if (skipped.includes(index)) expect(got.every((b) => b === 0)).toBe(true);
        else expect(hex(got)).toBe(hex(payloadFromPublicKey(script, K.add(G.multiply(base + BigInt(index))).toBytes(true))));
      }
    }
  });

  it('handles sums the affine formulas cannot (doubling, infinity) through the slow path', () => {
    // Parent key G: IL = 1 doubles G; IL = n − 1 gives G + (−G) = infinity, which BIP-32 skips.
    const publicKey = G.toBytes(true);
    const tweak = fakeTweak({ 0: 1n, 1: N - 1n, 2: 2n, 3: N - 2n }, 1000n);
    for (const script of SCRIPTS) {
      const width = PAYLOAD_WIDTH[script];
      const { payloads, skipped } = derivePayloads({ publicKey, chainCode, script, from: 0, count: 5 }, { tweak });
      expect(skipped, script).toEqual([1]);
      const expected = [2n, 0n, 3n, N - 1n, 1005n]; // (IL + 1)·G
      expected.forEach((k, i) => {
        if (k === 0n) return;
        const want = payloadFromPublicKey(script, G.multiply(k).toBytes(true));
        expect(hex(payloads.subarray(i * width, (i + 1) * width)), `${script} index ${i}`).toBe(hex(want));
      });
    }
  });
});

describe('deriveBatch input checks', () => {
  const parent = accountKey(new Uint8Array(16), 0);
  const task = { publicKey: parent.publicKey!, chainCode: parent.chainCode!, script: 'p2wpkh' as const, from: 0, count: 1 };
  it('rejects what cannot be derived publicly', () => {
    expect(() => deriveBatch({ ...task, script: 'solana' })).toThrow(/ed25519/);
    expect(() => deriveBatch({ ...task, from: 2 ** 31 - 1, count: 2 })).toThrow(/2\^31/);
    expect(() => deriveBatch({ ...task, steps: [2 ** 31] })).toThrow(/non-hardened/);
    expect(() => deriveBatch({ ...task, count: -1 })).toThrow(/count/);
    expect(() => deriveBatch({ ...task, publicKey: parent.publicKey!.subarray(1) })).toThrow(/33-byte/);
    expect(() => deriveBatch({ ...task, chainCode: new Uint8Array(31) })).toThrow(/32 bytes/);
    expect(() => deriveBatch({ ...task, publicKey: Uint8Array.of(2, ...new Uint8Array(32).fill(0xff)) })).toThrow(/not a valid compressed secp256k1 point/);
  });
  it('derives the last non-hardened index and nothing for count 0', () => {
    expect(deriveBatch({ ...task, from: 2 ** 31 - 1 }).payloads).toHaveLength(20);
    expect(deriveBatch({ ...task, count: 0 })).toMatchObject({ payloads: new Uint8Array(0), skipped: [] });
  });
});
