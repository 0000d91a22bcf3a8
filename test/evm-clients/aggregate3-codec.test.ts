/**
 * The hand-written Multicall3 codec against viem's generic ABI coder (differential, fast-check), its strictness on
 * malformed answers, and the lazily built token sightings against the eager reference they replace.
 */
import fc from 'fast-check';
import {
  bytesToHex,
  decodeFunctionResult,
  encodeAbiParameters,
  encodeFunctionData,
  encodeFunctionResult,
  getAddress,
  toFunctionSelector,
  type Hex,
} from 'viem';
import { describe, expect, it } from 'vitest';
import { multicall3Abi } from '../../src/chains/evm/abi.js';
import { MULTICALL3_ADDRESS } from '../../src/chains/evm/constants.js';
import {
  AGGREGATE3_SELECTOR,
  decodeAggregate3Result,
  decodeUint256,
  encodeAggregate3,
  encodeGetEthBalance,
  GET_ETH_BALANCE_SELECTOR,
  type Aggregate3Result,
} from '../../src/chains/evm/rpc/aggregate3-codec.js';
import { createEvmRpcState, type EvmRpcContext } from '../../src/chains/evm/rpc/context.js';
import { aggregate3Calls, AGGREGATE3_CHUNK, decodeAggregate3, ethBalanceRead, type ContractRead } from '../../src/chains/evm/rpc/multicall3.js';
import { collectSightings, NO_SIGHTINGS } from '../../src/chains/evm/sightings.js';
import type { TokenTransfer } from '../../src/chains/evm/transfer-logs.js';
import { ethereum } from '../../src/chains/networks.js';
import type { JsonRpcClient, JsonRpcSettled } from '../../src/net/index.js';
import { TransportError } from '../../src/net/index.js';

const addressArb = fc.uint8Array({ minLength: 20, maxLength: 20 }).map((b) => bytesToHex(b));
/** Lengths 0..100 bytes: empty, short, exact words (32, 64, 96) and everything in between ('max': the whole range). */
const bytesArb = fc.uint8Array({ minLength: 0, maxLength: 100, size: 'max' }).map((b) => bytesToHex(b));
const readArb = fc.record({ target: addressArb, data: bytesArb });
const resultArb = fc.record({ success: fc.boolean(), returnData: bytesArb });

const viemAggregate3 = (reads: readonly ContractRead[]): Hex =>
  encodeFunctionData({
    abi: multicall3Abi,
    functionName: 'aggregate3',
    args: [reads.map((r) => ({ target: r.target as Hex, allowFailure: true, callData: r.data }))],
  });
const viemResult = (results: readonly Aggregate3Result[]): Hex =>
  encodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', result: results });
const viemDecode = (data: Hex) => decodeFunctionResult({ abi: multicall3Abi, functionName: 'aggregate3', data });

const word = (n: number | bigint): string => n.toString(16).padStart(64, '0');
/** `data` with its 32-byte word number `index` replaced. */
const withWord = (data: string, index: number, value: string): string => {
  const words = data.slice(2).match(/.{64}/g) as string[];
  words[index] = value;
  return `0x${words.join('')}`;
};

