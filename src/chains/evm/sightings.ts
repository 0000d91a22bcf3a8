import type { TokenTransfer } from './transfer-logs.js';

/** What the Transfer logs say about one address: its token history and what it may still hold. */
export interface TokenSightings {
  /** Transactions with a token movement from, to (or operated by) the address. */
  txHashes: Set<string>;
  /** ERC-20 contracts it sent or received. */
  erc20: Set<string>;
  /** ERC-721 contract → token ids (decimal) it received: candidates for an ownerOf check. */
  erc721: Map<string, Set<string>>;
  /** ERC-1155 contract → ids (decimal) it received: candidates for balanceOfBatch. */
  erc1155: Map<string, Set<string>>;
}

export function emptySightings(): TokenSightings {
  return { txHashes: new Set(), erc20: new Set(), erc721: new Map(), erc1155: new Map() };
}

function addId(map: Map<string, Set<string>>, contract: string, id: bigint): void {
  let ids = map.get(contract);
  if (ids === undefined) map.set(contract, (ids = new Set()));
  ids.add(id.toString());
}

/** Groups decoded transfers by the (lower-case) addresses asked about. */
export function collectSightings(addresses: readonly string[], transfers: readonly TokenTransfer[]): Map<string, TokenSightings> {
  const byAddress = new Map(addresses.map((a) => [a, emptySightings()]));
  for (const t of transfers) {
    const from = byAddress.get(t.from);
    const to = byAddress.get(t.to);
    const operator = t.standard === 'erc1155' ? byAddress.get(t.operator) : undefined;
    for (const s of [from, to, operator]) s?.txHashes.add(t.txHash);
    switch (t.standard) {
      case 'erc20':
        from?.erc20.add(t.contract);
        to?.erc20.add(t.contract);
        break;
      case 'erc721':
        if (to) addId(to.erc721, t.contract, t.tokenId);
        break;
      case 'erc1155':
        if (to) for (const id of t.ids) addId(to.erc1155, t.contract, id);
        break;
    }
  }
  return byAddress;
}

export function hasSightings(s: TokenSightings): boolean {
  return s.txHashes.size > 0;
}
