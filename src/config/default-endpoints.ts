import type { Config, IndexerConfig, NetworkConfig } from './indexer-types.js';

/**
 * Built-in public endpoints, used when no --config is given. Public services rate-limit hard (Blockstream
 * Esplora ≈700 req/h/IP, Solana mainnet 100 req/10 s), so limits here are conservative. Keyed services
 * (Etherscan, DAS providers, TronGrid with a key) read their key from the named environment variable only.
 */
const esplora = (url: string): IndexerConfig => ({ type: 'esplora', url, maxConcurrency: 4, requestsPerSecond: 4 });
const blockbook = (url: string): IndexerConfig => ({ type: 'blockbook', url, maxConcurrency: 4, requestsPerSecond: 5 });
const rpc = (url: string): IndexerConfig => ({ type: 'evm-rpc', url, maxConcurrency: 4, requestsPerSecond: 10, batchSize: 50 });
const blockscout = (host: string): IndexerConfig => ({ type: 'blockscout', url: `https://${host}`, maxConcurrency: 2, requestsPerSecond: 4 });
const evm = (rpcUrl: string, scout?: string): NetworkConfig => ({
  indexers: [rpc(rpcUrl), ...(scout ? [blockscout(scout)] : [])],
});

export const DEFAULT_CONFIG: Readonly<Config> = Object.freeze<Config>({
  gapLimit: 20,
  networks: {
    bitcoin: { indexers: [esplora('https://blockstream.info/api'), esplora('https://mempool.space/api')] },
    'bitcoin-testnet': { indexers: [esplora('https://blockstream.info/testnet/api')] },
    litecoin: { indexers: [esplora('https://litecoinspace.org/api')] },
    dogecoin: { indexers: [blockbook('https://doge1.trezor.io')] },
    'bitcoin-cash': { indexers: [blockbook('https://bch1.trezor.io')] },
    ethereum: evm('https://ethereum-rpc.publicnode.com', 'eth.blockscout.com'),
    'ethereum-classic': evm('https://etc.rivet.link', 'etc.blockscout.com'),
    arbitrum: evm('https://arb1.arbitrum.io/rpc', 'arbitrum.blockscout.com'),
    optimism: evm('https://mainnet.optimism.io', 'optimism.blockscout.com'),
    base: evm('https://mainnet.base.org', 'base.blockscout.com'),
    polygon: evm('https://polygon-bor-rpc.publicnode.com', 'polygon.blockscout.com'),
    bsc: evm('https://bsc-dataseed.bnbchain.org'),
    avalanche: evm('https://api.avax.network/ext/bc/C/rpc'),
    gnosis: evm('https://rpc.gnosischain.com', 'gnosis.blockscout.com'),
    zksync: evm('https://mainnet.era.zksync.io', 'zksync.blockscout.com'),
    linea: evm('https://rpc.linea.build'),
    scroll: evm('https://rpc.scroll.io', 'scroll.blockscout.com'),
    fantom: evm('https://rpcapi.fantom.network'),
    solana: {
      indexers: [{ type: 'solana-rpc', url: 'https://api.mainnet-beta.solana.com', maxConcurrency: 2, requestsPerSecond: 4, batchSize: 100 }],
    },
    tron: { indexers: [{ type: 'trongrid', url: 'https://api.trongrid.io', maxConcurrency: 2, requestsPerSecond: 3, apiKeyEnv: 'TRONGRID_API_KEY' }] },
  },
});
