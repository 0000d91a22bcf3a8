import { base58 } from '@scure/base';
import { getAddressEncoder, type Address } from '@solana/kit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { NODE_VERSION, SYSTEM_PROGRAM, TOKEN_2022_PROGRAM, TOKEN_PROGRAM } from '../../src/devnet/solana/constants.js';
import type { RunningServer } from '../../src/devnet/solana/json-rpc-http.js';
import { startSolanaRpc } from '../../src/devnet/solana/rpc-server.js';
import { call, postText, result, rpcError, type Json } from './json-rpc-client.js';
import { buildScenario, SOL_HOLDER_TRANSFERS, type Scenario } from './scenario.js';

let s: Scenario;
let rpc: RunningServer;
let url: string;
let token2022Ata: Address;
let splAta: Address;

beforeAll(async () => {
  s = await buildScenario();
  rpc = await startSolanaRpc(s.world);
  url = rpc.url;
  token2022Ata = await s.world.associatedTokenAddress(s.token2022Owner.address, s.token2022Mint);
  splAta = await s.world.associatedTokenAddress(s.splOwner, s.splMint);
});

afterAll(async () => {
  await rpc?.close();
});

function expectContext(value: Json): void {
  expect(value.context).toEqual({ slot: Number(s.world.slot), apiVersion: NODE_VERSION.solanaCore });
}

function accountBytes(address: Address): Uint8Array {
  const account = s.world.svm.getAccount(address);
  if (!account.exists) throw new Error(`${address} does not exist`);
  return new Uint8Array(account.data);
}

describe('node status methods', () => {
  test('getHealth, GET /health, getVersion, getSlot, getGenesisHash', async () => {
    expect(await result(url, 'getHealth')).toBe('ok');
    const health = await fetch(`${url}/health`);
    expect(await health.text()).toBe('ok');
    expect(await result(url, 'getVersion')).toEqual({ 'solana-core': NODE_VERSION.solanaCore, 'feature-set': NODE_VERSION.featureSet });
    expect(await result(url, 'getSlot')).toBe(Number(s.world.slot));
    expect(await result(url, 'getSlot', [{ commitment: 'confirmed' }])).toBe(Number(s.world.slot));
    expect(typeof (await result(url, 'getGenesisHash'))).toBe('string');
  });

  test('getLatestBlockhash and getMinimumBalanceForRentExemption', async () => {
    const latest = await result(url, 'getLatestBlockhash', [{ commitment: 'finalized' }]);
    expectContext(latest);
    expect(latest.value.blockhash).toBe(s.world.svm.latestBlockhash());
    expect(latest.value.lastValidBlockHeight).toBeGreaterThan(Number(s.world.slot));
    expect(await result(url, 'getMinimumBalanceForRentExemption', [165])).toBe(Number(s.world.svm.minimumBalanceForRentExemption(165n)));
    expect(await result(url, 'getMinimumBalanceForRentExemption', [0])).toBe(Number(s.world.svm.minimumBalanceForRentExemption(0n)));
  });
});

describe('getBalance', () => {
  test('a funded address, a 0-lamport token owner and an unused address', async () => {
    const funded = await result(url, 'getBalance', [s.solHolder]);
    expectContext(funded);
    expect(funded.value).toBe(Number(s.solHolderLamports));
    expect((await result(url, 'getBalance', [s.token2022Owner.address, { commitment: 'confirmed' }])).value).toBe(0);
    expect((await result(url, 'getBalance', [s.unused])).value).toBe(0);
  });
});

