import type { ScriptSummary } from '../electrum/native-activity.js';
import { isOutputIndex, isTxid, type BitcoinUtxo } from '../electrum/utxos.js';

/** A well-formed JSON answer of the wrong shape; the source turns it into a PROTOCOL error. */
export class EsploraShapeError extends Error {
  override name = 'EsploraShapeError';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function count(stats: Record<string, unknown>, key: string, where: string): bigint {
  const value = stats[key];
  if (value === undefined)
    throw new EsploraShapeError(`${where}.${key} is missing (an Elements/Liquid server gives no amounts; restore-scan cannot use it)`);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new EsploraShapeError(`${where}.${key} is ${JSON.stringify(value)}, not a non-negative integer`);
  return BigInt(value);
}

/**
 * `GET /scripthash/:h` or `/address/:a` → `{chain_stats, mempool_stats}`, each
 * `{tx_count, funded_txo_count, funded_txo_sum, spent_txo_count, spent_txo_sum}`. Balance = funded − spent over
 * chain and mempool; the mempool part (which may be negative: a chain output spent in the mempool) is `unconfirmed`.
 */
export function parseScriptStats(json: unknown): ScriptSummary {
  if (!isRecord(json) || !isRecord(json.chain_stats) || !isRecord(json.mempool_stats))
    throw new EsploraShapeError(`the answer has no chain_stats/mempool_stats: ${JSON.stringify(json).slice(0, 200)}`);
  const chain = json.chain_stats;
  const mempool = json.mempool_stats;
  const txCount = count(chain, 'tx_count', 'chain_stats') + count(mempool, 'tx_count', 'mempool_stats');
  return {
    txCount: Number(txCount),
    confirmed: count(chain, 'funded_txo_sum', 'chain_stats') - count(chain, 'spent_txo_sum', 'chain_stats'),
    unconfirmed: count(mempool, 'funded_txo_sum', 'mempool_stats') - count(mempool, 'spent_txo_sum', 'mempool_stats'),
  };
}

/** A page of transactions (`/txs/chain…`, `/txs/mempool`) → their txids, in the server's order (newest first). */
export function parseTxids(json: unknown): string[] {
  if (!Array.isArray(json)) throw new EsploraShapeError(`a transaction list is ${JSON.stringify(json).slice(0, 200)}`);
  return json.map((tx) => {
    if (!isRecord(tx) || typeof tx.txid !== 'string' || !/^[0-9a-fA-F]{64}$/.test(tx.txid))
      throw new EsploraShapeError(`a transaction has no txid: ${JSON.stringify(tx).slice(0, 200)}`);
    return tx.txid.toLowerCase();
  });
}

/**
 * `GET …/utxo` → `[{txid, vout, status: {confirmed, block_height?}, value}]` (outputs spent in the mempool left
 * out by the server). Mempool outputs get height 0, as Electrum gives them.
 */
export function parseUtxos(json: unknown): BitcoinUtxo[] {
  if (!Array.isArray(json)) throw new EsploraShapeError(`the utxo list is ${JSON.stringify(json).slice(0, 200)}`);
  return json.map((item: unknown) => {
    if (!isRecord(item) || !isTxid(item.txid) || !isOutputIndex(item.vout) || !isRecord(item.status))
      throw new EsploraShapeError(`an unspent output is ${JSON.stringify(item).slice(0, 200)}, not {txid, vout, status, value}`);
    const { status } = item;
    const confirmed = status.confirmed === true;
    if (confirmed && !(typeof status.block_height === 'number' && Number.isSafeInteger(status.block_height) && status.block_height >= 0))
      throw new EsploraShapeError(`the confirmed output ${item.txid}:${item.vout} has no block_height`);
    return {
      txid: item.txid.toLowerCase(),
      vout: item.vout,
      value: count(item, 'value', `${item.txid}:${item.vout}`),
      height: confirmed ? (status.block_height as number) : 0,
    };
  });
}
