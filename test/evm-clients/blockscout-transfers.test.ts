/**
 * Blockscout v2 token-transfer history on a real anvil chain: one address with more than two pages of transfers
 * (small ERC-20 mints and sends, ERC-721 in and out, an ERC-1155 batch in and partly out). The client must get
 * every transfer exactly once, newest first, honour filter=to|from, and give the same holdings whether the
 * instance has an NFT list or the ids come from the transfer history.
 */
import { getAddress, keccak256, toHex, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBlockscoutSource, type BlockscoutSource } from '../../src/chains/evm/blockscout/client.js';
import type { BlockscoutTokenTransfer } from '../../src/chains/evm/blockscout/get-address-token-transfers.js';
import { startAnvilNetworks, type AnvilNetworks } from '../../src/devnet/evm/anvil.js';
import { DEFAULT_TOKENS, deployTokens, fund, mint1155Batch, mintErc20, mintNft, transferOut, type TokenContracts, type TxResult } from '../../src/devnet/evm/world.js';
import { startBlockscout, type BlockscoutServer } from '../../src/devnet/evm-indexers/blockscout-server.js';
import { bareDevnet, normalize, type Expected } from './scenario.js';
import { FAST_RETRIES } from './sources.js';

const PAGE_SIZE = 3;
const ZERO = '0x0000000000000000000000000000000000000000';
const key = (label: string): Hex => keccak256(toHex(`restore-scan blockscout-transfers ${label}`));

/** A transfer as the scenario made it: what the client must report, in comparable form. */
interface Made {
  tx: string;
  contract: string;
  from: string;
  to: string;
  tokenId: string | undefined;
  value: string;
}

const comparable = (t: BlockscoutTokenTransfer): Made => ({
  tx: t.transactionHash, contract: t.token.contract, from: t.from, to: t.to, tokenId: t.tokenId?.toString(), value: t.value.toString(),
});

let nets: AnvilNetworks;
let tokens: TokenContracts;
let holder: Address;
let sink: Address;
let unused: Address;
/** Oldest first, a batch's ids in batch order. */
const made: Made[] = [];
/** Native coin the holder keeps: what it was funded minus its own fees. */
let holderNative = 0n;
let withNfts: BlockscoutServer;
let withoutNfts: BlockscoutServer;

const source = (server: BlockscoutServer): BlockscoutSource =>
  createBlockscoutSource({ network: bareDevnet, config: { type: 'blockscout', url: server.url }, transport: FAST_RETRIES });

beforeAll(async () => {
  nets = await startAnvilNetworks([{ name: 'transfers', chainId: bareDevnet.chainId }]);
  const node = nets.get('transfers');
  tokens = await deployTokens(node);
  holder = privateKeyToAccount(key('holder')).address;
  sink = privateKeyToAccount(key('sink')).address;
  unused = privateKeyToAccount(key('unused')).address;
  const h = holder.toLowerCase();
  const s = sink.toLowerCase();
  const c = { erc20: tokens.erc20.toLowerCase(), erc721: tokens.erc721.toLowerCase(), erc1155: tokens.erc1155.toLowerCase() };
  const record = (r: TxResult, entries: Omit<Made, 'tx'>[]) => made.push(...entries.map((e) => ({ tx: r.hash.toLowerCase(), ...e })));
  const out = async (asset: Parameters<typeof transferOut>[1]['asset']) => {
    const r = await transferOut(node, { privateKey: key('holder'), to: sink, asset });
    holderNative -= r.fee;
    return r;
  };

  await fund(node, holder, 10n ** 18n);
  holderNative = 10n ** 18n;
  for (let i = 1n; i <= 8n; i++)
    record(await mintErc20(node, tokens.erc20, holder, i), [{ contract: c.erc20, from: ZERO, to: h, tokenId: undefined, value: i.toString() }]);
  record(await out({ kind: 'erc20', token: tokens.erc20, amount: 5n }), [{ contract: c.erc20, from: h, to: s, tokenId: undefined, value: '5' }]);
  record(await mintNft(node, tokens.erc721, holder, 3n), [{ contract: c.erc721, from: ZERO, to: h, tokenId: '3', value: '1' }]);
  record(await mintNft(node, tokens.erc721, holder, 4n), [{ contract: c.erc721, from: ZERO, to: h, tokenId: '4', value: '1' }]);
  record(await out({ kind: 'erc721', token: tokens.erc721, tokenId: 4n }), [{ contract: c.erc721, from: h, to: s, tokenId: '4', value: '1' }]);
  record(await mint1155Batch(node, tokens.erc1155, holder, [1n, 2n, 3n], [5n, 6n, 7n]), [
    { contract: c.erc1155, from: ZERO, to: h, tokenId: '1', value: '5' },
    { contract: c.erc1155, from: ZERO, to: h, tokenId: '2', value: '6' },
    { contract: c.erc1155, from: ZERO, to: h, tokenId: '3', value: '7' },
  ]);
  record(await out({ kind: 'erc1155-batch', token: tokens.erc1155, ids: [2n, 3n], amounts: [6n, 2n] }), [
    { contract: c.erc1155, from: h, to: s, tokenId: '2', value: '6' },
    { contract: c.erc1155, from: h, to: s, tokenId: '3', value: '2' },
  ]);
  record(await mintErc20(node, tokens.erc20, holder, 9n), [{ contract: c.erc20, from: ZERO, to: h, tokenId: undefined, value: '9' }]);

  [withNfts, withoutNfts] = await Promise.all([
    startBlockscout(node, { pageSize: PAGE_SIZE }),
    startBlockscout(node, { pageSize: PAGE_SIZE, nftList: false }),
  ]);
});