describe('getAccountInfo', () => {
  test('a missing account is null', async () => {
    const missing = await result(url, 'getAccountInfo', [s.unused, { encoding: 'base64' }]);
    expectContext(missing);
    expect(missing.value).toBeNull();
  });

  test('a system account in base64, legacy binary and jsonParsed (which falls back to base64)', async () => {
    const expected = { executable: false, lamports: Number(s.solHolderLamports), owner: SYSTEM_PROGRAM, space: 0 };
    const b64 = await result(url, 'getAccountInfo', [s.solHolder, { encoding: 'base64' }]);
    expect(b64.value).toMatchObject({ ...expected, data: ['', 'base64'] });
    expect((await result(url, 'getAccountInfo', [s.solHolder])).value.data).toBe('');
    expect((await result(url, 'getAccountInfo', [s.solHolder, { encoding: 'jsonParsed' }])).value.data).toEqual(['', 'base64']);
  });

  test('rentEpoch is written as the exact u64 18446744073709551615', async () => {
    const { text } = await postText(url, JSON.stringify({ jsonrpc: '2.0', id: 7, method: 'getAccountInfo', params: [s.solHolder] }));
    expect(text).toContain('"rentEpoch":18446744073709551615');
  });

  test('a Token-2022 token account: base64 bytes, base58 refused above 128 bytes, jsonParsed with extensions', async () => {
    const b64 = await result(url, 'getAccountInfo', [token2022Ata, { encoding: 'base64' }]);
    expect(b64.value.owner).toBe(TOKEN_2022_PROGRAM);
    expect(b64.value.space).toBe(170);
    expect(new Uint8Array(Buffer.from(b64.value.data[0], 'base64'))).toEqual(accountBytes(token2022Ata));

    const tooLong = await rpcError(url, 'getAccountInfo', [token2022Ata, { encoding: 'base58' }]);
    expect(tooLong).toEqual({ code: -32600, message: 'Encoded binary (base 58) data should be less than 128 bytes, please use Base64 encoding.' });

    const parsed = await result(url, 'getAccountInfo', [token2022Ata, { encoding: 'jsonParsed' }]);
    expect(parsed.value.data).toEqual({
      program: 'spl-token-2022',
      parsed: {
        type: 'account',
        info: {
          isNative: false,
          mint: s.token2022Mint,
          owner: s.token2022Owner.address,
          state: 'initialized',
          tokenAmount: { amount: '1500000', decimals: 6, uiAmount: 1.5, uiAmountString: '1.5' },
          extensions: [{ extension: 'immutableOwner' }],
        },
      },
      space: 170,
    });
  });

  test('a data slice, in base58 and base64', async () => {
    const mintBytes = getAddressEncoder().encode(s.splMint);
    const sliced = await result(url, 'getAccountInfo', [splAta, { encoding: 'base64', dataSlice: { offset: 0, length: 32 } }]);
    expect(new Uint8Array(Buffer.from(sliced.value.data[0], 'base64'))).toEqual(new Uint8Array(mintBytes));
    expect(sliced.value.space).toBe(165);
    const b58 = await result(url, 'getAccountInfo', [splAta, { encoding: 'base58', dataSlice: { offset: 0, length: 32 } }]);
    expect(b58.value.data).toEqual([s.splMint, 'base58']);
  });

  test('a mint in jsonParsed', async () => {
    const parsed = await result(url, 'getAccountInfo', [s.splMint, { encoding: 'jsonParsed' }]);
    expect(parsed.value.data).toEqual({
      program: 'spl-token',
      parsed: {
        type: 'mint',
        info: {
          decimals: 9,
          freezeAuthority: s.world.funder.address,
          isInitialized: true,
          mintAuthority: s.world.funder.address,
          supply: '1234500000',
        },
      },
      space: 82,
    });
    const nft = await result(url, 'getAccountInfo', [s.nfts[0], { encoding: 'jsonParsed' }]);
    expect(nft.value.data.parsed.info).toMatchObject({ decimals: 0, supply: '1', mintAuthority: null });
  });
});

