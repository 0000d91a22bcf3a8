import type { AddressActivity, AddressRef, FoundAsset, SourceCallOptions } from '../../source.js';
import { nativeAsset, sortAssets, tokenAsset, type TokenFacts } from '../assets.js';
import { lowerAddress } from '../hex.js';
import type { EtherscanContext } from './context.js';
import { getBalances } from './get-balances.js';
import { getTokenBalance } from './get-token-balance.js';
import { listRecords } from './list-records.js';
import { ACTIVITY_TX_LIMIT } from './read-activity.js';
import { distinctHashes, transferRecord, type TransferRecord } from './records.js';

/** Net amount per (contract, token id) from the transfers touching `owner`: in minus out. */
function netById(owner: string, transfers: readonly TransferRecord[]): Map<string, { contract: string; tokenId: bigint; net: bigint; facts: TokenFacts }> {
  const net = new Map<string, { contract: string; tokenId: bigint; net: bigint; facts: TokenFacts }>();
  for (const t of transfers) {
    if (t.tokenId === undefined) continue;
    const key = `${t.contract}:${t.tokenId}`;
    const entry = net.get(key) ?? { contract: t.contract, tokenId: t.tokenId, net: 0n, facts: t.facts };
    if (t.to === owner) entry.net += t.amount;
    if (t.from === owner) entry.net -= t.amount;
    entry.facts = t.facts; // the newest record's names win
    net.set(key, entry);
  }
  return net;
}

/**
 * Full holdings of one address: native balance; ERC-20 balances by tokenbalance for every contract in its tokentx
 * history (names and decimals from the records); ERC-721 and ERC-1155 holdings as the net of their transfer
 * records (the free API has no NFT balance call): in minus out per token id, zero dropped.
 */
async function holdingsOf(ctx: EtherscanContext, ref: AddressRef, balance: bigint, options: SourceCallOptions): Promise<AddressActivity> {
  const { signal } = options;
  const owner = lowerAddress(ref.address);
  const [txs, erc20Records, erc721Records, erc1155Records] = await Promise.all([
    listRecords(ctx, { action: 'txlist', address: ref.address, limit: ACTIVITY_TX_LIMIT, signal }),
    listRecords(ctx, { action: 'tokentx', address: ref.address, signal }),
    listRecords(ctx, { action: 'tokennfttx', address: ref.address, signal }),
    listRecords(ctx, { action: 'token1155tx', address: ref.address, signal }),
  ]);
  const assets: FoundAsset[] = balance > 0n ? [nativeAsset(ctx.network, balance)] : [];

  const erc20Facts = new Map<string, TokenFacts>();
  for (const record of erc20Records) {
    const t = transferRecord(ctx, record, 'erc20');
    erc20Facts.set(t.contract, t.facts);
  }
  const erc20Balances = await Promise.all(
    [...erc20Facts.keys()].map(async (contract) => [contract, await getTokenBalance(ctx, contract, ref.address, options)] as const),
  );
  for (const [contract, amount] of erc20Balances)
    if (amount > 0n) assets.push(tokenAsset('erc20', contract, amount, erc20Facts.get(contract) ?? {}));

  const nfts = erc721Records.map((r) => transferRecord(ctx, r, 'erc721'));
  for (const entry of netById(owner, nfts).values())
    if (entry.net > 0n) assets.push(tokenAsset('erc721', entry.contract, 1n, entry.facts, entry.tokenId));
  const multi = erc1155Records.map((r) => transferRecord(ctx, r, 'erc1155'));
  for (const entry of netById(owner, multi).values())
    if (entry.net > 0n) assets.push(tokenAsset('erc1155', entry.contract, entry.net, entry.facts, entry.tokenId));

  const hashes = distinctHashes([...txs, ...erc20Records, ...erc721Records, ...erc1155Records]);
  const used = balance > 0n || hashes.size > 0;
  return { address: ref.address, used, txCount: hashes.size, assets: sortAssets(assets) };
}

export async function readHoldings(
  ctx: EtherscanContext,
  addresses: readonly AddressRef[],
  options: SourceCallOptions = {},
): Promise<AddressActivity[]> {
  const balances = await getBalances(ctx, addresses.map((a) => a.address), options);
  return Promise.all(addresses.map((ref, i) => holdingsOf(ctx, ref, balances[i] as bigint, options)));
}