afterAll(async () => {
  await Promise.all([withNfts?.close(), withoutNfts?.close()]);
  await nets?.stop();
});

/** Newest first: later transactions first, a batch's ids in batch order. */
function newestFirst(list: readonly Made[]): Made[] {
  const txOrder = [...new Set(list.map((m) => m.tx))].reverse();
  return txOrder.flatMap((tx) => list.filter((m) => m.tx === tx));
}

describe('token-transfers', () => {
  it('every transfer exactly once, newest first, over more than two pages with next_page_params passed back', async () => {
    expect(made.length).toBeGreaterThan(2 * PAGE_SIZE);
    const before = withNfts.log.length;
    const transfers = await source(withNfts).tokenTransfers(holder);
    expect(transfers.map(comparable)).toEqual(newestFirst(made));
    const asked = withNfts.log.slice(before);
    expect(asked).toHaveLength(Math.ceil(made.length / PAGE_SIZE));
    expect(asked.every((r) => r.status === 200 && r.url.includes('/token-transfers?'))).toBe(true);
    expect(asked.filter((r) => /block_number=\d+/.test(r.url) && /items_count=\d+/.test(r.url))).toHaveLength(asked.length - 1);
    // Paging through the middle of the batch carries the batch cursor.
    expect(asked.some((r) => r.url.includes('index_in_batch='))).toBe(true);
    // Items carry what a report needs.
    const batchEntry = transfers.find((t) => t.token.type === 'ERC-1155');
    expect(batchEntry).toMatchObject({ token: { contract: tokens.erc1155.toLowerCase() }, kind: 'token_transfer' });
    expect(transfers.every((t) => t.blockNumber > 0 && typeof t.timestamp === 'string' && !Number.isNaN(Date.parse(t.timestamp)))).toBe(true);
    expect(transfers.find((t) => t.token.type === 'ERC-20')?.token).toMatchObject({ decimals: DEFAULT_TOKENS.erc20.decimals });
  });

  it('filter=to and filter=from list only transfers into / out of the address', async () => {
    const h = holder.toLowerCase();
    const scout = source(withNfts);
    const into = await scout.tokenTransfers(holder, { filter: 'to' });
    const outOf = await scout.tokenTransfers(holder, { filter: 'from' });
    expect(into.map(comparable)).toEqual(newestFirst(made.filter((m) => m.to === h)));
    expect(outOf.map(comparable)).toEqual(newestFirst(made.filter((m) => m.from === h)));
    expect(outOf.length).toBeGreaterThan(0);
    expect(into.length + outOf.length).toBe(made.length);
  });

  it('an address the instance does not know has no transfers (404, one request)', async () => {
    const before = withNfts.log.length;
    expect(await source(withNfts).tokenTransfers(unused)).toEqual([]);
    expect(withNfts.log.slice(before).map((r) => r.status)).toEqual([404]);
  });

  it('the server refuses a cursor not passed back verbatim and an unknown filter', async () => {
    const base = `${withNfts.url}/api/v2/addresses/${holder}/token-transfers`;
    expect((await fetch(`${base}?block_number=1&index=0&items_count=0`)).status).toBe(422);
    expect((await fetch(`${base}?filter=sideways`)).status).toBe(422);
  });
});

describe('holdings', () => {
  it('are the same with the NFT list and, without it, with ids from the transfer history (no zero holdings)', async () => {
    const c = (a: Address) => getAddress(a);
    const { erc20, erc721 } = DEFAULT_TOKENS;
    const expected: Expected = {
      used: true,
      assets: [
        { kind: 'native', amount: holderNative.toString(), decimals: bareDevnet.decimals, symbol: bareDevnet.symbol },
        { kind: 'erc20', amount: String(36n - 5n + 9n), contract: c(tokens.erc20), decimals: erc20.decimals, symbol: erc20.symbol, name: erc20.name },
        { kind: 'erc721', amount: '1', contract: c(tokens.erc721), tokenId: '3', symbol: erc721.symbol, name: erc721.name },
        { kind: 'erc1155', amount: '5', contract: c(tokens.erc1155), tokenId: '1' },
        { kind: 'erc1155', amount: '5', contract: c(tokens.erc1155), tokenId: '3' },
      ],
    };
    const beforeWith = withNfts.log.length;
    const [a] = await source(withNfts).holdings([{ address: holder }]);
    const beforeWithout = withoutNfts.log.length;
    const [b] = await source(withoutNfts).holdings([{ address: holder }]);
    if (a === undefined || b === undefined) throw new Error('no answer');
    expect(normalize(a)).toEqual(expected);
    expect(normalize(b)).toEqual(expected);
    expect(b.assets.every((x) => x.amount > 0n)).toBe(true);
    // With /nft, the history was not needed; without it (404 there), the ids came from the transfer history.
    expect(withNfts.log.slice(beforeWith).some((r) => r.url.includes('/token-transfers?'))).toBe(false);
    const asked = withoutNfts.log.slice(beforeWithout);
    expect(asked.some((r) => r.url.includes('/nft?') && r.status === 404)).toBe(true);
    expect(asked.filter((r) => r.url.includes('/token-transfers?'))).toHaveLength(Math.ceil(made.length / PAGE_SIZE));
  });
});
