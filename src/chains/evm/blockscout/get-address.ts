import type { SourceCallOptions } from '../../source.js';
import { decimalAmount } from '../hex.js';
import { isRecord } from '../json.js';
import { addressPath, type BlockscoutContext } from './context.js';
import { getJson, NOT_FOUND } from './get-json.js';
import { blockscoutProtocolError } from './protocol-error.js';

/** What `/api/v2/addresses/{hash}` tells about activity. */
export interface BlockscoutAddress {
  /** False when the instance has never seen the address (404 in Blockscout ≤ v8; v9+ answers 200 with a stub). */
  known: boolean;
  coinBalance: bigint;
  /** Any of has_tokens, has_token_transfers, has_logs, has_validated_blocks, has_beacon_chain_withdrawals. */
  hasActivityFlag: boolean;
}

const ACTIVITY_FLAGS = Object.freeze([
  'has_tokens', 'has_token_transfers', 'has_logs', 'has_validated_blocks', 'has_beacon_chain_withdrawals',
]);

/** GET /api/v2/addresses/{address_hash}: coin balance and the has_* flags. 404 means unknown, hence unused. */
export async function getAddress(ctx: BlockscoutContext, address: string, options: SourceCallOptions = {}): Promise<BlockscoutAddress> {
  const json = await getJson(ctx, addressPath(address), {}, options.signal);
  if (json === NOT_FOUND) return { known: false, coinBalance: 0n, hasActivityFlag: false };
  if (!isRecord(json) || typeof json.hash !== 'string')
    throw blockscoutProtocolError(ctx, `address ${address}: the answer is not an address object`, json);
  // A proxy or cache mixing answers up must not pass for the address asked about.
  if (json.hash.toLowerCase() !== address.toLowerCase())
    throw blockscoutProtocolError(ctx, `asked about ${address}, got an answer about ${json.hash}`);
  let coinBalance = 0n;
  if (json.coin_balance !== null && json.coin_balance !== undefined) {
    try {
      coinBalance = decimalAmount(json.coin_balance, 'coin_balance');
    } catch {
      throw blockscoutProtocolError(ctx, `address ${address}: coin_balance is not a decimal amount`, json.coin_balance);
    }
  }
  const hasActivityFlag = ACTIVITY_FLAGS.some((flag) => json[flag] === true);
  return { known: true, coinBalance, hasActivityFlag };
}
