import type { BlockscoutTokenTransfer } from './get-address-token-transfers.js';

/** What the transfer history says an address holds of one NFT id. */
export interface TransferredId {
  contract: string;
  tokenId: bigint;
  /** Received minus sent; a complete history gives the current balance (ERC-721: 1 when held). */
  net: bigint;
}

/**
 * ERC-721 / ERC-1155 ids of `contract` whose history nets above zero for `address`, in id order. Self-transfers
 * cancel out. Only a candidate list: the caller checks it against the token list's balances.
 */
export function idsFromTransfers(transfers: readonly BlockscoutTokenTransfer[], address: string, contract: string): TransferredId[] {
  const owner = address.toLowerCase();
  const nets = new Map<bigint, bigint>();
  for (const t of transfers) {
    if (t.token.contract !== contract || t.tokenId === undefined) continue;
    let net = nets.get(t.tokenId) ?? 0n;
    if (t.to === owner) net += t.value;
    if (t.from === owner) net -= t.value;
    nets.set(t.tokenId, net);
  }
  return [...nets]
    .filter(([, net]) => net > 0n)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([tokenId, net]) => ({ contract, tokenId, net }));
}
