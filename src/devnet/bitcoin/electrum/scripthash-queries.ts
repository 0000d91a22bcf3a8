import { sha256Hex } from '../chain/hashes.js';
import type { ChainModel } from '../chain-model.js';
import type { JsonValue } from '../wire/json-text.js';
import { RPC_CODES, RpcError } from './rpc-error.js';

/** One `get_history` entry: confirmed `{tx_hash, height}`; mempool adds `fee` and uses height 0 or -1. */
export type ElectrumHistoryItem = {
  readonly tx_hash: string;
  readonly height: number;
  readonly fee?: number;
};

/**
 * History as ElectrumX 1.20 answered it under both 1.4 and 1.6: confirmed in chain order, then mempool entries
 * with height -1 when the transaction spends an unconfirmed output, else 0.
 */
export function electrumHistory(model: ChainModel, script: string | undefined): ElectrumHistoryItem[] {
  return statusEntries(model, script).map((entry) => {
    if (entry.height > 0) return entry;
    const fee = model.tx(entry.tx_hash)!.fee;
    if (fee === null) throw new RpcError(RPC_CODES.INTERNAL_ERROR, `internal error: the fee of ${entry.tx_hash} was not recorded`);
    return { ...entry, fee };
  });
}

/** History entries without fees: all the status hash needs. */
function statusEntries(model: ChainModel, script: string | undefined): { tx_hash: string; height: number }[] {
  if (script === undefined) return [];
  return model.history(script).map(({ txid, placement }) => ({
    tx_hash: txid,
    height: placement.confirmed ? placement.block.height : model.hasUnconfirmedParent(txid) ? -1 : 0,
  }));
}

/**
 * Script status: sha256 of the concatenated `"<tx_hash>:<height>:"` of every history entry, hex; null for no
 * history. The recording shows this same (pre-1.5 style) formula under 1.4 and 1.6, fee not included.
 */
export function electrumStatus(model: ChainModel, script: string | undefined): string | null {
  const history = statusEntries(model, script);
  return history.length === 0 ? null : sha256Hex(history.map((h) => `${h.tx_hash}:${h.height}:`).join(''));
}

/** `get_balance`: confirmed = unspent-in-chain outputs; unconfirmed = mempool delta (may be negative). */
export function electrumBalance(model: ChainModel, script: string | undefined): JsonValue {
  return script === undefined ? { confirmed: 0, unconfirmed: 0 } : model.balance(script);
}

/** `listunspent`: chain UTXOs not spent in the mempool, then mempool outputs, whose height is always 0. */
export function electrumListUnspent(model: ChainModel, script: string | undefined): JsonValue {
  return (script === undefined ? [] : model.utxos(script)).map((o) => ({
    tx_hash: o.outpoint.txid,
    tx_pos: o.outpoint.vout,
    height: o.placement.confirmed ? o.placement.block.height : 0,
    value: o.value,
  }));
}
