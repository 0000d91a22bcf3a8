import type { TokenTransfer } from './transfer-logs.js';

/**
 * What the Transfer logs say about one address: its token history and what it may still hold. Read-only: most
 * addresses of a window share one empty value (NO_SIGHTINGS), so a write would leak into all of them.
 */
export interface TokenSightings {
  /** Transactions with a token movement from, to (or operated by) the address. */
  readonly txHashes: ReadonlySet<string>;
  /** ERC-20 contracts it sent or received. */
  readonly erc20: ReadonlySet<string>;
  /** ERC-721 contract → token ids (decimal) it received: candidates for an ownerOf check. */
  readonly erc721: ReadonlyMap<string, ReadonlySet<string>>;
  /** ERC-1155 contract → ids (decimal) it received: candidates for balanceOfBatch. */
  readonly erc1155: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The mutable form collectSightings fills in; handed out only as TokenSightings. */
interface SightingsBuilder {
  txHashes: Set<string>;
  erc20: Set<string>;
  erc721: Map<string, Set<string>>;
  erc1155: Map<string, Set<string>>;
}

function refuseWrite(): never {
  throw new TypeError('NO_SIGHTINGS is shared by every address without token transfers: it cannot be written');
}

/** An empty collection whose writers throw: Object.freeze alone does not stop Set#add or Map#set. */
function sealedEmpty<C extends Set<string> | Map<string, Set<string>>>(collection: C): C {
  const writers = collection instanceof Set ? ['add', 'delete', 'clear'] : ['set', 'delete', 'clear'];
  for (const name of writers) Object.defineProperty(collection, name, { value: refuseWrite });
  return Object.freeze(collection);
}

/** The sightings of every address no transfer mentions (most of them): one value, frozen, shared. */
export const NO_SIGHTINGS: TokenSightings = Object.freeze({
  txHashes: sealedEmpty(new Set<string>()),
  erc20: sealedEmpty(new Set<string>()),
  erc721: sealedEmpty(new Map<string, Set<string>>()),
  erc1155: sealedEmpty(new Map<string, Set<string>>()),
});

function newSightings(): SightingsBuilder {
  return { txHashes: new Set(), erc20: new Set(), erc721: new Map(), erc1155: new Map() };
}

/** A fresh empty value of its own (not the shared NO_SIGHTINGS). */
export function emptySightings(): TokenSightings {
  return newSightings();
}

function addId(map: Map<string, Set<string>>, contract: string, id: bigint): void {
  let ids = map.get(contract);
  if (ids === undefined) map.set(contract, (ids = new Set()));
  ids.add(id.toString());
}

/**
 * Groups decoded transfers by the (lower-case) addresses asked about: every address gets an entry, NO_SIGHTINGS
 * unless a transfer mentions it (its own value is made on the first one, so a window without logs allocates nothing
 * per address).
 */
export function collectSightings(addresses: readonly string[], transfers: readonly TokenTransfer[]): Map<string, TokenSightings> {
  const byAddress = new Map<string, TokenSightings>();
  for (const a of addresses) byAddress.set(a, NO_SIGHTINGS);
  /** The writable value of an asked-about address; undefined for anyone else. */
  const writable = (address: string): SightingsBuilder | undefined => {
    const current = byAddress.get(address);
    if (current === undefined) return undefined;
    if (current !== NO_SIGHTINGS) return current as SightingsBuilder;
    const fresh = newSightings();
    byAddress.set(address, fresh);
    return fresh;
  };
  for (const t of transfers) {
    const from = writable(t.from);
    const to = writable(t.to);
    const operator = t.standard === 'erc1155' ? writable(t.operator) : undefined;
    from?.txHashes.add(t.txHash);
    to?.txHashes.add(t.txHash);
    operator?.txHashes.add(t.txHash);
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
