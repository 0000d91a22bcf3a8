import type { AddressActivity, AddressRef, FoundAsset, SourceCallOptions } from '../../source.js';
import { sortAssets, tokenAsset } from '../assets.js';
import type { BlockscoutContext } from './context.js';
import { getAddressNfts } from './get-address-nfts.js';
import { listTokenTransfers, type BlockscoutTokenTransfer } from './get-address-token-transfers.js';
import { getAddressTokens } from './get-address-tokens.js';
import { idsFromTransfers } from './ids-from-transfers.js';
import { blockscoutProtocolError } from './protocol-error.js';
import { readAddressActivity } from './read-activity.js';
import type { BlockscoutToken } from './token-info.js';

/** A token-list entry without ids: an ERC-721 collection count or (some instances) an ERC-1155 contract total. */
interface Unattributed {
  token: BlockscoutToken;
  value: bigint;
}

/**
 * Token holdings of one address. The token list gives ERC-20 balances and ERC-1155 id balances; ERC-721
 * collections come as counts, whose ids the NFT list gives. Where the NFT list is missing (older instances) or
 * short, and for ERC-1155 totals without ids, the ids come from the transfer history, and are only reported when
 * they add up to the token list's balance: a history that disagrees with the balances is an error, not a guess.
 */
async function tokenAssets(ctx: BlockscoutContext, address: string, options: SourceCallOptions): Promise<FoundAsset[]> {
  const balances = await getAddressTokens(ctx, address, options);
  const assets: FoundAsset[] = [];
  const collections = new Map<string, Unattributed>();
  const multiTotals = new Map<string, Unattributed>();
  for (const { token, value, tokenId } of balances) {
    if (value === 0n) continue;
    switch (token.type) {
      case 'ERC-20':
        assets.push(tokenAsset('erc20', token.contract, value, token));
        break;
      case 'ERC-721':
        if (tokenId === undefined) collections.set(token.contract, { token, value });
        else assets.push(tokenAsset('erc721', token.contract, 1n, token, tokenId));
        break;
      case 'ERC-1155':
        if (tokenId === undefined) multiTotals.set(token.contract, { token, value });
        else assets.push(tokenAsset('erc1155', token.contract, value, token, tokenId));
        break;
    }
  }
  if (collections.size === 0 && multiTotals.size === 0) return assets;

  let history: Promise<BlockscoutTokenTransfer[]> | undefined;
  const transfers = () => (history ??= listTokenTransfers(ctx, address, options));

  if (collections.size > 0) {
    const listed = new Set(assets.filter((a) => a.kind === 'erc721').map((a) => `${a.contract?.toLowerCase()}:${a.tokenId}`));
    const fromNftList = new Map<string, Set<bigint>>();
    for (const nft of await getAddressNfts(ctx, address, 'ERC-721', options))
      fromNftList.set(nft.token.contract, (fromNftList.get(nft.token.contract) ?? new Set()).add(nft.tokenId));
    for (const [contract, { token, value: count }] of collections) {
      const ids = fromNftList.get(contract) ?? new Set<bigint>();
      if (BigInt(ids.size) < count) for (const { tokenId } of idsFromTransfers(await transfers(), address, contract)) ids.add(tokenId);
      if (BigInt(ids.size) !== count)
        throw blockscoutProtocolError(ctx, `${address} holds ${count} of ERC-721 ${contract} by the token list, but the NFT list and transfers name ${ids.size} ids`);
      for (const id of ids) if (!listed.has(`${contract}:${id}`)) assets.push(tokenAsset('erc721', contract, 1n, token, id));
    }
  }

  for (const [contract, { token, value: total }] of multiTotals) {
    const held = idsFromTransfers(await transfers(), address, contract);
    const sum = held.reduce((s, h) => s + h.net, 0n);
    if (sum !== total)
      throw blockscoutProtocolError(ctx, `${address} holds ${total} of ERC-1155 ${contract} by the token list, but its transfers net ${sum}`);
    for (const { tokenId, net } of held) assets.push(tokenAsset('erc1155', contract, net, token, tokenId));
  }
  return assets;
}

/** Full holdings: coin balance and counters as in activity, plus every token and NFT held (all pages). */
export async function readHoldings(
  ctx: BlockscoutContext,
  addresses: readonly AddressRef[],
  options: SourceCallOptions = {},
): Promise<AddressActivity[]> {
  return Promise.all(
    addresses.map(async (ref) => {
      const { address, activity } = await readAddressActivity(ctx, ref, options);
      if (!address.known) return activity;
      const tokens = await tokenAssets(ctx, ref.address, options);
      return { ...activity, used: activity.used || tokens.length > 0, assets: sortAssets([...activity.assets, ...tokens]) };
    }),
  );
}
