/** Chain families: each has its own address scheme and indexer clients. */
export type Family = 'bitcoin' | 'evm' | 'solana' | 'tron';

/**
 * How a public key becomes an address (the "encoding" of CONTRACT §5).
 * `p2pkh` on Bitcoin Cash is shown as cashaddr; the script is the same.
 */
export type ScriptType = 'p2pkh' | 'p2sh-p2wpkh' | 'p2wpkh' | 'p2tr' | 'evm' | 'tron' | 'solana';

export interface NetworkBase {
  /** Network id of CONTRACT §3, e.g. `bitcoin`, `arbitrum`. */
  id: string;
  name: string;
  family: Family;
  /** SLIP-44 coin type of its standard BIP-44 path. */
  coinType: number;
  /** Native asset symbol and decimals. */
  symbol: string;
  decimals: number;
  testnet?: boolean;
}

export interface BitcoinNetwork extends NetworkBase {
  family: 'bitcoin';
  /** Base58check version byte of P2PKH and P2SH addresses. */
  pubKeyHash: number;
  scriptHash: number;
  /** Bech32 human-readable part, when the chain has segwit. */
  bech32?: string;
  /** Cashaddr prefix (Bitcoin Cash): P2PKH addresses shown as cashaddr. */
  cashaddrPrefix?: string;
  /** Script types wallets use on this chain. */
  scriptTypes: readonly ScriptType[];
}

export interface EvmNetwork extends NetworkBase {
  family: 'evm';
  chainId: number;
  /** 'l1', 'l2' (rollup) or 'sidechain': informational. */
  layer: 'l1' | 'l2' | 'sidechain';
}

export interface SolanaNetwork extends NetworkBase {
  family: 'solana';
}

export interface TronNetwork extends NetworkBase {
  family: 'tron';
}

export type Network = BitcoinNetwork | EvmNetwork | SolanaNetwork | TronNetwork;
