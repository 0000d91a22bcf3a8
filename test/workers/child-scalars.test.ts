import { createHmac, randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { childScalars, childTweak, useWasmHmac } from '../../src/workers/secp/child-tweak.js';

/** IL by the book: HMAC-SHA512(chainCode, serP(K) ‖ ser32(i)), first 32 bytes. */
function expected(publicKey: Uint8Array, chainCode: Uint8Array, index: number): Buffer {
  const i = Buffer.alloc(4);
  i.writeUInt32BE(index);
  return createHmac('sha512', chainCode).update(publicKey).update(i).digest().subarray(0, 32);
}
const parent = () => ({ publicKey: Uint8Array.of(2 + (randomBytes(1)[0]! & 1), ...randomBytes(32)), chainCode: new Uint8Array(randomBytes(32)) });

describe('the child step HMAC (IL of many indices per call)', () => {
  afterEach(() => useWasmHmac(true));

  for (const wasm of [true, false])
    it(`matches createHmac ${wasm ? 'in WebAssembly' : 'with node:crypto (no WebAssembly)'}: ranges across its chunks, the last indices, an offset`, () => {
      useWasmHmac(wasm);
      const cases = [
        { from: 0, count: 1 },
        { from: 7, count: 1100 }, // three calls of the module (512 per call)
        { from: 2 ** 31 - 3, count: 3 }, // the last non-hardened indices
        { from: 1000, count: 0 },
      ];
      for (const { from, count } of cases) {
        const { publicKey, chainCode } = parent();
        const out = new Uint8Array(32 * count + 40).fill(0xee);
        childScalars(publicKey, chainCode)(from, count, out, 40);
        expect(out.subarray(0, 40).every((b) => b === 0xee)).toBe(true); // nothing written before the offset
        for (let k = 0; k < count; k++) expect(Buffer.from(out.subarray(40 + 32 * k, 72 + 32 * k))).toEqual(expected(publicKey, chainCode, from + k));
      }
    });

  it('keeps parents apart when their calls interleave (one module instance per thread)', () => {
    const a = parent();
    const b = parent();
    const ofA = childScalars(a.publicKey, a.chainCode);
    const ofB = childScalars(b.publicKey, b.chainCode);
    const outA = new Uint8Array(64);
    const outB = new Uint8Array(64);
    ofA(5, 1, outA, 0);
    ofB(5, 1, outB, 0);
    ofA(6, 1, outA, 32);
    ofB(6, 1, outB, 32);
    expect(Buffer.from(outA)).toEqual(Buffer.concat([expected(a.publicKey, a.chainCode, 5), expected(a.publicKey, a.chainCode, 6)]));
    expect(Buffer.from(outB)).toEqual(Buffer.concat([expected(b.publicKey, b.chainCode, 5), expected(b.publicKey, b.chainCode, 6)]));
  });

  it('agrees with childTweak, and refuses a parent of the wrong size', () => {
    const { publicKey, chainCode } = parent();
    const out = new Uint8Array(32);
    childScalars(publicKey, chainCode)(42, 1, out, 0);
    expect(Buffer.from(out)).toEqual(Buffer.from(childTweak(publicKey, chainCode)(42).subarray(0, 32)));
    expect(() => childScalars(publicKey.subarray(1), chainCode)).toThrow(/parent public key must be 33 bytes, got 32/);
    expect(() => childScalars(publicKey, chainCode.subarray(1))).toThrow(/chain code must be 32 bytes, got 31/);
  });
});
