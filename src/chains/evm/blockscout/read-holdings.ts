import type { AddressActivity, AddressRef, FoundAsset, SourceCallOptions } from '../../source.js';
import { sortAssets, tokenAsset } from '../assets.js';
import type { BlockscoutContext } from './context.js';
import { getAddressNfts } from './get-address-nfts.js';
import { getAddressTokens } from './get-address-tokens.js';
import { readAddressActivity } from './read-activity.js';

/** Token holdings of one address: the token list, and for ERC-721 collections listed without ids, the NFT list. */
async function tokenAssets(ctx: BlockscoutContext, address: string, options: SourceCallOptions): Promise<FoundAsset[]> {
  const balances = await getAddressTokens(ctx, address, options);
  const assets: FoundAsset[] = [];
  let needNftIds = false;
  for (const { token, value, tokenId } of balances) {
    if (value === 0n) continue;
    switch (token.type) {
      case 'ERC-20':
        assets.push(tokenAsset('erc20', token.contract, value, token));
        break;
      case 'ERC-721':
        if (tokenId === undefined) needNftIds = true;
        else assets.push(tokenAsset('erc721', token.contract, 1n, token, tokenId));
        break;
      case 'ERC-1155':
        // An ERC-1155 balance without an id would be a count we cannot attribute: never the case in v2.
        if (tokenId !== undefined) assets.push(tokenAsset('erc1155', token.contract, value, token, tokenId));
        break;
    }
  }
  if (needNftIds) {
    const listed = new Set(assets.filter((a) => a.kind === 'erc721').map((a) => `${a.contract?.toLowerCase()}:${a.tokenId}`));
    for (const nft of await getAddressNfts(ctx, address, 'ERC-721', options)) {
      const key = `${nft.token.contract}:${nft.tokenId}`;
      if (!listed.has(key)) assets.push(tokenAsset('erc721', nft.token.contract, 1n, nft.token, nft.tokenId));
    }
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
