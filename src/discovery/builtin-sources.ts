import type { EvmNetwork, SolanaNetwork, TronNetwork } from '../chains/types.js';
import { createBlockscoutSource, createEtherscanSource, createEvmRpcSource } from '../chains/evm/index.js';
import { BITCOIN_SOURCE_FACTORIES } from '../chains/bitcoin/index.js';
import { createSolanaDasSource, createSolanaRpcSource } from '../chains/solana/index.js';
import { createTronGridSource } from '../chains/tron/index.js';
import type { SourceFactories } from './network-sources.js';

/** Indexer clients built in, by indexer type (CONTRACT §3). */
export const BUILTIN_SOURCE_FACTORIES: SourceFactories = {
  ...BITCOIN_SOURCE_FACTORIES,
  'evm-rpc': (network, config, net) =>
    createEvmRpcSource({ network: network as EvmNetwork, config, ...(net.logsFromBlock !== undefined && { logsFromBlock: net.logsFromBlock }) }),
  blockscout: (network, config) => createBlockscoutSource({ network: network as EvmNetwork, config }),
  etherscan: (network, config) => createEtherscanSource({ network: network as EvmNetwork, config }),
  'solana-rpc': (network, config) => createSolanaRpcSource({ network: network as SolanaNetwork, config }),
  'solana-das': (network, config) => createSolanaDasSource({ network: network as SolanaNetwork, config }),
  trongrid: (network, config) => createTronGridSource({ network: network as TronNetwork, config }),
};
