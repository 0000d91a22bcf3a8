/**
 * `solana-das`: a ChainSource over a Metaplex DAS indexer (Helius, QuickNode, Triton…): `getAssetsByOwner` with
 * page-based paging. DAS has no transaction history, so it calls an address used only when it lists something for
 * it (with `showZeroBalance`, an empty token account too); `txCount` is always 0. It is the only source of
 * compressed NFTs. Combine with `solana-rpc` answers through `mergeSolanaActivity`.
 */
import { RestoreScanError } from '../../errors.js';
import type { AddressActivity, AddressRef, ChainSource, FoundAsset, SourceCallOptions } from '../source.js';
import { dasItem } from './das-assets.js';
import { openSolanaEndpoint, type SolanaEndpointOptions } from './endpoint.js';
import { isRecord, malformed } from './json.js';

export interface SolanaDasSourceOptions extends SolanaEndpointOptions {
  /** Items per page (DAS allows ≤ 1000; default 1000). */
  readonly pageLimit?: number;
  /** Pages per owner before giving up with an error (default 100). */
  readonly maxPages?: number;
}

export const SOLANA_DAS_DEFAULTS = Object.freeze({ pageLimit: 1000, maxPages: 100 });
const DAS_MAX_LIMIT = 1000;
/** Helius' fungible extension; the reference implementation accepts both flags too. */
const DISPLAY_OPTIONS = Object.freeze({ showFungible: true, showZeroBalance: true });

interface OwnerListing {
  readonly ids: Set<string>;
  readonly assets: FoundAsset[];
}

export function createSolanaDasSource(options: SolanaDasSourceOptions): ChainSource {
  const endpoint = openSolanaEndpoint(options, 'solana-das');
  const pageLimit = options.pageLimit ?? SOLANA_DAS_DEFAULTS.pageLimit;
  const maxPages = options.maxPages ?? SOLANA_DAS_DEFAULTS.maxPages;
  if (!Number.isInteger(pageLimit) || pageLimit < 1 || pageLimit > DAS_MAX_LIMIT)
    throw new RangeError(`pageLimit must be an integer within 1..${DAS_MAX_LIMIT}, got ${pageLimit}`);
  if (!Number.isInteger(maxPages) || maxPages < 1) throw new RangeError(`maxPages must be an integer ≥ 1, got ${maxPages}`);

  /**
   * Every owner's listing, page by page in rounds (one batch per round). `total` counts only the items of the
   * page in the reference implementation, so a page shorter than `limit` is the only reliable end.
   */
  async function listAll(owners: readonly string[], signal?: AbortSignal): Promise<OwnerListing[]> {
    const listings: OwnerListing[] = owners.map(() => ({ ids: new Set<string>(), assets: [] }));
    let pending = owners.map((_, i) => i);
    for (let page = 1; pending.length > 0; page++) {
      if (page > maxPages)
        throw new RestoreScanError('PROTOCOL', `getAssetsByOwner: more than ${maxPages} pages of ${pageLimit} assets for one owner (${endpoint.endpoint})`, {
          hint: 'Raise maxPages for this solana-das indexer.',
        });
      const calls = pending.map((i) => ({
        method: 'getAssetsByOwner',
        params: { ownerAddress: owners[i], page, limit: pageLimit, options: DISPLAY_OPTIONS },
      }));
      const results = await endpoint.rpc.batch(calls, { signal });
      const next: number[] = [];
      results.forEach((result, j) => {
        const i = pending[j] as number;
        const items = isRecord(result) ? result.items : undefined;
        if (!Array.isArray(items) || items.length > pageLimit) throw malformed(endpoint, 'getAssetsByOwner', result);
        const listing = listings[i] as OwnerListing;
        for (const raw of items) {
          const item = dasItem(endpoint, raw);
          // Pages may overlap when the owner's assets change between requests.
          if (item === undefined || listing.ids.has(item.id)) continue;
          listing.ids.add(item.id);
          if (item.asset !== undefined) listing.assets.push(item.asset);
        }
        if (items.length === pageLimit) next.push(i);
      });
      pending = next;
    }
    return listings;
  }

  async function answer(addresses: readonly AddressRef[], signal?: AbortSignal): Promise<AddressActivity[]> {
    if (addresses.length === 0) return [];
    const owners = addresses.map((a) => a.address);
    const listings = await listAll(owners, signal);
    return owners.map((address, i) => {
      const listing = listings[i] as OwnerListing;
      return { address, used: listing.ids.size > 0, txCount: 0, assets: listing.assets };
    });
  }

  return Object.freeze({
    id: endpoint.id,
    type: 'solana-das',
    family: 'solana',
    network: endpoint.network,
    requests: () => endpoint.transport.stats.requests,
    activity: (addresses: readonly AddressRef[], callOptions: SourceCallOptions = {}) => answer(addresses, callOptions.signal),
    // DAS answers with everything at once: activity is already the full holdings.
    holdings: (addresses: readonly AddressRef[], callOptions: SourceCallOptions = {}) => answer(addresses, callOptions.signal),
    activityIsHoldings: true,
  });
}
