import { getNetwork } from '../../chains/networks.js';
import type { Asset, AssetKind } from '../types.js';
import { formatBaseUnits } from './amount.js';
import { compareNetworks } from './report-networks.js';

/** Kinds whose amount is a count of tokens (no decimals): NFTs and ERC-1155 balances. */
const COUNTED_KINDS: ReadonlySet<AssetKind> = new Set(['erc721', 'erc1155', 'nft']);

/** Display order and labels of asset kinds. */
export const KIND_LABELS: Readonly<Record<AssetKind, string>> = Object.freeze({
  native: 'Native coin',
  erc20: 'ERC-20',
  trc20: 'TRC-20',
  spl: 'SPL token',
  'spl-2022': 'Token-2022',
  erc721: 'ERC-721 NFT',
  erc1155: 'ERC-1155',
  nft: 'Solana NFT',
});

export const KIND_ORDER: readonly AssetKind[] = Object.freeze(Object.keys(KIND_LABELS) as AssetKind[]);

/** Decimals of an asset: stated by the report, else the network's for its native coin; undefined when unknown. */
export function assetDecimals(asset: Asset): number | undefined {
  if (asset.decimals !== undefined) return asset.decimals;
  if (asset.kind === 'native') return getNetwork(asset.network)?.decimals;
  if (COUNTED_KINDS.has(asset.kind)) return 0;
  return undefined;
}

/** Ticker of an asset: stated by the report, else the network's native symbol. */
export function assetSymbol(asset: Asset): string | undefined {
  if (asset.symbol !== undefined) return asset.symbol;
  if (asset.kind === 'native') return getNetwork(asset.network)?.symbol;
  return undefined;
}

/** Token contract (EVM, Tron) or mint / DAS asset id (Solana); undefined for native coins. */
export const assetToken = (asset: Asset): string | undefined => asset.contract ?? asset.mint;

/** The amount as a decimal string when the decimals are known, else undefined (show base units instead). */
export function decimalAmount(asset: Asset, options: { grouping?: boolean } = {}): string | undefined {
  const decimals = assetDecimals(asset);
  return decimals === undefined ? undefined : formatBaseUnits(asset.amount, decimals, options);
}

/** `1.5 USDC`, `3 × token #7`, or `1500000 base units` when the decimals are unknown. */
export function amountText(asset: Asset, options: { grouping?: boolean } = {}): string {
  const amount = decimalAmount(asset, options);
  const symbol = assetSymbol(asset);
  if (amount === undefined) return `${asset.amount} base units${symbol ? ` of ${symbol}` : ''}`;
  return symbol ? `${amount} ${symbol}` : amount;
}

/** Assets in display order: network, kind, symbol, then path (numerically: …/0/2 before …/0/10). */
export function sortAssets(assets: readonly Asset[]): Asset[] {
  return [...assets].sort((a, b) => compareNetworks(a.network, b.network) || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind)
    || (a.symbol ?? '').localeCompare(b.symbol ?? '') || a.path.localeCompare(b.path, 'en', { numeric: true }));
}
