/** The JSON report of CONTRACT §4 (`restore-scan.report/1`). schema/report.schema.json is its JSON Schema. */

export type AssetKind = 'native' | 'erc20' | 'erc721' | 'erc1155' | 'spl' | 'spl-2022' | 'nft' | 'trc20';

export interface UsedAddress {
  network: string;
  scheme: string;
  path: string;
  address: string;
  txCount: number;
}

export interface Asset {
  network: string;
  address: string;
  path: string;
  kind: AssetKind;
  /** Base units, as a decimal string. NFTs: "1" for ERC-721 and Metaplex/compressed NFTs. */
  amount: string;
  /** EVM / Tron token contract. */
  contract?: string;
  /** Solana mint, or the DAS asset id of a compressed NFT. */
  mint?: string;
  tokenId?: string;
  decimals?: number;
  symbol?: string;
  name?: string;
  /** Unconfirmed part of a native balance (Bitcoin mempool), included in `amount`. */
  unconfirmed?: string;
  compressed?: boolean;
  /** NFT metadata URI (ERC-721 tokenURI), as the chain states it: untrusted text. */
  uri?: string;
}

export interface ScannedEntry {
  network: string;
  scheme: string;
  accountPath: string;
  /** Last used index per branch ("0" receive, "1" change); absent branches had no use. */
  lastUsed: Record<string, number>;
}

export interface MissingEntry {
  network: string;
  scheme: string;
  accountPath: string;
  usedBy: string[];
  reason: 'not-exported' | 'next-account-not-exported';
}

export interface UncheckableEntry {
  network: string;
  scheme: string;
  reason: 'needs-private-key' | 'no-indexer' | 'unsupported-script';
  detail?: string;
}

export interface ExportPlanEntry {
  curve: 'secp256k1' | 'ed25519';
  path: string;
}

export interface Failure {
  network: string;
  indexer: string;
  what: string;
  error: string;
}

export interface Report {
  format: 'restore-scan.report/1';
  complete: boolean;
  gapLimit: number;
  addresses: UsedAddress[];
  assets: Asset[];
  coverage: { scanned: ScannedEntry[]; missing: MissingEntry[]; uncheckable: UncheckableEntry[] };
  exportPlan: ExportPlanEntry[];
  failures: Failure[];
  stats: {
    addressesDerived: number;
    requests: number;
    durationMs: number;
    /** Time a window of the scan waited for its addresses to be derived. */
    deriveWaitMs?: number;
  };
  notes?: string[];
}
