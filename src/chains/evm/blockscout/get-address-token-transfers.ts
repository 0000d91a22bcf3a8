import type { SourceCallOptions } from '../../source.js';
import { isEvmAddress } from '../hex.js';
import { isRecord } from '../json.js';
import { collectPages } from './collect-pages.js';
import { addressPath, type BlockscoutContext } from './context.js';
import { blockscoutProtocolError } from './protocol-error.js';
import { parseTokenInfo, type BlockscoutToken } from './token-info.js';

/** One token movement as the address's transfer list gives it (an ERC-1155 batch is one entry per id). */
export interface BlockscoutTokenTransfer {
  /** Lower-case. */
  transactionHash: string;
  blockNumber: number;
  logIndex: number;
  /** Lower-case. */
  from: string;
  /** Lower-case. */
  to: string;
  token: BlockscoutToken;
  /** ERC-721 and ERC-1155; undefined for ERC-20. */
  tokenId: bigint | undefined;
  /** ERC-20 and ERC-1155 amount; 1 for ERC-721. */
  value: bigint;
  /** ISO time of the block, when given. */
  timestamp: string | undefined;
  /** `token_transfer`, `token_minting`, `token_burning`, … when given. */
  kind: string | undefined;
}

export type TransferDirection = 'to' | 'from';

export interface ListTokenTransfersOptions extends SourceCallOptions {
  /** Only transfers into (`to`) or out of (`from`) the address; both when absent. */
  filter?: TransferDirection;
}

const DECIMAL = /^\d+$/;
const TX_HASH = /^0x[0-9a-fA-F]{64}$/;

function partyHash(value: unknown): string | undefined {
  if (!isRecord(value) || typeof value.hash !== 'string' || !isEvmAddress(value.hash)) return undefined;
  return value.hash.toLowerCase();
}

function decimal(value: unknown): bigint | undefined {
  if (typeof value === 'string' && DECIMAL.test(value)) return BigInt(value);
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  return undefined;
}

/** Narrows one list item; several transfers when `total` is a list (batches before Blockscout split them). */
function parseTransfer(ctx: BlockscoutContext, value: unknown): BlockscoutTokenTransfer[] | undefined {
  if (!isRecord(value)) throw blockscoutProtocolError(ctx, 'token-transfers: an item is not an object', value);
  const token = parseTokenInfo(value.token);
  if (token === undefined) return undefined; // a token type this client does not report
  const where = `token-transfers: an item of ${token.contract}`;
  const hash = value.transaction_hash;
  if (typeof hash !== 'string' || !TX_HASH.test(hash)) throw blockscoutProtocolError(ctx, `${where} has no transaction_hash`, hash);
  const { block_number: blockNumber, log_index: logIndex } = value;
  if (typeof blockNumber !== 'number' || !Number.isSafeInteger(blockNumber) || typeof logIndex !== 'number' || !Number.isSafeInteger(logIndex))
    throw blockscoutProtocolError(ctx, `${where} (${hash}) has no integer block_number / log_index`, { blockNumber, logIndex });
  const from = partyHash(value.from);
  const to = partyHash(value.to);
  if (from === undefined || to === undefined) throw blockscoutProtocolError(ctx, `${where} (${hash}) lacks from.hash or to.hash`, value);
  const base = {
    transactionHash: hash.toLowerCase(),
    blockNumber,
    logIndex,
    from,
    to,
    token,
    timestamp: typeof value.timestamp === 'string' ? value.timestamp : undefined,
    kind: typeof value.type === 'string' ? value.type : undefined,
  };
  const totals = Array.isArray(value.total) ? value.total : [value.total];
  return totals.map((total): BlockscoutTokenTransfer => {
    if (!isRecord(total)) throw blockscoutProtocolError(ctx, `${where} (${hash}) has no total`, total);
    const tokenId = decimal(total.token_id);
    const amount = decimal(total.value);
    switch (token.type) {
      case 'ERC-20':
        if (amount === undefined) throw blockscoutProtocolError(ctx, `${where} (${hash}): total.value is not a decimal amount`, total);
        return { ...base, tokenId: undefined, value: amount };
      case 'ERC-721':
        if (tokenId === undefined) throw blockscoutProtocolError(ctx, `${where} (${hash}): total.token_id is not a decimal id`, total);
        return { ...base, tokenId, value: 1n };
      case 'ERC-1155':
        if (tokenId === undefined || amount === undefined)
          throw blockscoutProtocolError(ctx, `${where} (${hash}): total needs a decimal token_id and value`, total);
        return { ...base, tokenId, value: amount };
    }
  });
}

/**
 * GET /api/v2/addresses/{address_hash}/token-transfers?type=ERC-20,ERC-721,ERC-1155[&filter=to|from], every page
 * (newest first, as the instance orders them): `{items: [{transaction_hash, block_number, log_index, from, to,
 * token, total, type, timestamp, …}], next_page_params}`. An address the instance does not know has none.
 */
export async function listTokenTransfers(
  ctx: BlockscoutContext,
  address: string,
  options: ListTokenTransfersOptions = {},
): Promise<BlockscoutTokenTransfer[]> {
  const pages = await collectPages(ctx, {
    path: addressPath(address, 'token-transfers'),
    query: { type: 'ERC-20,ERC-721,ERC-1155', ...(options.filter !== undefined && { filter: options.filter }) },
    signal: options.signal,
    item: (value) => parseTransfer(ctx, value),
  });
  return pages.flat();
}
