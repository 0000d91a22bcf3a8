import type { SourceCallOptions } from '../../source.js';
import { isRecord } from '../json.js';
import { collectPages } from './collect-pages.js';
import { addressPath, type BlockscoutContext } from './context.js';
import { blockscoutProtocolError } from './protocol-error.js';
import { parseTokenInfo, type BlockscoutToken } from './token-info.js';

export interface BlockscoutNft {
  token: BlockscoutToken;
  tokenId: bigint;
  value: bigint;
}

const DECIMAL = /^\d+$/;

/**
 * GET /api/v2/addresses/{address_hash}/nft?type=…, every page: token instances held,
 * `{items: [{id, token_type, value, token, …}], next_page_params}`. The token list gives ERC-721 holdings as one
 * count per collection; the ids come from here.
 */
export async function getAddressNfts(
  ctx: BlockscoutContext,
  address: string,
  type: 'ERC-721' | 'ERC-1155',
  options: SourceCallOptions = {},
): Promise<BlockscoutNft[]> {
  return collectPages(ctx, {
    path: addressPath(address, 'nft'),
    query: { type },
    signal: options.signal,
    item: (value) => {
      if (!isRecord(value)) throw blockscoutProtocolError(ctx, 'nft: an item is not an object', value);
      const token = parseTokenInfo(value.token);
      if (token === undefined || token.type !== type) return undefined;
      if (typeof value.id !== 'string' || !DECIMAL.test(value.id))
        throw blockscoutProtocolError(ctx, `nft: id of an item of ${token.contract} is not a decimal id`, value.id);
      const amount = typeof value.value === 'string' && DECIMAL.test(value.value) ? BigInt(value.value) : 1n;
      return { token, tokenId: BigInt(value.id), value: amount };
    },
  });
}
