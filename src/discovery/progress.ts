/** Progress events of a scan, for progress bars and embedding wallets. */
export type ScanProgress =
  | { kind: 'plan'; targets: number; networks: readonly string[] }
  | {
      kind: 'branch'; scheme: string; account: number; branch: number | undefined; networks: readonly string[];
      /** Addresses of this chain with a verdict so far, and the last used index (-1: none yet). */
      checked: number; lastUsed: number; done: boolean;
      /** Requests sent so far to each of these networks' indexers (whole scan, not just this chain). */
      requests: Readonly<Record<string, number>>;
    }
  | { kind: 'enrich'; network: string; addresses: number }
  | { kind: 'failure'; network: string; indexer: string; what: string; error: string }
  | { kind: 'done'; complete: boolean; durationMs: number };
