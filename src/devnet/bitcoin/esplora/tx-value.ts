import { rustAsm } from '../chain/asm.js';
import { requireBody } from '../chain/core-verbose-tx.js';
import { hexToBytes } from '../chain/hashes.js';
import type { ModelTx, TxPlacement } from '../chain/model-types.js';
import { type ScriptKind, classifyScript, scriptToAddress } from '../chain/script-address.js';
import { parseScript } from '../chain/script-ops.js';
import type { ChainModel } from '../chain-model.js';
import type { JsonValue } from '../wire/json-text.js';

/** electrs `scriptpubkey_type` names. */
const ESPLORA_TYPES: Readonly<Record<ScriptKind, string>> = Object.freeze({
  empty: 'empty', op_return: 'op_return', p2pk: 'p2pk', p2pkh: 'p2pkh', p2sh: 'p2sh', p2wpkh: 'v0_p2wpkh',
  p2wsh: 'v0_p2wsh', p2tr: 'v1_p2tr', witness_unknown: 'unknown', nonstandard: 'unknown',
});

const COINBASE_TXID = '00'.repeat(32);

/** electrs `TransactionStatus`. */
export function esploraStatus(placement: TxPlacement | undefined): JsonValue {
  if (placement === undefined || !placement.confirmed) return { confirmed: false };
  return {
    confirmed: true,
    block_height: placement.block.height,
    block_hash: placement.block.hash,
    block_time: placement.block.time,
  };
}

/** electrs `TxOutValue` (field order as serialized). */
export function esploraOutput(model: ChainModel, scriptHex: string, value: number): JsonValue {
  const script = hexToBytes(scriptHex);
  return {
    scriptpubkey: scriptHex,
    scriptpubkey_asm: rustAsm(script),
    scriptpubkey_type: ESPLORA_TYPES[classifyScript(script)],
    scriptpubkey_address: scriptToAddress(scriptHex, model.network),
    value,
  };
}

/** electrs `TransactionValue`: txid, version, locktime, vin (with prevouts), vout, size, weight, fee, status. */
export function esploraTx(model: ChainModel, tx: ModelTx): JsonValue {
  const body = requireBody(tx);
  const vin = tx.prevouts.map((prevout, i): JsonValue => {
    const unlock = body.unlocks[i]!;
    const spent = prevout === null ? undefined : model.output(prevout);
    const prevoutScript = spent?.scriptPubKey ?? undefined;
    const inner = prevoutScript === undefined ? {} : innerScripts(prevoutScript, unlock.scriptSig, unlock.witness);
    return {
      txid: prevout?.txid ?? COINBASE_TXID,
      vout: prevout?.vout ?? 0xffffffff,
      prevout: spent !== undefined && prevoutScript !== undefined ? esploraOutput(model, prevoutScript, spent.value) : null,
      scriptsig: unlock.scriptSig,
      scriptsig_asm: rustAsm(hexToBytes(unlock.scriptSig)),
      witness: unlock.witness.length > 0 ? [...unlock.witness] : undefined,
      is_coinbase: prevout === null,
      sequence: unlock.sequence,
      ...inner,
    };
  });
  return {
    txid: tx.txid,
    version: body.version,
    locktime: body.locktime,
    vin,
    vout: tx.outputs.map((output) => esploraOutput(model, output.scriptPubKey!, output.value)),
    size: body.size,
    weight: body.weight,
    fee: tx.fee ?? 0,
    status: esploraStatus(model.placement(tx.txid)),
  };
}

/** electrs `get_innerscripts`: the P2SH redeem script and the P2WSH witness script, as asm. */
function innerScripts(
  prevoutScriptHex: string,
  scriptSigHex: string,
  witness: readonly string[],
): { inner_redeemscript_asm?: string; inner_witnessscript_asm?: string } {
  const kind = classifyScript(hexToBytes(prevoutScriptHex));
  let redeem: Uint8Array | undefined;
  if (kind === 'p2sh') {
    const last = parseScript(hexToBytes(scriptSigHex)).ops.at(-1);
    redeem = last?.data;
  }
  const wrapsWitnessScript = kind === 'p2wsh' || (redeem !== undefined && classifyScript(redeem) === 'p2wsh');
  const witnessScript = wrapsWitnessScript && witness.length > 0 ? hexToBytes(witness[witness.length - 1]!) : undefined;
  return {
    inner_redeemscript_asm: redeem === undefined ? undefined : rustAsm(redeem),
    inner_witnessscript_asm: witnessScript === undefined ? undefined : rustAsm(witnessScript),
  };
}
