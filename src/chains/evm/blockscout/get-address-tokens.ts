import type { SourceCallOptions } from '../../source.js';
import { isRecord } from '../json.js';
import { collectPages } from './collect-pages.js';
import { addressPath, type BlockscoutContext } from './context.js';
import { blockscoutProtocolError } from './protocol-error.js';
import { parseTokenInfo, type BlockscoutToken } from './token-info.js';

/** One entry of an address's token list: an ERC-20 balance, an ERC-721 collection count, or an ERC-1155 id balance. */
export interface BlockscoutTokenBalance {
  token: BlockscoutToken;
  value: bigint;
  /** ERC-1155 (and some ERC-721 entries): the token id; null for fungible and collection-level entries. */
  tokenId: bigint | undefined;
}

const DECIMAL = /^\d+$/;

/**
 * GET /api/v2/addresses/{address_hash}/tokens?type=ERC-20,ERC-721,ERC-1155, every page:
 * `{items: [{token, value, token_id, token_instance}], next_page_params}`.
 */
export async function getAddressTokens(
  ctx: BlockscoutContext,
  address: string,
  options: SourceCallOptions = {},
): Promise<BlockscoutTokenBalance[]> {
  return collectPages(ctx, {
    path: addressPath(address, 'tokens'),
    query: { type: 'ERC-20,ERC-721,ERC-1155' },
    signal: options.signal,
    item: (value) => {
      if (!isRecord(value)) throw blockscoutProtocolError(ctx, 'tokens: an item is not an object', value);
      const token = parseTokenInfo(value.token);
      if (token === undefined) return undefined;
      if (typeof value.value !== 'string' || !DECIMAL.test(value.value))
        throw blockscoutProtocolError(ctx, `tokens: value of ${token.contract} is not a decimal amount`, value.value);
      const id = value.token_id;
      if (id !== null && id !== undefined && (typeof id !== 'string' || !DECIMAL.test(id)))
        throw blockscoutProtocolError(ctx, `tokens: token_id of ${token.contract} is not a decimal id`, id);
      return { token, value: BigInt(value.value), tokenId: typeof id === 'string' ? BigInt(id) : undefined };
    },
  });
}
