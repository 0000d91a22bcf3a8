/** Pure parts of the EVM clients: range refusals, spans, log decoding, token data, Etherscan envelopes. */
import { encodeAbiParameters, stringToHex, toHex } from 'viem';
import { describe, expect, it } from 'vitest';
import { readApiKey } from '../../src/config/api-key.js';
import { TOPICS } from '../../src/chains/evm/constants.js';
import type { EtherscanContext } from '../../src/chains/evm/etherscan/context.js';
import { EtherscanApiError, envelopeResult } from '../../src/chains/evm/etherscan/envelope.js';
import { addressTopic } from '../../src/chains/evm/hex.js';
import { transferLogFilters } from '../../src/chains/evm/rpc/log-filters.js';
import { initialSpans, isRangeRefusal, splitSpan, suggestedSpan } from '../../src/chains/evm/rpc/log-range.js';
import { collectSightings } from '../../src/chains/evm/sightings.js';
import { decodeAddressWord, decodeDecimals, decodeTokenText } from '../../src/chains/evm/token-data.js';
import { decodeTransferLog, parseRpcLog, type TokenTransfer } from '../../src/chains/evm/transfer-logs.js';
import { ethereum } from '../../src/chains/networks.js';
import { RestoreScanError } from '../../src/errors.js';
import { httpTransport, JsonRpcError, TransportError } from '../../src/net/index.js';

const rpcError = (code: number, message: string): JsonRpcError =>
  new JsonRpcError('eth_getLogs', { code, message }, { endpoint: 'http://127.0.0.1:1' });

describe('eth_getLogs range refusals', () => {
  it.each([
    [-32602, 'range 12000 exceeds limit of 10000', 10000n],
    [-32005, 'query returned more than 10000 results', undefined],
    [-32000, 'exceed maximum block range: 5000', 5000n],
    [-32600, 'You can make eth_getLogs requests with up to a 500 block range.', 500n],
    [-32602, 'Log response size exceeded. this block range should work: [0x10, 0x1f]', 16n],
    [-32005, 'block range is too wide', undefined],
    [-32000, 'range too large, max 2000 blocks', undefined],
  ])('%i "%s" is a refusal suggesting %s blocks', (code, message, span) => {
    const error = rpcError(code, message);
    expect(isRangeRefusal(error)).toBe(true);
    expect(suggestedSpan(error)).toBe(span);
  });

  it.each([
    [-32005, 'limit exceeded'], // EIP-1474 rate limit: retry, do not split
    [-32603, 'internal error'],
    [-32602, 'invalid argument 0: hex string has odd length'],
  ])('%i "%s" is not a refusal', (code, message) => {
    expect(isRangeRefusal(rpcError(code, message))).toBe(false);
  });

  it('only JSON-RPC errors can be refusals', () => {
    expect(isRangeRefusal(new Error('block range too large'))).toBe(false);
    expect(isRangeRefusal(new TransportError('NETWORK', 'block range', { endpoint: 'x', retryable: true }))).toBe(false);
  });
});

describe('block spans', () => {
  it('splits [from, to] into spans of at most N blocks, covering every block once', () => {
    expect(splitSpan(10n, 30n, 8n)).toEqual([
      { from: 10n, to: 17n },
      { from: 18n, to: 25n },
      { from: 26n, to: 30n },
    ]);
    expect(splitSpan(5n, 5n, 100n)).toEqual([{ from: 5n, to: 5n }]);
  });

  it('a first try is one open span until a limit is known, then accepted spans with an open last one', () => {
    expect(initialSpans(0n, undefined, undefined)).toEqual([{ from: 0n, to: 'latest' }]);
    expect(initialSpans(0n, 100n, undefined)).toEqual([{ from: 0n, to: 'latest' }]);
    expect(initialSpans(0n, 20n, 8n)).toEqual([
      { from: 0n, to: 7n },
      { from: 8n, to: 15n },
      { from: 16n, to: 'latest' },
    ]);
    expect(initialSpans(50n, 20n, 8n)).toEqual([{ from: 50n, to: 'latest' }]);
  });
});

