/** Plain data types of the in-memory chain model. Hashes and scripts are lower-case hex; amounts in base units. */

export interface OutPoint {
  readonly txid: string;
  readonly vout: number;
}

/** An output to create: a scriptPubKey and a value. */
export interface TxOutputSpec {
  readonly scriptPubKey: string;
  readonly value: number;
}

/** An output held by the model; the script is null only for recorded transactions whose script was not recorded. */
export interface ModelTxOutput {
  readonly scriptPubKey: string | null;
  readonly value: number;
}

/** How an input unlocks its coin, as serialized. */
export interface InputUnlock {
  readonly sequence: number;
  readonly scriptSig: string;
  readonly witness: readonly string[];
}

/** The serialized form of a transaction: everything a raw-hex or decoded-tx answer needs. */
export interface TxBody {
  readonly raw: string;
  readonly wtxid: string;
  readonly version: number;
  readonly locktime: number;
  readonly size: number;
  readonly vsize: number;
  readonly weight: number;
  readonly unlocks: readonly InputUnlock[];
}

export interface ModelTx {
  readonly txid: string;
  /**
   * Spent outpoints in input order; null marks the coinbase input. For a recorded transaction without raw
   * bytes (`body` null) only the spends the recording shows.
   */
  readonly prevouts: readonly (OutPoint | null)[];
  readonly outputs: readonly ModelTxOutput[];
  /** Fee in base units: 0 for coinbases, null when a spent coin's value is unknown to the model. */
  readonly fee: number | null;
  /** Unix time the model first saw the transaction (mempool entry, or its block's time when imported mined). */
  readonly firstSeen: number;
  /** Null for recorded transactions known only by txid, inputs and outputs (their raw bytes were not recorded). */
  readonly body: TxBody | null;
}

export interface ModelBlock {
  readonly height: number;
  readonly hash: string;
  /** 80-byte header, hex. */
  readonly header: string;
  readonly time: number;
  /** Transactions in block order (for recorded blocks: the recorded ones only). */
  readonly txids: readonly string[];
}

/** Where a transaction sits: in a block at `position`, or in the mempool as the `order`-th entry. */
export type TxPlacement =
  | { readonly confirmed: true; readonly block: ModelBlock; readonly position: number }
  | { readonly confirmed: false; readonly order: number };

export interface Spender {
  readonly txid: string;
  readonly vin: number;
  readonly placement: TxPlacement;
}

/** One output ever paid to a script, with where it was created and (if so) where it was spent. */
export interface ScriptOutput {
  readonly outpoint: OutPoint;
  readonly value: number;
  readonly placement: TxPlacement;
  readonly coinbase: boolean;
  readonly spentBy: Spender | undefined;
}

/** Emitted after every change: which transactions entered the mempool or were mined. */
export interface ChainChange {
  readonly kind: 'mempool' | 'block';
  readonly txids: readonly string[];
}
