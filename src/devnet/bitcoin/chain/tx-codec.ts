import { Transaction } from 'bitcoinjs-lib';
import { bytesToHex, hexToBytes } from './hashes.js';
import type { InputUnlock, ModelTxOutput, OutPoint, TxBody, TxOutputSpec } from './model-types.js';

const COINBASE_PREV_HASH = new Uint8Array(32);
const COINBASE_PREV_INDEX = 0xffffffff;

export interface TxDraft {
  readonly version: number;
  readonly locktime: number;
  /** Spent outpoints; null for the coinbase input. */
  readonly prevouts: readonly (OutPoint | null)[];
  readonly unlocks: readonly InputUnlock[];
  readonly outputs: readonly TxOutputSpec[];
}

export interface DecodedTx {
  readonly txid: string;
  readonly prevouts: readonly (OutPoint | null)[];
  readonly outputs: readonly ModelTxOutput[];
  readonly body: TxBody;
}

/** Serializes a draft with bitcoinjs-lib, so txid, wtxid, size and weight are those of real Bitcoin bytes. */
export function encodeTx(draft: TxDraft): DecodedTx {
  if (draft.prevouts.length !== draft.unlocks.length) throw new RangeError('every input needs its unlocking data');
  const tx = new Transaction();
  tx.version = draft.version;
  tx.locktime = draft.locktime;
  draft.prevouts.forEach((prevout, i) => {
    const unlock = draft.unlocks[i]!;
    const hash = prevout === null ? COINBASE_PREV_HASH : hexToBytes(prevout.txid).reverse();
    const index = prevout === null ? COINBASE_PREV_INDEX : prevout.vout;
    tx.addInput(hash, index, unlock.sequence, hexToBytes(unlock.scriptSig));
    tx.setWitness(i, unlock.witness.map((item) => hexToBytes(item)));
  });
  for (const output of draft.outputs) tx.addOutput(hexToBytes(output.scriptPubKey), BigInt(output.value));
  return describe(tx);
}

/** Parses genuine raw transaction hex (recorded traffic or a broadcast). */
export function decodeTx(rawHex: string): DecodedTx {
  return describe(Transaction.fromHex(rawHex));
}

function describe(tx: Transaction): DecodedTx {
  const prevouts = tx.ins.map((input) =>
    input.index === COINBASE_PREV_INDEX && input.hash.every((b) => b === 0)
      ? null
      : { txid: bytesToHex(Uint8Array.from(input.hash).reverse()), vout: input.index },
  );
  const outputs = tx.outs.map((output) => ({ scriptPubKey: bytesToHex(output.script), value: toSafeNumber(output.value) }));
  const body: TxBody = {
    raw: tx.toHex(),
    wtxid: bytesToHex(tx.getHash(true).reverse()),
    version: tx.version,
    locktime: tx.locktime,
    size: tx.byteLength(),
    vsize: tx.virtualSize(),
    weight: tx.weight(),
    unlocks: tx.ins.map((input) => ({
      sequence: input.sequence,
      scriptSig: bytesToHex(input.script),
      witness: input.witness.map((item) => bytesToHex(item)),
    })),
  };
  return { txid: tx.getId(), prevouts, outputs, body };
}

function toSafeNumber(value: bigint): number {
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`output value ${value} exceeds the model's range`);
  return Number(value);
}
