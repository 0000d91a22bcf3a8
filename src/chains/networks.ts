import type { BitcoinNetwork, EvmNetwork, Family, Network, SolanaNetwork, TronNetwork } from './types.js';

/** Defines a network; a function (not a cast) so each literal is checked against its family's type. */
const bitcoinLike = (n: Omit<BitcoinNetwork, 'family' | 'decimals'>): BitcoinNetwork =>
  Object.freeze({ family: 'bitcoin', decimals: 8, ...n });
const evm = (n: Omit<EvmNetwork, 'family' | 'coinType' | 'decimals'> & { coinType?: number }): EvmNetwork =>
  Object.freeze({ family: 'evm', coinType: 60, decimals: 18, ...n });

export const bitcoin = bitcoinLike({
  id: 'bitcoin', name: 'Bitcoin', coinType: 0, symbol: 'BTC',
  pubKeyHash: 0x00, scriptHash: 0x05, bech32: 'bc',
  scriptTypes: ['p2pkh', 'p2sh-p2wpkh', 'p2wpkh', 'p2tr'],
});
export const bitcoinTestnet = bitcoinLike({
  id: 'bitcoin-testnet', name: 'Bitcoin testnet', coinType: 1, symbol: 'tBTC', testnet: true,
  pubKeyHash: 0x6f, scriptHash: 0xc4, bech32: 'tb',
  scriptTypes: ['p2pkh', 'p2sh-p2wpkh', 'p2wpkh', 'p2tr'],
});
export const litecoin = bitcoinLike({
  id: 'litecoin', name: 'Litecoin', coinType: 2, symbol: 'LTC',
  pubKeyHash: 0x30, scriptHash: 0x32, bech32: 'ltc',
  scriptTypes: ['p2pkh', 'p2sh-p2wpkh', 'p2wpkh'],
});
export const dogecoin = bitcoinLike({
  id: 'dogecoin', name: 'Dogecoin', coinType: 3, symbol: 'DOGE',
  pubKeyHash: 0x1e, scriptHash: 0x16,
  scriptTypes: ['p2pkh'],
});
export const bitcoinCash = bitcoinLike({
  id: 'bitcoin-cash', name: 'Bitcoin Cash', coinType: 145, symbol: 'BCH',
  pubKeyHash: 0x00, scriptHash: 0x05, cashaddrPrefix: 'bitcoincash',
  scriptTypes: ['p2pkh'],
});

export const ethereum = evm({ id: 'ethereum', name: 'Ethereum', chainId: 1, symbol: 'ETH', layer: 'l1' });
export const ethereumClassic = evm({
  id: 'ethereum-classic', name: 'Ethereum Classic', chainId: 61, coinType: 61, symbol: 'ETC', layer: 'l1',
});
export const arbitrum = evm({ id: 'arbitrum', name: 'Arbitrum One', chainId: 42161, symbol: 'ETH', layer: 'l2' });
export const optimism = evm({ id: 'optimism', name: 'OP Mainnet', chainId: 10, symbol: 'ETH', layer: 'l2' });
export const base = evm({ id: 'base', name: 'Base', chainId: 8453, symbol: 'ETH', layer: 'l2' });
export const polygon = evm({ id: 'polygon', name: 'Polygon PoS', chainId: 137, symbol: 'POL', layer: 'sidechain' });
export const bsc = evm({ id: 'bsc', name: 'BNB Smart Chain', chainId: 56, symbol: 'BNB', layer: 'sidechain' });
export const avalanche = evm({ id: 'avalanche', name: 'Avalanche C-Chain', chainId: 43114, symbol: 'AVAX', layer: 'l1' });
export const gnosis = evm({ id: 'gnosis', name: 'Gnosis', chainId: 100, symbol: 'xDAI', layer: 'sidechain' });
export const zksync = evm({ id: 'zksync', name: 'zkSync Era', chainId: 324, symbol: 'ETH', layer: 'l2' });
export const linea = evm({ id: 'linea', name: 'Linea', chainId: 59144, symbol: 'ETH', layer: 'l2' });
export const scroll = evm({ id: 'scroll', name: 'Scroll', chainId: 534352, symbol: 'ETH', layer: 'l2' });
export const fantom = evm({ id: 'fantom', name: 'Fantom Opera', chainId: 250, symbol: 'FTM', layer: 'l1' });

export const solana: SolanaNetwork = Object.freeze({
  id: 'solana', name: 'Solana', family: 'solana', coinType: 501, symbol: 'SOL', decimals: 9,
});
export const tron: TronNetwork = Object.freeze({
  id: 'tron', name: 'Tron', family: 'tron', coinType: 195, symbol: 'TRX', decimals: 6,
});

/** Every built-in network, by id. Config files may add EVM networks of their own (CONTRACT §3). */
export const NETWORKS: Readonly<Record<string, Network>> = Object.freeze(
  Object.fromEntries(
    [
      bitcoin, bitcoinTestnet, litecoin, dogecoin, bitcoinCash,
      ethereum, ethereumClassic, arbitrum, optimism, base, polygon, bsc, avalanche, gnosis, zksync, linea, scroll, fantom,
      solana, tron,
    ].map((n) => [n.id, n]),
  ),
);

export const NETWORK_IDS: readonly string[] = Object.freeze(Object.keys(NETWORKS));

export function networksOf(family: Family): Network[] {
  return Object.values(NETWORKS).filter((n) => n.family === family);
}

export function getNetwork(id: string): Network | undefined {
  return NETWORKS[id];
}
