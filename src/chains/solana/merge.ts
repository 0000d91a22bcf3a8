/**
 * Combining a `solana-rpc` answer with a `solana-das` answer for the same address. The chain (RPC) is the authority
 * on amounts and SOL; DAS adds what RPC cannot see (compressed NFTs) and what it cannot tell (which holdings are
 * NFTs, names and symbols). An NFT seen as a token account (amount 1, decimals 0) and as a DAS asset with the
 * mint as its id is ONE `nft` asset.
 */
import type { AddressActivity, FoundAsset } from '../source.js';

function isToken(asset: FoundAsset): boolean {
  return asset.kind === 'spl' || asset.kind === 'spl-2022' || asset.kind === 'nft';
}

function merged(rpc: FoundAsset, das: FoundAsset): FoundAsset {
  const out: FoundAsset = { ...rpc, kind: rpc.kind === 'nft' || das.kind === 'nft' ? 'nft' : rpc.kind };
  if (out.decimals === undefined && das.decimals !== undefined) out.decimals = das.decimals;
  // DAS names come from the indexer's metadata; on-chain metadata (RPC) is kept when both have one.
  if (out.symbol === undefined && das.symbol !== undefined) out.symbol = das.symbol;
  if (out.name === undefined && das.name !== undefined) out.name = das.name;
  if (das.compressed === true) out.compressed = true;
  return out;
}

export function mergeSolanaHoldings(rpcAssets: readonly FoundAsset[], dasAssets: readonly FoundAsset[]): FoundAsset[] {
  const dasByMint = new Map<string, FoundAsset>();
  for (const asset of dasAssets) if (asset.mint !== undefined && !dasByMint.has(asset.mint)) dasByMint.set(asset.mint, asset);
  const used = new Set<string>();
  const out: FoundAsset[] = [];
  for (const asset of rpcAssets) {
    const match = isToken(asset) && asset.mint !== undefined ? dasByMint.get(asset.mint) : undefined;
    if (match === undefined || asset.mint === undefined) {
      out.push({ ...asset });
      continue;
    }
    used.add(asset.mint);
    out.push(merged(asset, match));
  }
  for (const asset of dasAssets) {
    if (asset.mint !== undefined && used.has(asset.mint)) continue;
    if (asset.mint !== undefined) used.add(asset.mint);
    out.push({ ...asset });
  }
  return out;
}

/** One address's answers from both sources: used by either, the RPC's transaction count, merged holdings. */
export function mergeSolanaActivity(rpc: AddressActivity, das: AddressActivity): AddressActivity {
  if (rpc.address !== das.address) throw new RangeError(`cannot merge answers for ${rpc.address} and ${das.address}`);
  return {
    address: rpc.address,
    used: rpc.used || das.used,
    txCount: Math.max(rpc.txCount, das.txCount),
    assets: mergeSolanaHoldings(rpc.assets, das.assets),
  };
}