const A = '0x1111111111111111111111111111111111111111';
const B = '0x2222222222222222222222222222222222222222';
const C = '0xcccccccccccccccccccccccccccccccccccccccc';
const log = (topics: string[], data: string) =>
  parseRpcLog({ address: C, topics, data, transactionHash: '0xaa', logIndex: '0x0', blockNumber: '0x1' });

describe('Transfer logs', () => {
  it('tells ERC-20 (3 topics) from ERC-721 (4 topics) and decodes ERC-1155 single and batch', () => {
    const erc20 = decodeTransferLog(log([TOPICS.transfer, addressTopic(A), addressTopic(B)], toHex(5n, { size: 32 }))!);
    expect(erc20).toEqual({ standard: 'erc20', contract: C, from: A, to: B, txHash: '0xaa' });
    const erc721 = decodeTransferLog(log([TOPICS.transfer, addressTopic(A), addressTopic(B), toHex(9n, { size: 32 })], '0x')!);
    expect(erc721).toMatchObject({ standard: 'erc721', tokenId: 9n, to: B });
    const single = decodeTransferLog(
      log([TOPICS.transferSingle, addressTopic(C), addressTopic(A), addressTopic(B)], encodeAbiParameters([{ type: 'uint256' }, { type: 'uint256' }], [4n, 10n]))!,
    );
    expect(single).toMatchObject({ standard: 'erc1155', operator: C, from: A, to: B, ids: [4n], values: [10n] });
    const batch = decodeTransferLog(
      log(
        [TOPICS.transferBatch, addressTopic(C), addressTopic(A), addressTopic(B)],
        encodeAbiParameters([{ type: 'uint256[]' }, { type: 'uint256[]' }], [[1n, 2n], [5n, 6n]]),
      )!,
    );
    expect(batch).toMatchObject({ ids: [1n, 2n], values: [5n, 6n] });
    // A Transfer with 2 topics, or a batch whose data does not decode, is not a token movement.
    expect(decodeTransferLog(log([TOPICS.transfer, addressTopic(A)], '0x')!)).toBeUndefined();
    expect(decodeTransferLog(log([TOPICS.transferBatch, addressTopic(C), addressTopic(A), addressTopic(B)], '0x1234')!)).toBeUndefined();
  });

  it('drops removed logs and rejects malformed entries', () => {
    expect(parseRpcLog({ removed: true })).toBeUndefined();
    expect(() => parseRpcLog({ address: C, topics: 'x' })).toThrow(RestoreScanError);
  });

  it('sightings: ERC-20 contracts in both directions, NFT ids only when received, operators count as history', () => {
    const transfers: TokenTransfer[] = [
      { standard: 'erc20', contract: C, from: A, to: '0x9999999999999999999999999999999999999999', txHash: '0x1' },
      { standard: 'erc721', contract: C, from: A, to: B, tokenId: 3n, txHash: '0x2' },
      { standard: 'erc1155', contract: C, operator: A, from: B, to: B, ids: [7n], values: [1n], txHash: '0x3' },
    ];
    const sightings = collectSightings([A, B], transfers);
    expect([...sightings.get(A)!.erc20]).toEqual([C]);
    expect(sightings.get(A)!.erc721.size).toBe(0);
    expect([...sightings.get(A)!.txHashes]).toEqual(['0x1', '0x2', '0x3']);
    expect([...sightings.get(B)!.erc721.get(C)!]).toEqual(['3']);
    expect([...sightings.get(B)!.erc1155.get(C)!]).toEqual(['7']);
  });

  it('filters: one per direction, addresses OR-ed as lower-case 32-byte topics', () => {
    const filters = transferLogFilters(['0xAbCdEf0000000000000000000000000000000001']);
    const padded = ['0x000000000000000000000000abcdef0000000000000000000000000000000001'];
    expect(filters).toEqual([
      [TOPICS.transfer, null, padded],
      [TOPICS.transfer, padded],
      [[TOPICS.transferSingle, TOPICS.transferBatch], null, null, padded],
      [[TOPICS.transferSingle, TOPICS.transferBatch], null, padded],
      [[TOPICS.transferSingle, TOPICS.transferBatch], padded],
    ]);
  });
});

