import { base58 } from '@scure/base';
import type { Address } from '@solana/kit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { TOKEN_2022_PROGRAM, TOKEN_PROGRAM } from '../../src/devnet/solana/constants.js';
import { startDas } from '../../src/devnet/solana/das-server.js';
import type { RunningServer } from '../../src/devnet/solana/json-rpc-http.js';
import { result, rpcError, type Json } from './json-rpc-client.js';
import { buildScenario, type Scenario } from './scenario.js';

let s: Scenario;
let das: RunningServer;
let url: string;

beforeAll(async () => {
  s = await buildScenario();
  das = await startDas(s.world);
  url = das.url;
});

afterAll(async () => {
  await das?.close();
});

const byOwner = (params: Record<string, unknown>) => result(url, 'getAssetsByOwner', params);
const collectorIds = () => [...s.nfts, s.pnft, ...s.compressed.map((c) => c.id)];
const idBytes = (id: string) => Buffer.from(base58.decode(id));

describe('getAssetsByOwner', () => {
  test('NFTs and compressed NFTs of an owner, in the DAS asset shape', async () => {
    const list = await byOwner({ ownerAddress: s.collector, page: 1, limit: 10 });
    expect(list).toMatchObject({ total: 6, limit: 10, page: 1 });
    expect(list.items.map((a: Json) => a.id).sort()).toEqual(collectorIds().sort());

    const nft = list.items.find((a: Json) => a.id === s.nfts[0]);
    expect(nft).toMatchObject({
      interface: 'V1_NFT',
      content: { json_uri: 'https://example.test/ape/1.json', metadata: { name: 'Local Ape #1', symbol: 'LAPE' } },
      compression: { compressed: false, eligible: false, tree: '', leaf_id: 0 },
      ownership: { owner: s.collector, frozen: false, delegated: false, delegate: null, ownership_model: 'single' },
      mutable: true,
      burnt: false,
    });
    expect(nft.token_info).toBeUndefined();

    const pnft = list.items.find((a: Json) => a.id === s.pnft);
    expect(pnft).toMatchObject({ interface: 'ProgrammableNFT', ownership: { frozen: true } });

    const leaf = s.compressed[1]!;
    const cnft = list.items.find((a: Json) => a.id === leaf.id);
    expect(cnft).toMatchObject({
      interface: 'V1_NFT',
      content: { json_uri: leaf.uri, metadata: { name: 'Tiny #2', symbol: 'TINY' } },
      compression: { compressed: true, tree: leaf.tree, leaf_id: 1, seq: 2, data_hash: leaf.dataHash, creator_hash: leaf.creatorHash },
      ownership: { owner: s.collector, ownership_model: 'single' },
    });
  });

  test('without showFungible only NFTs are listed (original DAS behaviour)', async () => {
    expect((await byOwner({ ownerAddress: s.splOwner, page: 1 })).items).toEqual([]);
    expect((await byOwner({ ownerAddress: s.unused, page: 1 })).items).toEqual([]);
  });

  test('showFungible lists token balances with token_info; showZeroBalance adds empty accounts', async () => {
    const t22 = await byOwner({ ownerAddress: s.token2022Owner.address, page: 1, options: { showFungible: true } });
    expect(t22.items).toHaveLength(1);
    const ata = await s.world.associatedTokenAddress(s.token2022Owner.address, s.token2022Mint);
    expect(t22.items[0]).toMatchObject({
      interface: 'FungibleToken',
      id: s.token2022Mint,
      ownership: { owner: s.token2022Owner.address, ownership_model: 'token' },
      token_info: { balance: 1_500_000, decimals: 6, supply: 1_500_000, token_program: TOKEN_2022_PROGRAM, associated_token_address: ata },
    });

    const spl = await byOwner({ ownerAddress: s.splOwner, page: 1, displayOptions: { showFungible: true } });
    expect(spl.items.map((a: Json) => a.id)).toEqual([s.splMint]);
    expect(spl.items[0]).toMatchObject({
      content: { metadata: { name: 'Test Dollar', symbol: 'TUSD' } },
      token_info: { symbol: 'TUSD', balance: 1_234_500_000, decimals: 9, token_program: TOKEN_PROGRAM },
    });
    const withZero = await byOwner({ ownerAddress: s.splOwner, page: 1, options: { showFungible: true, showZeroBalance: true } });
    expect(withZero.items.map((a: Json) => a.id).sort()).toEqual([s.splMint, s.zeroBalanceMint].sort());

    const nfts = await byOwner({ ownerAddress: s.collector, page: 1, options: { showFungible: true } });
    expect(nfts.items).toHaveLength(6);
    expect(nfts.items.find((a: Json) => a.id === s.nfts[1]).token_info).toMatchObject({ balance: 1, supply: 1, decimals: 0 });
  });

  test('showNativeBalance and showGrandTotal', async () => {
    const list = await byOwner({ ownerAddress: s.collector, page: 1, limit: 2, options: { showNativeBalance: true, showGrandTotal: true } });
    expect(list.total).toBe(2);
    expect(list.grand_total).toBe(6);
    expect(list.nativeBalance.lamports).toBe(0);
  });

  test('page paging: total counts this page; pages cover every asset once', async () => {
    const seen: string[] = [];
    const totals: number[] = [];
    for (let page = 1; page <= 4; page++) {
      const list = await byOwner({ ownerAddress: s.collector, page, limit: 2 });
      expect(list).toMatchObject({ limit: 2, page });
      totals.push(list.total);
      seen.push(...list.items.map((a: Json) => a.id));
    }
    expect(totals).toEqual([2, 2, 2, 0]);
    expect(seen.sort()).toEqual(collectorIds().sort());
  });

  test('sortBy: id descending by default, created ascending on request', async () => {
    const byId = await byOwner({ ownerAddress: s.collector, page: 1 });
    const ids: string[] = byId.items.map((a: Json) => a.id);
    expect(ids).toEqual([...ids].sort((a, b) => Buffer.compare(idBytes(b), idBytes(a))));
    const created = await byOwner({ ownerAddress: s.collector, page: 1, sortBy: { sortBy: 'created', sortDirection: 'asc' } });
    expect(created.items.map((a: Json) => a.id)).toEqual(collectorIds());
  });

  test('cursor paging follows ids until an empty page', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let round = 0; round < 10; round++) {
      const list = await byOwner({ ownerAddress: s.collector, limit: 4, ...(cursor ? { cursor } : {}) });
      expect(list.page).toBeUndefined();
      if (list.items.length === 0) break;
      seen.push(...list.items.map((a: Json) => a.id));
      expect(list.cursor).toBe(list.items.at(-1).id);
      cursor = list.cursor;
    }
    expect(seen).toHaveLength(6);
    expect(seen).toEqual([...seen].sort((a, b) => Buffer.compare(idBytes(a), idBytes(b))));
  });

  test('before / after page by id', async () => {
    const ascending: string[] = collectorIds().sort((a, b) => Buffer.compare(idBytes(a), idBytes(b)));
    const after = await byOwner({ ownerAddress: s.collector, after: ascending[1], limit: 10 });
    expect(after.after).toBe(ascending[1]);
    expect(after.items.map((a: Json) => a.id)).toEqual(ascending.slice(2));
    const before = await byOwner({ ownerAddress: s.collector, before: ascending[2], limit: 10 });
    expect(before.items.map((a: Json) => a.id)).toEqual([ascending[1], ascending[0]]);
  });

  test('validation errors follow the Metaplex reference', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ ownerAddress: s.collector, page: 1, limit: 1001 }, 'Pagination Error. Limit should not be greater than 1000.'],
      [{ ownerAddress: s.collector, page: 0 }, 'Pagination Error. No Pagination Method Selected'],
      [{ ownerAddress: s.collector, page: 1, cursor: s.nfts[0] }, 'Pagination Error. Only one pagination parameter supported per query.'],
      [{ ownerAddress: s.collector, after: s.nfts[0], sortBy: { sortBy: 'created' } }, 'Pagination Sorting Error. Only sorting based on id is supported for this pagination option.'],
      [{ ownerAddress: s.collector, sortBy: { sortBy: 'created' } }, 'Pagination Sorting Error. Only sorting based on id is supported for this pagination option.'],
      [{ ownerAddress: 'not-a-key', page: 1 }, 'Pubkey Validation Err: not-a-key is invalid'],
      [{ ownerAddress: s.collector, cursor: '0OIl' }, 'Cursor Validation Err: 0OIl is invalid'],
    ];
    for (const [params, message] of cases) expect(await rpcError(url, 'getAssetsByOwner', params)).toEqual({ code: -32000, message });
    expect(await rpcError(url, 'getAssetsByOwner', { page: 1 })).toEqual({ code: -32602, message: 'Invalid params', data: 'missing field `ownerAddress`' });
    expect(await rpcError(url, 'getAssetsByOwner', { ownerAddress: null, page: 1 })).toEqual({
      code: -32602,
      message: 'Invalid params',
      data: 'invalid type: null, expected a string',
    });
    expect((await rpcError(url, 'getAssetsByOwner', { ownerAddress: s.collector, pageSize: 3 })).data).toMatch(/^unknown field `pageSize`/);
    expect((await rpcError(url, 'getAssetsByOwner', { ownerAddress: s.collector, options: { showEverything: true } })).data).toMatch(
      /^unknown field `showEverything`/,
    );
    expect((await rpcError(url, 'getAssetsByOwner', [s.collector])).code).toBe(-32602);
  });
});

