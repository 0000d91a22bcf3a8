import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PAYLOAD_WIDTH } from '../../src/chains/address.js';
import { createDeriver } from '../../src/api/deriver.js';
import { childKeysMany, derivePayloadsMany } from '../../src/workers/secp/derive-kernel.js';
import { accountKey, hex, referencePayloads, scriptArb, seedArb } from './reference.js';

/** Requests of different parents, scripts and ranges, as the first windows of a scan's branches are. */
const requestsArb = fc.array(
  fc.record({ seed: seedArb, account: fc.integer({ min: 0, max: 3 }), branch: fc.integer({ min: 0, max: 1 }), script: scriptArb, from: fc.integer({ min: 0, max: 2 ** 31 - 40 }), count: fc.integer({ min: 0, max: 9 }) }),
  { minLength: 1, maxLength: 6 },
);

describe('derivation of many requests in shared batches', () => {
  it('derivePayloadsMany gives each request exactly what @scure/bip32 gives, across batch boundaries', () => {
    fc.assert(
      fc.property(requestsArb, fc.integer({ min: 1, max: 8 }), (specs, batchSize) => {
        const parents = specs.map((s) => accountKey(s.seed, s.account).deriveChild(s.branch));
        const results = derivePayloadsMany(specs.map((s, i) => ({ publicKey: parents[i]!.publicKey!, chainCode: parents[i]!.chainCode!, script: s.script, from: s.from, count: s.count })), { batchSize });
        specs.forEach((s, i) => {
          expect(results[i]!.skipped).toEqual([]);
          expect(hex(results[i]!.payloads)).toBe(hex(referencePayloads(parents[i]!, s.script, s.from, s.count, PAYLOAD_WIDTH[s.script])));
        });
      }),
      { numRuns: 25 },
    );
  });

  it('requests for the same children as several scripts share their points and still each get their own payloads', () => {
    fc.assert(
      fc.property(
        seedArb,
        fc.array(fc.record({ script: scriptArb, range: fc.integer({ min: 0, max: 2 }) }), { minLength: 2, maxLength: 8 }),
        fc.integer({ min: 1, max: 8 }),
        (seed, asks, batchSize) => {
          const parent = accountKey(seed, 0).deriveChild(0);
          // Three ranges, so some requests coincide exactly (shared) and others overlap without coinciding.
          const ranges = [{ from: 0, count: 5 }, { from: 3, count: 5 }, { from: 0, count: 5 }];
          const reqs = asks.map((a) => ({ publicKey: parent.publicKey!, chainCode: parent.chainCode!, script: a.script, ...ranges[a.range]! }));
          const results = derivePayloadsMany(reqs, { batchSize });
          reqs.forEach((r, i) => {
            expect(results[i]!.skipped).toEqual([]);
            expect(hex(results[i]!.payloads)).toBe(hex(referencePayloads(parent, r.script, r.from, r.count, PAYLOAD_WIDTH[r.script])));
          });
        },
      ),
      { numRuns: 25 },
    );
  });

  it('a taproot request shares its child points with its twins and tweaks its own copy, whichever comes first', () => {
    const parent = accountKey(new Uint8Array(16).fill(7), 0).deriveChild(1);
    for (const scripts of [['p2tr', 'p2pkh', 'p2tr', 'p2wpkh'], ['p2pkh', 'p2tr'], ['p2sh-p2wpkh', 'evm', 'p2tr']] as const)
      for (const batchSize of [1, 3, 64]) {
        const reqs = scripts.map((script) => ({ publicKey: parent.publicKey!, chainCode: parent.chainCode!, script, from: 5, count: 7 }));
        const results = derivePayloadsMany(reqs, { batchSize });
        reqs.forEach((r, i) => expect(hex(results[i]!.payloads)).toBe(hex(referencePayloads(parent, r.script, r.from, r.count, PAYLOAD_WIDTH[r.script]))));
      }
  });

  it('childKeysMany is CKDpub: the child key and chain code @scure/bip32 gives', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ seed: seedArb, index: fc.integer({ min: 0, max: 2 ** 31 - 1 }) }), { minLength: 1, maxLength: 5 }), fc.integer({ min: 1, max: 3 }), (specs, batchSize) => {
        const parents = specs.map((s) => accountKey(s.seed, 0));
        const children = childKeysMany(specs.map((s, i) => ({ publicKey: parents[i]!.publicKey!, chainCode: parents[i]!.chainCode!, index: s.index })), { batchSize });
        specs.forEach((s, i) => {
          const expected = parents[i]!.deriveChild(s.index);
          expect(hex(children[i]!.publicKey)).toBe(hex(expected.publicKey!));
          expect(hex(children[i]!.chainCode)).toBe(hex(expected.chainCode!));
        });
      }),
      { numRuns: 15 },
    );
    const parent = accountKey(new Uint8Array(16), 0);
    expect(() => childKeysMany([{ publicKey: parent.publicKey!, chainCode: parent.chainCode!, index: 2 ** 31 }])).toThrow(/cannot be derived from a public key/);
  });

  for (const workers of [0, 1]) {
    it(`createDeriver(${workers}) answers requests made together, branch steps included, each with its own payloads`, async () => {
      const deriver = await createDeriver(workers);
      try {
        const account = accountKey(Uint8Array.from({ length: 32 }, (_, i) => i), 0);
        const asks = [
          { steps: [0], script: 'p2wpkh' as const, from: 0, count: 20 },
          { steps: [1], script: 'p2tr' as const, from: 20, count: 20 },
          { steps: [0, 5], script: 'evm' as const, from: 3, count: 1 },
          { steps: [], script: 'p2pkh' as const, from: 7, count: 2 },
        ];
        const answers = await Promise.all(asks.map((a) => deriver.derive({ publicKey: account.publicKey!, chainCode: account.chainCode!, ...a })));
        asks.forEach((a, i) => {
          const parent = a.steps.reduce((node, step) => node.deriveChild(step), account);
          expect(hex(answers[i]!.payloads)).toBe(hex(referencePayloads(parent, a.script, a.from, a.count, PAYLOAD_WIDTH[a.script])));
        });
        const aborted = new AbortController();
        aborted.abort();
        await expect(deriver.derive({ publicKey: account.publicKey!, chainCode: account.chainCode!, script: 'p2wpkh', from: 0, count: 1 }, aborted.signal)).rejects.toMatchObject({ code: 'ABORTED' });
      } finally {
        await deriver.close();
      }
    });
  }
});
