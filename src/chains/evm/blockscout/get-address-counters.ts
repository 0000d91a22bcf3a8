import type { SourceCallOptions } from '../../source.js';
import { decimalAmount } from '../hex.js';
import { isRecord } from '../json.js';
import { addressPath, type BlockscoutContext } from './context.js';
import { getJson, NOT_FOUND } from './get-json.js';
import { blockscoutProtocolError } from './protocol-error.js';

export interface BlockscoutCounters {
  transactions: number;
  tokenTransfers: number;
}

function count(ctx: BlockscoutContext, value: unknown, what: string): number {
  if (value === null || value === undefined) return 0; // counters not computed yet on a busy instance
  try {
    const n = decimalAmount(value, what);
    return n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n);
  } catch {
    throw blockscoutProtocolError(ctx, `counters: ${what} is not a count`, value);
  }
}

/** GET /api/v2/addresses/{address_hash}/counters: transactions_count and token_transfers_count (decimal strings). */
export async function getAddressCounters(
  ctx: BlockscoutContext,
  address: string,
  options: SourceCallOptions = {},
): Promise<BlockscoutCounters> {
  const json = await getJson(ctx, addressPath(address, 'counters'), {}, options.signal);
  if (json === NOT_FOUND) return { transactions: 0, tokenTransfers: 0 };
  if (!isRecord(json)) throw blockscoutProtocolError(ctx, `counters of ${address}: not an object`, json);
  return {
    transactions: count(ctx, json.transactions_count, 'transactions_count'),
    tokenTransfers: count(ctx, json.token_transfers_count, 'token_transfers_count'),
  };
}