describe('getAsset', () => {
  test('an NFT, a compressed NFT and a fungible mint by id', async () => {
    expect(await result(url, 'getAsset', { id: s.nfts[2] })).toMatchObject({
      interface: 'V1_NFT',
      id: s.nfts[2],
      content: { metadata: { name: 'Local Ape #3' } },
      ownership: { owner: s.collector },
    });
    const leaf = s.compressed[0]!;
    expect(await result(url, 'getAsset', { id: leaf.id })).toMatchObject({ id: leaf.id, compression: { compressed: true, leaf_id: 0 } });
    expect(await result(url, 'getAsset', { id: s.splMint })).toMatchObject({
      interface: 'FungibleToken',
      ownership: { owner: '', ownership_model: 'token' },
      token_info: { supply: 1_234_500_000, decimals: 9, symbol: 'TUSD', token_program: TOKEN_PROGRAM },
    });
  });

  test('unknown and malformed ids', async () => {
    expect(await rpcError(url, 'getAsset', { id: s.unused })).toEqual({
      code: -32000,
      message: 'Database Error: RecordNotFound Error: Asset Not Found',
    });
    expect(await rpcError(url, 'getAsset', { id: 'xyz' })).toEqual({ code: -32000, message: 'Pubkey Validation Err: xyz is invalid' });
    expect(await rpcError(url, 'getAsset', {})).toEqual({ code: -32602, message: 'Invalid params', data: 'missing field `id`' });
  });

  test('ownership follows the chain: a transferred NFT changes owner', async () => {
    const seller = await s.world.signer('seller');
    const buyer: Address = (await s.world.signer('buyer')).address;
    const mint = await s.world.createNft(seller.address, { name: 'Traded', symbol: 'TRD', uri: 'https://example.test/traded.json' });
    expect((await result(url, 'getAsset', { id: mint })).ownership.owner).toBe(seller.address);
    await s.world.transferTokens(mint, seller, buyer, 1n);
    expect((await result(url, 'getAsset', { id: mint })).ownership.owner).toBe(buyer);
    expect((await byOwner({ ownerAddress: seller.address, page: 1 })).items).toEqual([]);
    expect((await byOwner({ ownerAddress: buyer, page: 1 })).items.map((a: Json) => a.id)).toEqual([mint]);
  });
});
