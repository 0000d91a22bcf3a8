/**
 * The engine's clients for a bench world: the real indexer clients, told what the world's chains are (its
 * Bitcoin genesis, its anvil's chain id, its Solana genesis) and the world's burst. Built on the engine's side
 * from plain data, since the world itself runs in another process (world-process.ts).
 */
import { createElectrumSource, createEsploraSource } from '../../chains/bitcoin/index.js';
import { createEvmRpcSource } from '../../chains/evm/index.js';
import { createSolanaDasSource, createSolanaRpcSource } from '../../chains/solana/index.js';
import type { ChainSource } from '../../chains/source.js';
import type { EvmNetwork, Network } from '../../chains/types.js';
import type { IndexerConfig } from '../../config/indexer-types.js';
import type { SourceFactories } from '../../discovery/network-sources.js';

export interface BenchChains {
  bitcoinGenesis: string;
  /** The anvil node's chain id (that of the world's first EVM network). */
  evmChainId?: number;
  solanaGenesis?: string;
  /** Requests a provider accepts back to back, set alike in the proxies and the clients. */
  burst: number;
}

export function benchSourceFactories(chains: BenchChains): SourceFactories {
  const transport = { burst: chains.burst };
  return {
    esplora: (network: Network, config: IndexerConfig): ChainSource =>
      createEsploraSource({ network, config, expectedGenesisHash: chains.bitcoinGenesis, transport }),
    electrum: (network: Network, config: IndexerConfig): ChainSource =>
      createElectrumSource({ network, config, expectedGenesisHash: chains.bitcoinGenesis, transport }),
    'evm-rpc': (network: Network, config: IndexerConfig): ChainSource => {
      const source = createEvmRpcSource({ network: network as EvmNetwork, config, transport });
      // One node stands in for every EVM network, so only the network whose chain id it carries can pass the
      // eth_chainId check (one request per source); the others skip it.
      if ((network as EvmNetwork).chainId === chains.evmChainId) return source;
      const { verify: _skipped, ...rest } = source;
      return Object.freeze(rest);
    },
    'solana-rpc': (network: Network, config: IndexerConfig): ChainSource =>
      createSolanaRpcSource({ network, config, ...(chains.solanaGenesis !== undefined && { expectedGenesisHash: chains.solanaGenesis }) }),
    'solana-das': (network: Network, config: IndexerConfig): ChainSource => createSolanaDasSource({ network, config }),
  };
}
