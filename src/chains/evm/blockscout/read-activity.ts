import type { AddressActivity, AddressRef, SourceCallOptions } from '../../source.js';
import { nativeAsset } from '../assets.js';
import type { BlockscoutContext } from './context.js';
import { getAddressCounters } from './get-address-counters.js';
import { getAddress, type BlockscoutAddress } from './get-address.js';

export interface BlockscoutActivity {
  activity: AddressActivity;
  address: BlockscoutAddress;
}

/**
 * One address: /addresses/{hash} (unknown → unused, one request), then /counters for the transaction count.
 * Used = coin balance, any has_* flag, any transaction or token transfer.
 */
export async function readAddressActivity(
  ctx: BlockscoutContext,
  ref: AddressRef,
  options: SourceCallOptions = {},
): Promise<BlockscoutActivity> {
  const address = await getAddress(ctx, ref.address, options);
  if (!address.known) return { address, activity: { address: ref.address, used: false, txCount: 0, assets: [] } };
  const counters = await getAddressCounters(ctx, ref.address, options);
  const used = address.coinBalance > 0n || address.hasActivityFlag || counters.transactions > 0 || counters.tokenTransfers > 0;
  // Token-only addresses have transfers but no transactions of their own: count at least one.
  const txCount = Math.max(counters.transactions, counters.tokenTransfers > 0 ? 1 : 0);
  const assets = address.coinBalance > 0n ? [nativeAsset(ctx.network, address.coinBalance)] : [];
  return { address, activity: { address: ref.address, used, txCount, assets } };
}

/** Activity of a window, in input order; addresses asked in parallel (the transport caps concurrency and rate). */
export async function readActivity(
  ctx: BlockscoutContext,
  addresses: readonly AddressRef[],
  options: SourceCallOptions = {},
): Promise<AddressActivity[]> {
  const answers = await Promise.all(addresses.map((ref) => readAddressActivity(ctx, ref, options)));
  return answers.map((a) => a.activity);
}
