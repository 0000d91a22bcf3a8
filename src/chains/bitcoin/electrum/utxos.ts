/**
 * Unspent outputs of Bitcoin-like scripts, as all three clients (esplora, electrum, blockbook) answer them. Shared
 * so the three give identical answers for identical chain state: same fields, same order.
 */

export interface BitcoinUtxo {
  /** Lower-case hex, display order. */
  txid: string;
  vout: number;
  /** Base units. */
  value: bigint;
  /** Block height when confirmed; 0 (or -1: an unconfirmed parent, Electrum only) in the mempool. */
  height: number;
}

export interface AddressUtxos {
  address: string;
  utxos: BitcoinUtxo[];
}

export const isTxid = (value: unknown): value is string => typeof value === 'string' && /^[0-9a-fA-F]{64}$/.test(value);
export const isOutputIndex = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/**
 * One order for every server (they differ: chain order, newest first, mempool first or last): confirmed by height,
 * then the mempool, then by txid and output index.
 */
export function sortUtxos(utxos: BitcoinUtxo[]): BitcoinUtxo[] {
  const rank = (u: BitcoinUtxo): number => (u.height > 0 ? u.height : Number.MAX_SAFE_INTEGER);
  return utxos.sort((a, b) => rank(a) - rank(b) || (a.txid < b.txid ? -1 : a.txid > b.txid ? 1 : 0) || a.vout - b.vout);
}