describe('getMultipleAccounts', () => {
  test('accounts in order, null for missing ones, base64 and jsonParsed', async () => {
    const b64 = await result(url, 'getMultipleAccounts', [[s.solHolder, s.unused, splAta], { encoding: 'base64' }]);
    expectContext(b64);
    expect(b64.value).toHaveLength(3);
    expect(b64.value[0].lamports).toBe(Number(s.solHolderLamports));
    expect(b64.value[1]).toBeNull();
    expect(new Uint8Array(Buffer.from(b64.value[2].data[0], 'base64'))).toEqual(accountBytes(splAta));
    const parsed = await result(url, 'getMultipleAccounts', [[splAta, s.splMint], { encoding: 'jsonParsed' }]);
    expect(parsed.value.map((a: Json) => a.data.parsed.type)).toEqual(['account', 'mint']);
    expect(parsed.value[0].data.parsed.info.tokenAmount).toEqual({
      amount: '1234500000',
      decimals: 9,
      uiAmount: 1.2345,
      uiAmountString: '1.2345',
    });
  });

  test('100 keys are allowed; 101 get the real -32602 error', async () => {
    const keys = Array.from({ length: 100 }, () => s.unused);
    expect((await result(url, 'getMultipleAccounts', [keys, { encoding: 'base64' }])).value).toHaveLength(100);
    expect(await rpcError(url, 'getMultipleAccounts', [[...keys, s.unused]])).toEqual({
      code: -32602,
      message: 'Too many inputs provided; max 100',
    });
  });
});

describe('getSignaturesForAddress', () => {
  const expectedNewestFirst = () => [...s.solHolderHistory].reverse();

  test('the whole history, newest first, with every field', async () => {
    const list = await result(url, 'getSignaturesForAddress', [s.solHolder]);
    expect(list).toHaveLength(SOL_HOLDER_TRANSFERS);
    expect(list).toEqual(
      expectedNewestFirst().map((tx) => ({
        signature: tx.signature,
        slot: Number(tx.slot),
        err: null,
        memo: tx.memo,
        blockTime: tx.blockTime,
        confirmationStatus: 'finalized',
      })),
    );
    expect(list.map((e: Json) => e.memo).filter((m: Json) => m !== null)).toEqual(['[9] payment 6', '[9] payment 3']);
  });

  test('paging with limit and before covers the history exactly once', async () => {
    const pages: Json[][] = [];
    let before: string | undefined;
    for (;;) {
      const page = await result(url, 'getSignaturesForAddress', [s.solHolder, { limit: 3, ...(before ? { before } : {}) }]);
      pages.push(page);
      if (page.length < 3) break;
      before = page.at(-1).signature;
    }
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
    expect(pages.flat().map((e) => e.signature)).toEqual(expectedNewestFirst().map((tx) => tx.signature));
  });

  test('until is exclusive; an unknown before gives []; an unknown until is no bound', async () => {
    const all = expectedNewestFirst();
    const newer = await result(url, 'getSignaturesForAddress', [s.solHolder, { until: all[2]!.signature }]);
    expect(newer.map((e: Json) => e.signature)).toEqual([all[0]!.signature, all[1]!.signature]);
    const between = await result(url, 'getSignaturesForAddress', [s.solHolder, { before: all[0]!.signature, until: all[3]!.signature }]);
    expect(between.map((e: Json) => e.signature)).toEqual([all[1]!.signature, all[2]!.signature]);
    const stranger = base58.encode(new Uint8Array(64).fill(9));
    expect(await result(url, 'getSignaturesForAddress', [s.solHolder, { before: stranger }])).toEqual([]);
    expect(await result(url, 'getSignaturesForAddress', [s.solHolder, { until: stranger }])).toHaveLength(SOL_HOLDER_TRANSFERS);
  });

  test('an unused address has an empty history; a failed transaction carries its err', async () => {
    expect(await result(url, 'getSignaturesForAddress', [s.unused])).toEqual([]);
    const [failed] = await result(url, 'getSignaturesForAddress', [s.broke]);
    expect(failed).toMatchObject({ signature: s.failed.signature, err: { InstructionError: [0, { Custom: 1 }] } });
    const t22 = await result(url, 'getSignaturesForAddress', [s.token2022Owner.address]);
    expect(t22.length).toBeGreaterThan(0);
  });

  test('limit, commitment and signature checks', async () => {
    for (const limit of [0, 1001])
      expect(await rpcError(url, 'getSignaturesForAddress', [s.solHolder, { limit }])).toEqual({ code: -32602, message: 'Invalid limit; max 1000' });
    expect(await result(url, 'getSignaturesForAddress', [s.solHolder, { limit: 1000 }])).toHaveLength(SOL_HOLDER_TRANSFERS);
    expect(await rpcError(url, 'getSignaturesForAddress', [s.solHolder, { commitment: 'processed' }])).toEqual({
      code: -32602,
      message: 'Method does not support commitment below `confirmed`',
    });
    expect(await rpcError(url, 'getSignaturesForAddress', [s.solHolder, { before: 'not-base58-0OIl' }])).toEqual({
      code: -32602,
      message: 'Invalid param: Invalid',
    });
    expect(await rpcError(url, 'getSignaturesForAddress', [s.solHolder, { before: s.solHolder }])).toEqual({
      code: -32602,
      message: 'Invalid param: WrongSize',
    });
  });
});

