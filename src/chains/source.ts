import type { AssetKind } from '../report/types.js';
import type { Family, Network } from './types.js';

/**
 * The contract between the discovery engine and every indexer client (BDK-style: a chain source takes plain
 * requests and returns plain answers; it owns no wallet state and no gap logic).
 */

/** One address to ask about. Bitcoin-likes also carry the scriptPubKey (Electrum and Esplora key by script hash). */
export interface AddressRef {
  /** As shown to users: base58/bech32/cashaddr, EIP-55 for EVM, base58 for Solana and Tron. */
  address: string;
  /** Bitcoin-likes: the output script. */
  script?: Uint8Array;
}

/** Something an address holds. Amounts in base units; zero holdings are not assets and are never returned. */
export interface FoundAsset {
  kind: AssetKind;
  amount: bigint;
  contract?: string;
  mint?: string;
  tokenId?: string;
  decimals?: number;
  symbol?: string;
  name?: string;
  /** Bitcoin: the unconfirmed part included in `amount` (may be negative). */
  unconfirmed?: bigint;
  compressed?: boolean;
  /** NFT metadata URI (ERC-721 tokenURI, Metaplex uri) when the indexer gives it. */
  uri?: string;
}

/** The answer for one address on one network. */
export interface AddressActivity {
  address: string;
  /** Activity rule (DESIGN): any history, any balance, or any token/NFT holding. */
  used: boolean;
  /** Transactions seen (Bitcoin: confirmed + mempool; EVM: nonce or transfers seen; Solana: signatures). */
  txCount: number;
  /** Holdings found while answering (the native balance at least, when non-zero). */
  assets: FoundAsset[];
}

/**
 * The answer for an address with no activity. Its `address` is read from the ref only if someone asks: most
 * addresses of a scan are unused, and their strings (bech32, base58check, EIP-55) would be made for nothing.
 */
export function unusedActivity(ref: AddressRef): AddressActivity {
  return {
    get address() {
      return ref.address;
    },
    used: false,
    txCount: 0,
    assets: [],
  };
}

export interface SourceCallOptions {
  signal?: AbortSignal;
  /**
   * Sent sooner than lower ones when requests wait behind the endpoint's limits (default 0; see
   * `JsonRpcCallOptions.priority`). Sources without a queue of their own may ignore it.
   */
  priority?: number;
}

export interface VerifyOptions extends SourceCallOptions {
  /**
   * Aborted when the scan no longer asks anything: a group of alternatives then stops waiting for the checks of
   * those it never took an answer from (a dead backup endpoint would otherwise hold the report for its retries).
   */
  scanOver?: AbortSignal;
}

/** An indexer client for one network. `id` names it in failures: `type url` with credentials scrubbed. */
export interface ChainSource {
  readonly id: string;
  readonly type: string;
  readonly family: Family;
  readonly network: Network;
  /**
   * Activity of a window of addresses, in input order. Implementations batch as their protocol allows
   * (Electrum batches, JSON-RPC batches, Multicall3, getMultipleAccounts, OR-ed log topics) and respect their
   * endpoint's limits. A query that failed after its retries REJECTS (never reports "unused").
   */
  activity(addresses: readonly AddressRef[], options?: SourceCallOptions): Promise<AddressActivity[]>;
  /**
   * Full holdings of used addresses (token balances with metadata, NFTs), when `activity` gives only part of
   * them. Sources whose `activity` is already complete may return the same as `activity`.
   */
  holdings(addresses: readonly AddressRef[], options?: SourceCallOptions): Promise<AddressActivity[]>;
  /**
   * True when `activity` answers are already the full holdings (`holdings` would ask the same again): the
   * engine then skips the holdings request for this source and keeps the activity answer.
   */
  readonly activityIsHoldings?: boolean;
  /** Checks the endpoint serves this network (EVM chain id, genesis hash…); rejects with CHAIN_MISMATCH. */
  verify?(options?: VerifyOptions): Promise<void>;
  /** Requests sent so far (for stats and benchmarks). */
  readonly requests: () => number;
  close?(): Promise<void>;
}
