/**
 * Blockbook API v2 answers for Bitcoin-type coins, narrowed from JSON. Amounts are decimal strings in base units;
 * Blockbook omits empty and zero fields (api/types.go `omitempty`), so a missing amount or count is zero.
 */
import type { ScriptSummary } from '../electrum/native-activity.js';
import { isOutputIndex, isTxid, type BitcoinUtxo } from '../electrum/utxos.js';

export class BlockbookShapeError extends Error {
  override name = 'BlockbookShapeError';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function amount(record: Record<string, unknown>, key: string): bigint {
  const value = record[key];
  if (value === undefined) return 0n;
  if (typeof value !== 'string' || !/^-?\d+$/.test(value))
    throw new BlockbookShapeError(`${key} is ${JSON.stringify(value)}, not a decimal string of base units`);
  return BigInt(value);
}

function counter(record: Record<string, unknown>, key: string): number {
  const value = record[key];
  if (value === undefined) return 0;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw new BlockbookShapeError(`${key} is ${JSON.stringify(value)}, not a count`);
  return value;
}

function record(json: unknown, what: string): Record<string, unknown> {
  if (!isRecord(json)) throw new BlockbookShapeError(`${what} is ${JSON.stringify(json).slice(0, 200)}, not an object`);
  return json;
}

/**
 * `GET /api/v2/address/:a?details=basic`: `txs` counts confirmed transactions, `unconfirmedTxs` the mempool ones;
 * `balance` is confirmed, `unconfirmedBalance` what the mempool adds or takes (may be negative).
 */
export function parseAddressAnswer(json: unknown): ScriptSummary {
  const answer = record(json, 'the address answer');
  return {
    txCount: counter(answer, 'txs') + counter(answer, 'unconfirmedTxs'),
    confirmed: amount(answer, 'balance'),
    unconfirmed: amount(answer, 'unconfirmedBalance'),
  };
}

/** One address of an xpub scan (Blockbook's `XPUBAddress` token). */
export interface XpubAddress {
  address: string;
  /** e.g. `m/84'/0'/0'/0/5`, from the xpub's origin or Blockbook's inferred base path. */
  path: string;
  /** Confirmed transactions (Blockbook's `transfers`). */
  txCount: number;
  /** Confirmed balance in base units (Blockbook's token balances leave the mempool out). */
  balance: bigint;
}

export interface XpubAccountScan {
  /** Addresses with confirmed history, in Blockbook's order (receive branch, then change, by index). */
  addresses: XpubAddress[];
  /** Account totals. */
  balance: bigint;
  unconfirmedBalance: bigint;
  txs: number;
  /**
   * Mempool transactions of the account. Blockbook's gap scan counts only confirmed history, so addresses whose
   * only activity is in the mempool are NOT in `addresses`: when this is non-zero, ask per address as well.
   */
  unconfirmedTxs: number;
}

/** `GET /api/v2/xpub/:x?details=tokenBalances&tokens=used&gap=N`. */
export function parseXpubAnswer(json: unknown): XpubAccountScan {
  const answer = record(json, 'the xpub answer');
  const tokens = answer.tokens === undefined ? [] : answer.tokens;
  if (!Array.isArray(tokens)) throw new BlockbookShapeError(`tokens is ${JSON.stringify(tokens).slice(0, 200)}, not a list`);
  const addresses = tokens
    .map((token) => record(token, 'a token'))
    .filter((token) => token.type === 'XPUBAddress')
    .map((token) => {
      if (typeof token.name !== 'string' || typeof token.path !== 'string')
        throw new BlockbookShapeError(`an XPUBAddress token lacks name or path: ${JSON.stringify(token).slice(0, 200)}`);
      return { address: token.name, path: token.path, txCount: counter(token, 'transfers'), balance: amount(token, 'balance') };
    });
  return {
    addresses,
    balance: amount(answer, 'balance'),
    unconfirmedBalance: amount(answer, 'unconfirmedBalance'),
    txs: counter(answer, 'txs'),
    unconfirmedTxs: counter(answer, 'unconfirmedTxs'),
  };
}

/** `GET /api/v2/block-index/:height` → `{blockHash}`. */
export function parseBlockIndex(json: unknown): string {
  const answer = record(json, 'the block-index answer');
  if (typeof answer.blockHash !== 'string' || !/^[0-9a-fA-F]{64}$/.test(answer.blockHash))
    throw new BlockbookShapeError(`blockHash is ${JSON.stringify(answer.blockHash)}, not a block hash`);
  return answer.blockHash.toLowerCase();
}

/**
 * `GET /api/v2/utxo/:address` → `[{txid, vout, value, height?, confirmations, …}]`, mempool outputs without
 * `height` (and 0 confirmations): they get height 0, as Electrum gives them.
 */
export function parseUtxoAnswer(json: unknown): BitcoinUtxo[] {
  if (!Array.isArray(json)) throw new BlockbookShapeError(`the utxo answer is ${JSON.stringify(json).slice(0, 200)}, not a list`);
  return json.map((item: unknown) => {
    const utxo = record(item, 'an unspent output');
    if (!isTxid(utxo.txid) || !isOutputIndex(utxo.vout))
      throw new BlockbookShapeError(`an unspent output lacks txid or vout: ${JSON.stringify(utxo).slice(0, 200)}`);
    const confirmations = counter(utxo, 'confirmations');
    const height = utxo.height === undefined ? 0 : counter(utxo, 'height');
    if (confirmations > 0 && height === 0) throw new BlockbookShapeError(`the confirmed output ${utxo.txid}:${utxo.vout} has no height`);
    const value = amount(utxo, 'value');
    if (value < 0n) throw new BlockbookShapeError(`the output ${utxo.txid}:${utxo.vout} is worth ${value}`);
    return { txid: utxo.txid.toLowerCase(), vout: utxo.vout, value, height: confirmations > 0 ? height : 0 };
  });
}
