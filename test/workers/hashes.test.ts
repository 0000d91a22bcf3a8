import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { schnorr } from '@noble/curves/secp256k1.js';
import { hash160 } from '../../src/chains/bitcoin/hashes.js';
import { evmPayloadInto, hash160Into, tapTweakInto, useWasmHashes } from '../../src/workers/hash/payload-hashes.js';
import { SHA256_IV, sha256Final, wordsToBytes } from '../../src/workers/hash/sha256.js';
import { childTweak } from '../../src/workers/secp/child-tweak.js';
import { hex } from './reference.js';

describe('fixed-shape hashes against node:crypto and @noble/hashes', () => {
  it('SHA-256 of 0–55 bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 55 }), (m) => {
        const words = new Int32Array(8);
        const out = new Uint8Array(32);
        sha256Final(SHA256_IV, 0, m, 0, m.length, words);
        wordsToBytes(words, out, 0);
        expect(hex(out)).toBe(createHash('sha256').update(m).digest('hex'));
      }),
      { numRuns: 300 },
    );
  });

  for (const wasm of [true, false])
    it(`HASH160 of keys and scripts (${wasm ? 'WebAssembly' : 'JavaScript'}), 0–55 bytes from an offset, into an offset`, () => {
      useWasmHashes(wasm);
      try {
        fc.assert(
          fc.property(fc.uint8Array({ minLength: 0, maxLength: 55 }), fc.nat(10), (m, pad) => {
            const data = new Uint8Array(pad + m.length + 3).fill(0x5a); // bytes around the message must not count
            data.set(m, pad);
            const out = new Uint8Array(24).fill(0xee);
            hash160Into(data, pad, m.length, out, 2);
            expect(hex(out.subarray(2, 22))).toBe(hex(hash160(m)));
            expect([...out.subarray(0, 2), ...out.subarray(22)]).toEqual([0xee, 0xee, 0xee, 0xee]);
          }),
          { numRuns: 300 },
        );
        expect(() => hash160Into(new Uint8Array(56), 0, 56, new Uint8Array(20), 0)).toThrow(/at most 55 bytes, got 56/);
      } finally {
        useWasmHashes(true);
      }
    });

  for (const wasm of [true, false])
    it(`Keccak-256 of 64 bytes (last 20, ${wasm ? 'WebAssembly' : 'JavaScript'}; at an offset, nothing else written) and the BIP-341 TapTweak`, () => {
      useWasmHashes(wasm);
      try {
        fc.assert(
          fc.property(fc.uint8Array({ minLength: 64, maxLength: 64 }), (m) => {
            const out = new Uint8Array(26).fill(0xee);
            evmPayloadInto(m, out, 3);
            expect(hex(out.subarray(3, 23))).toBe(hex(keccak_256(m).subarray(12)));
            expect([...out.subarray(0, 3), ...out.subarray(23)]).toEqual([0xee, 0xee, 0xee, 0xee, 0xee, 0xee]);
            const t = new Uint8Array(32);
            tapTweakInto(m, 5, t, 0);
            expect(hex(t)).toBe(hex(schnorr.utils.taggedHash('TapTweak', m.subarray(5, 37))));
          }),
          { numRuns: 300 },
        );
        expect(() => evmPayloadInto(new Uint8Array(63), new Uint8Array(20), 0)).toThrow(/expected 64 bytes, got 63/);
      } finally {
        useWasmHashes(true);
      }
    });

  it('the child tweak is HMAC-SHA512(chain code, serP(K) ‖ ser32(i))', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 33, maxLength: 33 }), fc.uint8Array({ minLength: 32, maxLength: 32 }), fc.nat(2 ** 31 - 1), (K, c, i) => {
        const index = Buffer.alloc(4);
        index.writeUInt32BE(i);
        expect(hex(childTweak(K, c)(i))).toBe(createHmac('sha512', c).update(K).update(index).digest('hex'));
      }),
      { numRuns: 100 },
    );
  });
});
