/** Progress events of a scan, for progress bars and embedding wallets. */
export type ScanProgress =
  | { kind: 'plan'; targets: number; networks: readonly string[] }
  | { kind: 'branch'; scheme: string; account: number; branch: number | undefined; networks: readonly string[]; checked: number; lastUsed: number; done: boolean }
  | { kind: 'enrich'; network: string; addresses: number }
  | { kind: 'failure'; network: string; indexer: string; what: string; error: string }
  | { kind: 'done'; complete: boolean; durationMs: number };
