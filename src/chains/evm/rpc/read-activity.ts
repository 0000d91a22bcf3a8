import type { AddressActivity, AddressRef, SourceCallOptions } from '../../source.js';
import { nativeAsset } from '../assets.js';
import { hasSightings } from '../sightings.js';
import type { EvmRpcContext } from './context.js';
import { scanWindow, type AddressScan } from './scan-window.js';

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** txCount for EVM: sent transactions (nonce) or, when more, transactions seen moving its tokens (a lower bound). */
export function scanTxCount(scan: AddressScan): number {
  const seen = scan.sightings.txHashes.size; // bigint and number compare exactly: no BigInt made per address
  if (scan.nonce <= seen) return seen;
  return scan.nonce > MAX_SAFE ? Number.MAX_SAFE_INTEGER : Number(scan.nonce);
}

/** The activity rule (DESIGN): used when it sent anything, holds the native coin, or any token moved to or from it. */
export function isUsedScan(scan: AddressScan): boolean {
  return scan.nonce > 0n || scan.balance > 0n || hasSightings(scan.sightings);
}

/**
 * Activity of a window of addresses, in input order: eth_getTransactionCount, native balance and Transfer logs
 * (ERC-20/721/1155, both directions), all in one JSON-RPC batch (see scanWindow).
 */
export async function readActivity(
  ctx: EvmRpcContext,
  addresses: readonly AddressRef[],
  options: SourceCallOptions = {},
): Promise<AddressActivity[]> {
  const scans = await scanWindow(ctx, { addresses: addresses.map((a) => a.address), signal: options.signal });
  return scans.map((scan, i) => ({
    address: (addresses[i] as AddressRef).address,
    used: isUsedScan(scan),
    txCount: scanTxCount(scan),
    assets: scan.balance > 0n ? [nativeAsset(ctx.network, scan.balance)] : [],
  }));
}
