/**
 * Electrum protocol answers, narrowed from JSON (ElectrumX 1.20 as recorded in test/bitcoin-servers/recorded, and
 * the shapes the published protocol docs describe).
 */
import { isOutputIndex, isTxid, type BitcoinUtxo } from './utxos.js';

/** Oldest and newest protocol versions this client speaks; `server.version` offers the range. */
export const PROTOCOL_MIN = '1.4';
export const PROTOCOL_MAX = '1.6';

export interface HistoryEntry {
  txHash: string;
  /** > 0 confirmed at that height; 0 mempool with confirmed inputs; -1 mempool with an unconfirmed parent. */
  height: number;
}

export interface ScriptBalance {
  confirmed: bigint;
  unconfirmed: bigint;
}

export interface ServerFeatures {
  genesisHash: string;
  hashFunction: string | undefined;
}

/** A well-formed JSON answer of the wrong shape; the caller turns it into a PROTOCOL error. */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Numeric comparison of dotted versions: the server writes its maximum as "1.6.0" (recorded), so "1.6" and
 * "1.6.0" are equal and "1.10" is above "1.9".
 */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/** `server.version` → `[server_software, negotiated_version]`. */
export function parseServerVersion(result: unknown): { software: string; version: string } {
  if (!Array.isArray(result) || typeof result[0] !== 'string' || typeof result[1] !== 'string' || !/^\d+(\.\d+)*$/.test(result[1]))
    throw new ShapeError(`server.version answered ${JSON.stringify(result)}, not [software, version]`);
  return { software: result[0], version: result[1] };
}

function parseEntry(item: unknown): HistoryEntry {
  if (!isRecord(item) || typeof item.tx_hash !== 'string' || !/^[0-9a-fA-F]{64}$/.test(item.tx_hash) || !Number.isInteger(item.height))
    throw new ShapeError(`a history entry is ${JSON.stringify(item)}, not {tx_hash, height}`);
  return { txHash: item.tx_hash.toLowerCase(), height: item.height as number };
}

/**
 * `blockchain.scripthash.get_history`: a plain list (ElectrumX 1.20 under 1.4 and 1.6, as recorded), or the dict
 * `{history: [...]}` the 1.5 docs describe. Mempool entries (height 0 / -1, with `fee`) are history like any other.
 */
export function parseHistory(result: unknown): HistoryEntry[] {
  const list = Array.isArray(result) ? result : isRecord(result) && Array.isArray(result.history) ? result.history : undefined;
  if (list === undefined) throw new ShapeError(`get_history answered ${JSON.stringify(result).slice(0, 200)}, not a list`);
  return list.map(parseEntry);
}

function satoshis(value: unknown, what: string): bigint {
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new ShapeError(`${what} is ${JSON.stringify(value)}, not an integer`);
  return BigInt(value);
}

/** `blockchain.scripthash.get_balance` → `{confirmed, unconfirmed}` in base units; `unconfirmed` may be negative. */
export function parseBalance(result: unknown): ScriptBalance {
  if (!isRecord(result)) throw new ShapeError(`get_balance answered ${JSON.stringify(result)}, not {confirmed, unconfirmed}`);
  return { confirmed: satoshis(result.confirmed, 'confirmed'), unconfirmed: satoshis(result.unconfirmed, 'unconfirmed') };
}

/** `server.features`: the genesis hash and the hash function scripthashes are made with. */
export function parseFeatures(result: unknown): ServerFeatures {
  if (!isRecord(result) || typeof result.genesis_hash !== 'string' || !/^[0-9a-fA-F]{64}$/.test(result.genesis_hash))
    throw new ShapeError(`server.features has no genesis_hash: ${JSON.stringify(result).slice(0, 200)}`);
  return {
    genesisHash: result.genesis_hash.toLowerCase(),
    hashFunction: typeof result.hash_function === 'string' ? result.hash_function : undefined,
  };
}

const isHeight = (value: unknown): value is number => typeof value === 'number' && Number.isSafeInteger(value) && value >= -1;

/**
 * `blockchain.scripthash.listunspent` → `[{tx_hash, tx_pos, height, value}]`; height 0 for every mempool output
 * (recorded), unsorted here (utxos.ts sorts).
 */
export function parseListUnspent(result: unknown): BitcoinUtxo[] {
  if (!Array.isArray(result)) throw new ShapeError(`listunspent answered ${JSON.stringify(result).slice(0, 200)}, not a list`);
  return result.map((item: unknown) => {
    if (!isRecord(item) || !isTxid(item.tx_hash) || !isOutputIndex(item.tx_pos) || !isHeight(item.height))
      throw new ShapeError(`an unspent output is ${JSON.stringify(item)}, not {tx_hash, tx_pos, height, value}`);
    const value = satoshis(item.value, 'an unspent value');
    if (value < 0n) throw new ShapeError(`an unspent output of ${item.tx_hash}:${item.tx_pos} is worth ${value}`);
    return { txid: item.tx_hash.toLowerCase(), vout: item.tx_pos, value, height: item.height };
  });
}

/** `blockchain.scripthash.subscribe` → the script's status: null when it has no history, else a 64-hex hash. */
export function parseStatus(result: unknown): string | null {
  if (result === null) return null;
  if (!isTxid(result)) throw new ShapeError(`subscribe answered ${JSON.stringify(result).slice(0, 200)}, not a status hash or null`);
  return result.toLowerCase();
}