describe('aggregate3 codec: the same bytes as viem', () => {
  it('selectors are the keccak of the signatures viem formats', () => {
    expect(GET_ETH_BALANCE_SELECTOR).toBe(toFunctionSelector('function getEthBalance(address addr)'));
    expect(AGGREGATE3_SELECTOR).toBe(toFunctionSelector(multicall3Abi.find((i) => i.type === 'function' && i.name === 'aggregate3')!));
    expect([GET_ETH_BALANCE_SELECTOR, AGGREGATE3_SELECTOR]).toEqual(['0x4d2301cc', '0x82ad56cb']);
  });

  it('getEthBalance calldata, from lower-case and EIP-55 addresses', () => {
    fc.assert(
      fc.property(addressArb, fc.boolean(), (lower, checksummed) => {
        const address = checksummed ? getAddress(lower) : lower;
        expect(encodeGetEthBalance(address)).toBe(
          encodeFunctionData({ abi: multicall3Abi, functionName: 'getEthBalance', args: [address as Hex] }),
        );
      }),
    );
    expect(() => encodeGetEthBalance('0x1234')).toThrow(RangeError);
  });

  it('aggregate3 calldata for 0 to 300 calls of any calldata length', () => {
    fc.assert(
      fc.property(fc.array(readArb, { maxLength: 300, size: 'max' }), (reads) => {
        expect(encodeAggregate3(reads)).toBe(viemAggregate3(reads));
      }),
      { numRuns: 60 },
    );
    expect(encodeAggregate3([])).toBe(viemAggregate3([]));
    const full = fc.sample(readArb, { numRuns: 300, seed: 1 });
    expect(encodeAggregate3(full)).toBe(viemAggregate3(full));
  });

  it('aggregate3 calldata when targets repeat and alternate (the encoder checks each run of one target once)', () => {
    const pool = fc.constantFrom(MULTICALL3_ADDRESS, MULTICALL3_ADDRESS.toLowerCase(), '0x00000000000000000000000000000000000000ff', '0x1111111111111111111111111111111111111111');
    fc.assert(
      fc.property(fc.array(fc.record({ target: pool, data: bytesArb }), { maxLength: 30 }), (reads) => {
        expect(encodeAggregate3(reads)).toBe(viemAggregate3(reads));
      }),
    );
  });

  it('aggregate3 of a slice [start, end) is the encoding of that slice; upper-case calldata is kept as given', () => {
    fc.assert(
      fc.property(fc.array(readArb, { minLength: 1, maxLength: 40 }), fc.nat(), fc.nat(), (reads, a, b) => {
        const [start, end] = [a % (reads.length + 1), b % (reads.length + 1)].sort((x, y) => x - y) as [number, number];
        const shouted = reads.map((r) => ({ target: r.target.toUpperCase().replace('0X', '0x'), data: r.data.toUpperCase().replace('0X', '0x') as Hex }));
        const lowerTargets = shouted.map((r) => ({ ...r, target: r.target.toLowerCase() }));
        expect(encodeAggregate3(shouted, start, end)).toBe(viemAggregate3(lowerTargets.slice(start, end)));
      }),
      { numRuns: 60 },
    );
  });

  it('aggregate3Calls: chunks of AGGREGATE3_CHUNK, each what viem encodes for its slice', () => {
    const reads = Array.from({ length: 2 * AGGREGATE3_CHUNK + 7 }, (_, i) => ethBalanceRead(`0x${word(i + 1).slice(24)}`));
    const calls = aggregate3Calls(reads);
    expect(calls.map((c) => c.params)).toEqual(
      [0, 1, 2].map((k) => [
        { to: MULTICALL3_ADDRESS, data: viemAggregate3(reads.slice(k * AGGREGATE3_CHUNK, (k + 1) * AGGREGATE3_CHUNK)) },
        'latest',
      ]),
    );
  });

  it('rejects targets that are not addresses and calldata that is not whole bytes', () => {
    expect(() => encodeAggregate3([{ target: '0x12', data: '0x' }])).toThrow(/not an EVM address/);
    expect(() => encodeAggregate3([{ target: MULTICALL3_ADDRESS, data: '0x123' }])).toThrow(/whole bytes/);
    expect(() => encodeAggregate3([{ target: MULTICALL3_ADDRESS, data: '0xzz' }])).toThrow(/whole bytes/);
  });
});

describe('aggregate3 codec: the same answers as viem', () => {
  it('decodes 0 to 300 results with random flags and return data', () => {
    fc.assert(
      fc.property(fc.array(resultArb, { maxLength: 300, size: 'max' }), fc.boolean(), (results, upper) => {
        const encoded = viemResult(results);
        const data = upper ? `0x${encoded.slice(2).toUpperCase()}` : encoded;
        expect(decodeAggregate3Result(data)).toEqual(viemDecode(data as Hex));
      }),
      { numRuns: 60 },
    );
  });

  it('accepts a valid non-canonical layout (tails in reverse order), as viem does', () => {
    fc.assert(
      fc.property(fc.array(resultArb, { minLength: 1, maxLength: 8 }), (results) => {
        const tails = results.map((r) => encodeAbiParameters([{ type: 'bool' }, { type: 'bytes' }], [r.success, r.returnData]).slice(2));
        const offsets: number[] = [];
        let at = 32 * results.length;
        for (let k = results.length - 1; k >= 0; k--) {
          offsets[k] = at;
          at += (tails[k] as string).length / 2;
        }
        const data = `0x${word(32)}${word(results.length)}${offsets.map(word).join('')}${[...tails].reverse().join('')}` as Hex;
        expect(decodeAggregate3Result(data)).toEqual(results);
        expect(viemDecode(data)).toEqual(results);
      }),
    );
  });

  it('getEthBalance return: any uint256, exactly one word', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 2n ** 256n - 1n }), (balance) => {
        const data = encodeFunctionResult({ abi: multicall3Abi, functionName: 'getEthBalance', result: balance });
        expect(decodeUint256(data)).toBe(decodeFunctionResult({ abi: multicall3Abi, functionName: 'getEthBalance', data }));
      }),
    );
    expect(() => decodeUint256('0x01')).toThrow(RangeError);
    expect(() => decodeUint256(`0x${word(1)}${word(2)}`)).toThrow(RangeError);
  });
});

