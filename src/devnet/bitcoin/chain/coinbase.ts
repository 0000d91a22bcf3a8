import { bytesToHex, dsha256, hexToBytes } from './hashes.js';
import { merkleRoot } from './merkle.js';
import type { TxOutputSpec } from './model-types.js';
import { pushData, scriptNumber } from './script-ops.js';
import type { TxDraft } from './tx-codec.js';

const WITNESS_RESERVED_VALUE = '00'.repeat(32);
const COINBASE_TAG = new TextEncoder().encode('restore-scan test chain');

/**
 * The coinbase of a model block: BIP34 height push, the payouts, and (when the block holds witness data) the
 * BIP141 witness commitment over the other transactions' wtxids.
 */
export function coinbaseDraft(height: number, payouts: readonly TxOutputSpec[], otherWtxids: readonly string[] | undefined): TxDraft {
  const scriptSig = bytesToHex(new Uint8Array([...pushData(scriptNumber(height)), ...pushData(COINBASE_TAG)]));
  const outputs = [...payouts];
  let witness: string[] = [];
  if (otherWtxids !== undefined) {
    const leaves = [new Uint8Array(32), ...otherWtxids.map((w) => hexToBytes(w).reverse())];
    const commitment = dsha256(new Uint8Array([...merkleRoot(leaves), ...hexToBytes(WITNESS_RESERVED_VALUE)]));
    outputs.push({ scriptPubKey: `6a24aa21a9ed${bytesToHex(commitment)}`, value: 0 });
    witness = [WITNESS_RESERVED_VALUE];
  }
  return {
    version: 2,
    locktime: 0,
    prevouts: [null],
    unlocks: [{ sequence: 0xffffffff, scriptSig, witness }],
    outputs,
  };
}