describe('token view-call data', () => {
  it('reads ABI strings and bytes32 symbols, refuses unprintable ones', () => {
    expect(decodeTokenText(encodeAbiParameters([{ type: 'string' }], ['Test Dollar']))).toBe('Test Dollar');
    expect(decodeTokenText(stringToHex('MKR', { size: 32 }))).toBe('MKR');
    expect(decodeTokenText(encodeAbiParameters([{ type: 'string' }], ['  ']))).toBeUndefined();
    expect(decodeTokenText(`0x${'01'.repeat(32)}`)).toBeUndefined();
    expect(decodeTokenText('0x1234')).toBeUndefined();
    expect(decodeTokenText(undefined)).toBeUndefined();
  });

  it('decimals must fit a uint8; owners must be a padded address', () => {
    expect(decodeDecimals(toHex(6n, { size: 32 }))).toBe(6);
    expect(decodeDecimals(toHex(256n, { size: 32 }))).toBeUndefined();
    expect(decodeAddressWord(addressTopic(B) as `0x${string}`)).toBe(B);
    expect(decodeAddressWord(`0x${'ff'.repeat(32)}`)).toBeUndefined();
  });
});

describe('Etherscan envelope', () => {
  const ctx: EtherscanContext = {
    http: httpTransport({ url: 'http://127.0.0.1:1' }),
    network: ethereum,
    path: 'v2/api',
    apiKey: 'SECRETKEY123',
    secrets: ['SECRETKEY123'],
    pageSize: 100,
    resultWindow: 10_000,
    rateLimitDelayMs: 1,
  };
  const env = (status: string, message: string, result: unknown) => ({ status, message, result });

  it('OK answers give their result; "No transactions found" is an empty history', () => {
    expect(envelopeResult(ctx, env('1', 'OK', '42'), 'balance')).toBe('42');
    expect(envelopeResult(ctx, env('0', 'No transactions found', []), 'txlist')).toEqual([]);
    expect(envelopeResult(ctx, env('0', 'No records found', []), 'tokentx')).toEqual([]);
  });

  it('rate limits are retryable; chainid and key problems are CONFIG; the rest is a plain protocol error', () => {
    const rate = (() => {
      try {
        envelopeResult(ctx, env('0', 'NOTOK', 'Max rate limit reached'), 'txlist');
      } catch (err) {
        return err;
      }
    })();
    expect(rate).toBeInstanceOf(EtherscanApiError);
    expect(rate).toMatchObject({ rateLimited: true, retryable: true });
    expect(() => envelopeResult(ctx, env('0', 'NOTOK', 'Missing or unsupported chainid parameter (required for v2 api)'), 'x')).toThrow(
      expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(/chain id 1 \(ethereum\)/) }),
    );
    expect(() => envelopeResult(ctx, env('0', 'NOTOK', 'Invalid API Key (#err2)|SECRETKEY123'), 'x')).toThrow(
      expect.objectContaining({ code: 'CONFIG' }),
    );
    expect(() => envelopeResult(ctx, env('0', 'NOTOK', 'Error! Invalid address format'), 'txlist')).toThrow(
      expect.objectContaining({ rateLimited: false, retryable: false, message: expect.stringMatching(/Invalid address format/) }),
    );
    expect(() => envelopeResult(ctx, { result: [] }, 'txlist')).toThrow(TransportError);
    // The key never reaches a message, even when Etherscan echoes it.
    expect(() => envelopeResult(ctx, env('0', 'NOTOK', 'Error! SECRETKEY123 is odd'), 'txlist')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('SECRETKEY123') }),
    );
  });
});

describe('API keys from the environment', () => {
  it('reads the named variable, refuses a named but empty one, and needs none when none is named', () => {
    expect(readApiKey({ type: 'etherscan', url: 'x', apiKeyEnv: 'K' }, { K: ' abc ' })).toBe('abc');
    expect(readApiKey({ type: 'etherscan', url: 'x' }, {})).toBeUndefined();
    expect(() => readApiKey({ type: 'blockscout', url: 'x', apiKeyEnv: 'K' }, { K: '' })).toThrow(
      expect.objectContaining({ code: 'CONFIG', message: expect.stringMatching(/K is not set/) }),
    );
  });
});