describe('getTokenAccountsByOwner', () => {
  test('{programId: Token-2022} in jsonParsed for the 0-lamport owner', async () => {
    const reply = await result(url, 'getTokenAccountsByOwner', [s.token2022Owner.address, { programId: TOKEN_2022_PROGRAM }, { encoding: 'jsonParsed' }]);
    expectContext(reply);
    expect(reply.value).toHaveLength(1);
    const [entry] = reply.value;
    expect(entry.pubkey).toBe(token2022Ata);
    expect(entry.account).toMatchObject({ owner: TOKEN_2022_PROGRAM, executable: false, space: 170 });
    expect(entry.account.lamports).toBe(Number(s.world.svm.getBalance(token2022Ata)));
    expect(entry.account.data.program).toBe('spl-token-2022');
    expect(entry.account.data.parsed.info.tokenAmount).toEqual({ amount: '1500000', decimals: 6, uiAmount: 1.5, uiAmountString: '1.5' });
    expect(entry.account.data.parsed.info.extensions).toEqual([{ extension: 'immutableOwner' }]);
    // One filter per call: the same owner has nothing under the classic Token program.
    const classic = await result(url, 'getTokenAccountsByOwner', [s.token2022Owner.address, { programId: TOKEN_PROGRAM }, { encoding: 'jsonParsed' }]);
    expect(classic.value).toEqual([]);
  });

  test('{mint} and {programId: Token}; an empty token account is listed with amount 0', async () => {
    const byMint = await result(url, 'getTokenAccountsByOwner', [s.splOwner, { mint: s.splMint }, { encoding: 'jsonParsed' }]);
    expect(byMint.value.map((e: Json) => e.pubkey)).toEqual([splAta]);
    expect(byMint.value[0].account.data.parsed.info).toMatchObject({ mint: s.splMint, owner: s.splOwner, state: 'initialized', isNative: false });
    expect(byMint.value[0].account.data.parsed.info.extensions).toBeUndefined();
    const byProgram = await result(url, 'getTokenAccountsByOwner', [s.splOwner, { programId: TOKEN_PROGRAM }, { encoding: 'jsonParsed' }]);
    const amounts = byProgram.value.map((e: Json) => [e.account.data.parsed.info.mint, e.account.data.parsed.info.tokenAmount.uiAmountString]);
    expect(amounts).toHaveLength(2);
    expect(amounts).toEqual(expect.arrayContaining([[s.splMint, '1.2345'], [s.zeroBalanceMint, '0']]));
  });

  test('base64 gives the raw bytes; the default (binary) encoding is refused for 165-byte accounts', async () => {
    const b64 = await result(url, 'getTokenAccountsByOwner', [s.splOwner, { mint: s.splMint }, { encoding: 'base64' }]);
    expect(new Uint8Array(Buffer.from(b64.value[0].account.data[0], 'base64'))).toEqual(accountBytes(splAta));
    expect((await rpcError(url, 'getTokenAccountsByOwner', [s.splOwner, { mint: s.splMint }])).code).toBe(-32600);
    expect(await rpcError(url, 'getTokenAccountsByOwner', [s.splOwner, { mint: s.splMint }, { encoding: 'jsonParsed', dataSlice: { offset: 0, length: 8 } }])).toEqual({
      code: -32600,
      message: 'Sliced account data can only be encoded using binary (base 58) or base64 encoding.',
    });
  });

  test('filter errors use agave texts', async () => {
    const cases: [unknown, string][] = [
      [{ programId: SYSTEM_PROGRAM }, 'Invalid param: unrecognized Token program id'],
      [{ mint: s.unused }, 'Invalid param: could not find mint'],
      [{ mint: s.solHolder }, 'Invalid param: Token mint could not be unpacked'],
      [{ mint: s.splMint, programId: TOKEN_PROGRAM }, 'Invalid params: expected map with a single key.'],
    ];
    for (const [filter, message] of cases)
      expect(await rpcError(url, 'getTokenAccountsByOwner', [s.splOwner, filter, { encoding: 'jsonParsed' }])).toEqual({ code: -32602, message });
    expect(await rpcError(url, 'getTokenAccountsByOwner', [s.splOwner])).toEqual({
      code: -32602,
      message: '`params` should have at least 2 argument(s)',
    });
  });
});

