import type { AddressActivity, AddressRef, SourceCallOptions } from '../../source.js';
import { nativeAsset } from '../assets.js';
import type { EtherscanContext } from './context.js';
import { getBalances } from './get-balances.js';
import { listRecords, type RecordAction } from './list-records.js';
import { distinctHashes } from './records.js';

/** Transactions read to count an address's history in activity (a lower bound past this). */
export const ACTIVITY_TX_LIMIT = 100;
const TOKEN_ACTIONS: readonly RecordAction[] = Object.freeze(['tokentx', 'tokennfttx', 'token1155tx']);

/**
 * Activity of a window: balancemulti (20 addresses a request), then per address txlist; only addresses with
 * neither balance nor transactions are asked for token transfers (ERC-20, ERC-721, ERC-1155), one record each.
 * "No transactions found" is an empty history, not an error.
 */
export async function readActivity(
  ctx: EtherscanContext,
  addresses: readonly AddressRef[],
  options: SourceCallOptions = {},
): Promise<AddressActivity[]> {
  const { signal } = options;
  const balances = await getBalances(ctx, addresses.map((a) => a.address), options);
  return Promise.all(
    addresses.map(async (ref, i): Promise<AddressActivity> => {
      const balance = balances[i] as bigint;
      const assets = balance > 0n ? [nativeAsset(ctx.network, balance)] : [];
      const txs = await listRecords(ctx, { action: 'txlist', address: ref.address, limit: ACTIVITY_TX_LIMIT, signal });
      if (txs.length > 0 || balance > 0n)
        return { address: ref.address, used: true, txCount: distinctHashes(txs).size, assets };
      const transfers = await Promise.all(
        TOKEN_ACTIONS.map((action) => listRecords(ctx, { action, address: ref.address, limit: 1, signal })),
      );
      const hashes = distinctHashes(transfers.flat());
      return { address: ref.address, used: transfers.some((list) => list.length > 0), txCount: hashes.size, assets };
    }),
  );
}
