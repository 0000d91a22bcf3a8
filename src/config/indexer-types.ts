import type { Family } from '../chains/types.js';

/** Indexer types of CONTRACT §3, with the family each serves. */
export const INDEXER_FAMILY = Object.freeze({
  esplora: 'bitcoin',
  electrum: 'bitcoin',
  blockbook: 'bitcoin',
  'evm-rpc': 'evm',
  blockscout: 'evm',
  etherscan: 'evm',
  'solana-rpc': 'solana',
  'solana-das': 'solana',
  trongrid: 'tron',
} as const satisfies Record<string, Family>);

export type IndexerType = keyof typeof INDEXER_FAMILY;
export const INDEXER_TYPES = Object.freeze(Object.keys(INDEXER_FAMILY) as IndexerType[]);

export interface IndexerConfig {
  type: IndexerType;
  /** http(s)://… for HTTP APIs; tcp://host:port or ssl://host:port for Electrum. */
  url: string;
  maxConcurrency?: number;
  requestsPerSecond?: number;
  batchSize?: number;
  timeoutMs?: number;
  /** Name of the environment variable holding the API key (keys never live in config files). */
  apiKeyEnv?: string;
  /** Blockbook only: allow the xpub API, which hands the xpub to the server (a privacy trade-off). */
  sendXpub?: boolean;
}

export interface NetworkConfig {
  /** Required for networks that are not built in (custom EVM devnets). */
  family?: Family;
  chainId?: number;
  name?: string;
  symbol?: string;
  gapLimit?: number;
  /** evm-rpc: first block of the Transfer-log scan (default 0). */
  logsFromBlock?: number;
  indexers: IndexerConfig[];
}

export interface Config {
  gapLimit?: number;
  networks: Record<string, NetworkConfig>;
}