describe('aggregate3 codec: malformed answers throw', () => {
  /** Two results: (true, 0xdeadbeef) and (false, 0x). Byte positions: 0 array offset, 32 length, 64/96 element offsets. */
  const valid = viemResult([
    { success: true, returnData: '0xdeadbeef' },
    { success: false, returnData: '0x' },
  ]).slice(2);
  const patched = (index: number, value: string): string => withWord(`0x${valid}`, index, value);
  // Layout: [0] 0x20, [1] 2, [2] 0x40, [3] 0xc0, [4] true, [5] 0x40, [6] 4, [7] deadbeef…, [8] false, [9] 0x40, [10] 0.

  it('the fixture decodes', () => {
    expect(valid).toHaveLength(11 * 64);
    expect(decodeAggregate3Result(`0x${valid}`)).toEqual([
      { success: true, returnData: '0xdeadbeef' },
      { success: false, returnData: '0x' },
    ]);
  });

  it.each([
    ['empty', '0x', /whole number of 32-byte words/],
    ['not hex', `0x${valid.slice(0, -2)}zz`, /not hex/],
    ['truncated by a word', `0x${valid.slice(0, -64)}`, /beyond/],
    ['truncated by a byte', `0x${valid.slice(0, -2)}`, /whole number/],
    ['array offset beyond the data', patched(0, word(11 * 32)), /array length at byte 352 lies beyond/],
    ['array offset with high bits set', patched(0, `ff${word(32).slice(2)}`), /out of range/],
    ['more elements than fit', patched(1, word(10)), /cannot fit/],
    ['element offset beyond the data', patched(3, word(10_000)), /beyond/],
    ['success = 2', patched(4, word(2)), /not a boolean/],
    ['success with a high byte set', patched(4, `01${word(1).slice(2)}`), /not a boolean/],
    ['returnData offset beyond the data', patched(5, word(4096)), /beyond/],
    ['returnData length past the end', patched(6, word(200)), /beyond/],
    ['non-zero padding after returnData', patched(7, `deadbeef${'0'.repeat(55)}1`), /non-zero padding/],
    ['returnData not hex', patched(7, `deadbeeg${'0'.repeat(56)}`), /returnData of element 0 at byte 224 is not hex/],
    ['an offset with a non-hex digit', patched(2, `${'0'.repeat(62)}4g`), /offset of element 0 at byte 64 is not hex/],
    ['no 0x prefix', `00${valid}`, /not 0x-prefixed/],
  ])('%s', (_name, data, message) => {
    expect(() => decodeAggregate3Result(data)).toThrow(message);
  });

  it('refuses tuples that all share one large tail (more returned bytes than the data holds)', () => {
    const count = 64;
    const payload = 'ab'.repeat(32 * 16);
    const tail = `${word(1)}${word(64)}${word(payload.length / 2)}${payload}`;
    const data = `0x${word(32)}${word(count)}${word(32 * count).repeat(count)}${tail}`;
    expect(() => decodeAggregate3Result(data)).toThrow(/more returned bytes/);
  });
});

describe('decodeAggregate3: malformed answers take the protocol-error path', () => {
  const ctx: EvmRpcContext = {
    rpc: {} as JsonRpcClient, // never called: decoding is pure
    endpoint: 'http://127.0.0.1:1',
    secrets: [],
    network: ethereum,
    logsFromBlock: 0n,
    state: createEvmRpcState(),
  };
  const ok = (result: unknown): JsonRpcSettled => ({ ok: true, result });
  // Words: [0] 0x20, [1] 3, [2..4] element offsets, [5] success of element 0.
  const results = [
    { success: true, returnData: `0x${word(5)}` as Hex },
    { success: false, returnData: '0x' as Hex },
    { success: true, returnData: '0x' as Hex },
  ];

  it('values, reverts and empty returns', () => {
    expect(decodeAggregate3(ctx, 3, [ok(viemResult(results))])).toEqual([`0x${word(5)}`, undefined, undefined]);
  });

  it.each([
    ['no data', '0x', 'Multicall3 aggregate3 returned no data'],
    ['not a string', 42, 'Multicall3 aggregate3 returned no data'],
    ['undecodable data', `0x${word(32)}${word(7)}`, 'Multicall3 aggregate3 returned undecodable data'],
    ['a bad boolean', withWord(viemResult(results), 5, word(3)), 'Multicall3 aggregate3 returned undecodable data'],
  ])('%s', (_name, result, message) => {
    let error: unknown;
    try {
      decodeAggregate3(ctx, 3, [ok(result)]);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ code: 'PROTOCOL', shortMessage: expect.stringContaining(message), retryable: false });
  });

  it('a count that does not match the calls', () => {
    expect(() => decodeAggregate3(ctx, 4, [ok(viemResult(results))])).toThrow('Multicall3 answered 3 results for 4 calls');
  });
});

