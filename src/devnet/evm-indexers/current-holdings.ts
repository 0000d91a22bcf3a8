import type { ChainIndex, TokenStandard } from './chain-index.js';

/** Current token holdings of an address, read from the live chain state for every token its history touched. */

export interface HeldToken {
  contract: string;
  standard: TokenStandard;
  /** ERC-1155 id; null for ERC-20 and for an ERC-721 collection entry. */
  tokenId: bigint | null;
  /** ERC-20/1155 balance; number of tokens held for an ERC-721 collection. */
  value: bigint;
}

const ORDER: Readonly<Record<TokenStandard, number>> = Object.freeze({ erc20: 0, erc721: 1, erc1155: 2 });

export function compareHeld(a: HeldToken, b: HeldToken): number {
  if (a.standard !== b.standard) return ORDER[a.standard] - ORDER[b.standard];
  if (a.contract !== b.contract) return a.contract < b.contract ? -1 : 1;
  const ia = a.tokenId ?? -1n;
  const ib = b.tokenId ?? -1n;
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

/** Token balances as Blockscout's address token list holds them: one entry per ERC-20, ERC-721 collection, ERC-1155 id. */
export async function currentTokenBalances(index: ChainIndex, address: string): Promise<HeldToken[]> {
  const owner = address.toLowerCase();
  const contracts = new Map<string, TokenStandard>();
  const ids1155 = new Map<string, Set<bigint>>();
  for (const t of index.transfersOf(owner)) {
    contracts.set(t.contract, t.standard);
    if (t.standard === 'erc1155' && t.tokenId !== null) {
      const set = ids1155.get(t.contract) ?? new Set<bigint>();
      set.add(t.tokenId);
      ids1155.set(t.contract, set);
    }
  }
  const held: HeldToken[] = [];
  for (const [contract, standard] of contracts) {
    if (standard === 'erc1155') {
      for (const id of ids1155.get(contract) ?? []) {
        const value = await index.erc1155Balance(contract, owner, id);
        if (value > 0n) held.push({ contract, standard, tokenId: id, value });
      }
    } else {
      const value = await index.tokenBalance(contract, owner);
      if (value > 0n) held.push({ contract, standard, tokenId: null, value });
    }
  }
  return held.sort(compareHeld);
}

/** NFT instances held: ERC-721 ids it received and still owns (ownerOf), ERC-1155 ids with a balance. */
export async function currentNfts(index: ChainIndex, address: string, standards: ReadonlySet<TokenStandard>): Promise<HeldToken[]> {
  const owner = address.toLowerCase();
  const held: HeldToken[] = [];
  const seen = new Set<string>();
  for (const t of index.transfersOf(owner)) {
    if (t.tokenId === null || !standards.has(t.standard) || t.standard === 'erc20') continue;
    const key = `${t.contract}:${t.tokenId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (t.standard === 'erc721') {
      if ((await index.ownerOf(t.contract, t.tokenId)) === owner)
        held.push({ contract: t.contract, standard: 'erc721', tokenId: t.tokenId, value: 1n });
    } else {
      const value = await index.erc1155Balance(t.contract, owner, t.tokenId);
      if (value > 0n) held.push({ contract: t.contract, standard: 'erc1155', tokenId: t.tokenId, value });
    }
  }
  return held.sort(compareHeld);
}
