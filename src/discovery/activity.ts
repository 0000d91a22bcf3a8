import type { AddressActivity, FoundAsset } from '../chains/source.js';

/** Identity of an asset within one address and network: two sources reporting it are the same asset. */
export const assetKey = (a: FoundAsset): string =>
  [a.kind, a.contract?.toLowerCase() ?? '', a.mint ?? '', a.tokenId ?? ''].join('|');

/**
 * Merges answers of several indexers of one network for one address: used if any says used; the largest
 * transaction count; assets united (a later source never replaces an asset an earlier one reported, but
 * fills in metadata it lacks).
 */
export function mergeActivity(answers: readonly AddressActivity[]): AddressActivity {
  const first = answers[0];
  if (!first) throw new RangeError('mergeActivity needs at least one answer');
  const assets = new Map<string, FoundAsset>();
  for (const answer of answers)
    for (const asset of answer.assets) {
      const key = assetKey(asset);
      const seen = assets.get(key);
      assets.set(key, seen ? { ...asset, ...seen } : asset);
    }
  return {
    address: first.address,
    used: answers.some((a) => a.used),
    txCount: Math.max(...answers.map((a) => a.txCount)),
    assets: [...assets.values()].filter((a) => a.amount !== 0n),
  };
}