describe('collectSightings: lazy, with one shared frozen empty value', () => {
  /** The eager grouping it replaces: a fresh value per address, up front. */
  function eager(addresses: readonly string[], transfers: readonly TokenTransfer[]) {
    const byAddress = new Map(
      addresses.map((a) => [a, { txHashes: new Set<string>(), erc20: new Set<string>(), erc721: new Map<string, Set<string>>(), erc1155: new Map<string, Set<string>>() }]),
    );
    const addId = (map: Map<string, Set<string>>, contract: string, id: bigint) => {
      if (!map.has(contract)) map.set(contract, new Set());
      map.get(contract)!.add(id.toString());
    };
    for (const t of transfers) {
      const from = byAddress.get(t.from);
      const to = byAddress.get(t.to);
      const operator = t.standard === 'erc1155' ? byAddress.get(t.operator) : undefined;
      for (const s of [from, to, operator]) s?.txHashes.add(t.txHash);
      if (t.standard === 'erc20') for (const s of [from, to]) s?.erc20.add(t.contract);
      if (t.standard === 'erc721' && to) addId(to.erc721, t.contract, t.tokenId);
      if (t.standard === 'erc1155' && to) for (const id of t.ids) addId(to.erc1155, t.contract, id);
    }
    return byAddress;
  }
  const party = fc.constantFrom('0x01', '0x02', '0x03', '0x04', '0x05');
  const transferArb: fc.Arbitrary<TokenTransfer> = fc.oneof(
    fc.record({ standard: fc.constant('erc20' as const), contract: party, from: party, to: party, txHash: fc.constantFrom('0xa', '0xb', '0xc') }),
    fc.record({ standard: fc.constant('erc721' as const), contract: party, from: party, to: party, tokenId: fc.bigInt({ min: 0n, max: 9n }), txHash: fc.constantFrom('0xa', '0xd') }),
    fc.record({
      standard: fc.constant('erc1155' as const), contract: party, operator: party, from: party, to: party,
      ids: fc.array(fc.bigInt({ min: 0n, max: 9n }), { maxLength: 3 }), values: fc.constant<bigint[]>([]), txHash: fc.constantFrom('0xe', '0xf'),
    }),
  );

  it('groups exactly as the eager version did', () => {
    fc.assert(
      fc.property(fc.uniqueArray(party, { maxLength: 5 }), fc.array(transferArb, { maxLength: 12 }), (addresses, transfers) => {
        const lazy = collectSightings(addresses, transfers);
        expect([...lazy.keys()]).toEqual(addresses);
        expect(lazy).toEqual(eager(addresses, transfers));
      }),
    );
  });

  it('addresses no transfer mentions share NO_SIGHTINGS, which refuses writes', () => {
    const sightings = collectSightings(['0x01', '0x02', '0x03'], [{ standard: 'erc20', contract: '0x09', from: '0x02', to: '0x08', txHash: '0xa' }]);
    expect(sightings.get('0x01')).toBe(NO_SIGHTINGS);
    expect(sightings.get('0x03')).toBe(NO_SIGHTINGS);
    expect(sightings.get('0x02')).not.toBe(NO_SIGHTINGS);
    expect(Object.isFrozen(NO_SIGHTINGS)).toBe(true);
    expect(() => (NO_SIGHTINGS.txHashes as Set<string>).add('0xb')).toThrow(TypeError);
    expect(() => (NO_SIGHTINGS.erc721 as Map<string, Set<string>>).set('0x09', new Set())).toThrow(TypeError);
    expect(() => (NO_SIGHTINGS.erc1155 as Map<string, Set<string>>).clear()).toThrow(TypeError);
    expect(NO_SIGHTINGS.txHashes.size + NO_SIGHTINGS.erc20.size + NO_SIGHTINGS.erc721.size + NO_SIGHTINGS.erc1155.size).toBe(0);
  });
});