describe('JSON-RPC envelope', () => {
  test('batches answer every request with its id and skip notifications', async () => {
    const batch = [
      { jsonrpc: '2.0', id: 'a', method: 'getBalance', params: [s.solHolder] },
      { jsonrpc: '2.0', id: 2, method: 'getSlot' },
      { jsonrpc: '2.0', method: 'getSlot' },
      { jsonrpc: '2.0', id: 3, method: 'noSuchMethod' },
      { jsonrpc: '2.0', id: 4, method: 'getMultipleAccounts', params: [Array.from({ length: 101 }, () => s.unused)] },
    ];
    const { text } = await postText(url, JSON.stringify(batch));
    const replies: Json[] = JSON.parse(text);
    const byId = new Map(replies.map((r) => [r.id, r]));
    expect(replies).toHaveLength(4);
    expect(byId.get('a').result.value).toBe(Number(s.solHolderLamports));
    expect(byId.get(2).result).toBe(Number(s.world.slot));
    expect(byId.get(3).error).toEqual({ code: -32601, message: 'Method not found' });
    expect(byId.get(4).error.code).toBe(-32602);
  });

  test('parse errors, invalid requests, empty batches', async () => {
    expect(JSON.parse((await postText(url, '{"jsonrpc":')).text)).toEqual({ jsonrpc: '2.0', error: { code: -32700, message: 'Parse error' }, id: null });
    expect(JSON.parse((await postText(url, '[]')).text).error).toEqual({ code: -32600, message: 'Invalid request' });
    expect(JSON.parse((await postText(url, '{"id":1,"method":"getSlot"}')).text)).toEqual({
      jsonrpc: '2.0',
      error: { code: -32600, message: 'Invalid request' },
      id: 1,
    });
  });

  test('parameter errors use agave texts', async () => {
    expect(await rpcError(url, 'getBalance', [])).toEqual({ code: -32602, message: '`params` should have at least 1 argument(s)' });
    expect(await rpcError(url, 'getBalance', [5])).toEqual({ code: -32602, message: 'Invalid params: invalid type: integer `5`, expected a string.' });
    expect(await rpcError(url, 'getBalance', ['0OIl'])).toEqual({ code: -32602, message: 'Invalid param: Invalid' });
    expect(await rpcError(url, 'getBalance', ['1111'])).toEqual({ code: -32602, message: 'Invalid param: WrongSize' });
    expect((await rpcError(url, 'getAccountInfo', [s.solHolder, { encoding: 'hex' }])).message).toMatch(/^Invalid params: unknown variant `hex`/);
    const future = await rpcError(url, 'getBalance', [s.solHolder, { minContextSlot: Number(s.world.slot) + 10 }]);
    expect(future).toEqual({ code: -32016, message: 'Minimum context slot has not been reached', data: { contextSlot: Number(s.world.slot) } });
  });

  test('HTTP: POST only, JSON only', async () => {
    const get = await fetch(url);
    expect(get.status).toBe(405);
    const wrongType = await postText(url, JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'getSlot' }), 'text/plain');
    expect(wrongType.status).toBe(415);
    const reply = await call(url, 'getSlot', undefined, 99);
    expect(reply).toEqual({ jsonrpc: '2.0', result: Number(s.world.slot), id: 99 });
  });
});
