import type { Asset, AssetKind } from '../types.js';
import { parseBaseUnits } from './amount.js';
import { assetDecimals, assetSymbol, assetToken, KIND_ORDER } from './asset-info.js';
import { compareNetworks } from './report-networks.js';

/** One asset summed over every address that holds it (same network, kind, token and ERC-1155 id). */
export interface Holding {
  network: string;
  kind: AssetKind;
  token?: string;
  tokenId?: string;
  symbol?: string;
  name?: string;
  decimals?: number;
  /** Sum of the base-unit amounts: same unit, so summing is meaningful. */
  amount: string;
  addresses: number;
}

/** Sums equal assets across addresses. Different assets are never added up: their units differ. */
export function holdings(assets: readonly Asset[]): Holding[] {
  const groups = new Map<string, { holding: Holding; sum: bigint; addresses: Set<string> }>();
  for (const a of assets) {
    const token = assetToken(a);
    // ERC-1155 ids are separate assets; ERC-721 ids of one collection are counted together.
    const tokenId = a.kind === 'erc1155' ? a.tokenId : undefined;
    const key = [a.network, a.kind, token ?? '', tokenId ?? ''].join('|');
    let group = groups.get(key);
    if (!group) {
      const decimals = assetDecimals(a);
      const symbol = assetSymbol(a);
      group = {
        holding: {
          network: a.network, kind: a.kind, amount: '0', addresses: 0,
          ...(token !== undefined && { token }), ...(tokenId !== undefined && { tokenId }),
          ...(symbol !== undefined && { symbol }), ...(a.name !== undefined && { name: a.name }),
          ...(decimals !== undefined && { decimals }),
        },
        sum: 0n,
        addresses: new Set(),
      };
      groups.set(key, group);
    }
    group.sum += parseBaseUnits(a.amount);
    group.addresses.add(a.address);
  }
  return [...groups.values()]
    .map(({ holding, sum, addresses }) => ({ ...holding, amount: sum.toString(), addresses: addresses.size }))
    .sort((a, b) => compareNetworks(a.network, b.network) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind)
      || (a.symbol ?? '').localeCompare(b.symbol ?? '') || (a.token ?? '').localeCompare(b.token ?? ''));
}
