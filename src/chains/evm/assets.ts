import type { FoundAsset } from '../source.js';
import type { EvmNetwork } from '../types.js';
import { checksumAddress } from './hex.js';

/** Builders for the assets every EVM client returns, so all of them report the same shapes. */

export function nativeAsset(network: EvmNetwork, amount: bigint): FoundAsset {
  return { kind: 'native', amount, decimals: network.decimals, symbol: network.symbol };
}

export interface TokenFacts {
  decimals?: number;
  symbol?: string;
  name?: string;
}

export function tokenAsset(
  kind: 'erc20' | 'erc721' | 'erc1155',
  contract: string,
  amount: bigint,
  facts: TokenFacts,
  tokenId?: bigint,
): FoundAsset {
  const asset: FoundAsset = { kind, amount, contract: checksumAddress(contract) };
  if (tokenId !== undefined) asset.tokenId = tokenId.toString();
  // Decimals mean something for fungible ERC-20 only; NFT indexers report 0 or null for them.
  if (kind === 'erc20' && facts.decimals !== undefined) asset.decimals = facts.decimals;
  if (facts.symbol !== undefined) asset.symbol = facts.symbol;
  if (facts.name !== undefined) asset.name = facts.name;
  return asset;
}

const KIND_ORDER: Readonly<Record<string, number>> = Object.freeze({ native: 0, erc20: 1, erc721: 2, erc1155: 3 });

/** One order for every client: native, then ERC-20, ERC-721, ERC-1155; by contract, then numeric token id. */
export function sortAssets(assets: FoundAsset[]): FoundAsset[] {
  return assets.sort((a, b) => {
    const kind = (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9);
    if (kind !== 0) return kind;
    const contract = (a.contract ?? '').toLowerCase().localeCompare((b.contract ?? '').toLowerCase());
    if (contract !== 0) return contract;
    const ia = BigInt(a.tokenId ?? '0');
    const ib = BigInt(b.tokenId ?? '0');
    return ia < ib ? -1 : ia > ib ? 1 : 0;
  });
}
