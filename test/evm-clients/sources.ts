/** Builds the three EVM clients for one scenario chain, against the node and the local indexer servers. */
import type { IndexerConfig } from '../../src/config/indexer-types.js';
import { createBlockscoutSource } from '../../src/chains/evm/blockscout/client.js';
import { createEtherscanSource, type EtherscanSourceParameters } from '../../src/chains/evm/etherscan/client.js';
import { createEvmRpcSource } from '../../src/chains/evm/rpc/client.js';
import type { TransportTuning } from '../../src/chains/evm/transport.js';
import type { ChainSource } from '../../src/chains/source.js';
import type { EvmNetwork } from '../../src/chains/types.js';

export type ClientKind = 'evm-rpc' | 'blockscout' | 'etherscan';
export const CLIENT_KINDS: readonly ClientKind[] = Object.freeze(['evm-rpc', 'blockscout', 'etherscan']);

export interface SourceUrls {
  rpc: string;
  blockscout: string;
  etherscan: string;
}

export interface SourceExtras {
  transport?: TransportTuning;
  etherscan?: Partial<Omit<EtherscanSourceParameters, 'network' | 'config'>>;
  config?: Partial<IndexerConfig>;
}

/** Fast backoff for local servers: the retry logic is what is under test, not the wall clock. */
export const FAST_RETRIES: TransportTuning = Object.freeze({ baseDelayMs: 5, maxDelayMs: 50 });

export function makeSource(kind: ClientKind, network: EvmNetwork, urls: SourceUrls, extras: SourceExtras = {}): ChainSource {
  const transport = { ...FAST_RETRIES, ...extras.transport };
  switch (kind) {
    case 'evm-rpc':
      return createEvmRpcSource({ network, config: { type: 'evm-rpc', url: urls.rpc, ...extras.config }, transport });
    case 'blockscout':
      return createBlockscoutSource({ network, config: { type: 'blockscout', url: urls.blockscout, ...extras.config }, transport });
    case 'etherscan':
      return createEtherscanSource({
        network,
        config: { type: 'etherscan', url: urls.etherscan, ...extras.config },
        transport,
        rateLimitDelayMs: 5,
        ...extras.etherscan,
      });
  }
}
