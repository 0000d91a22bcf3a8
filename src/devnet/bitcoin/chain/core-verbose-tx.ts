import { RestoreScanError } from '../../../errors.js';
import type { ChainModel } from '../chain-model.js';
import { JsonNumberText, type JsonValue } from '../wire/json-text.js';
import { pythonFloat } from '../wire/python-values.js';
import { coreAsm } from './asm.js';
import { hexToBytes } from './hashes.js';
import type { ModelTx, TxBody } from './model-types.js';
import { type ScriptKind, classifyScript, coreAddressOf } from './script-address.js';

/**
 * How amounts appear: ElectrumX decodes the node's JSON and re-encodes amounts as Python floats (`1.0`);
 * Blockbook passes the node's bytes through (`1.00000000`).
 */
export type AmountStyle = 'python-float' | 'core-decimal';

const CORE_TYPES: Readonly<Record<ScriptKind, string>> = Object.freeze({
  empty: 'nonstandard', nonstandard: 'nonstandard', op_return: 'nulldata', p2pk: 'pubkey', p2pkh: 'pubkeyhash',
  p2sh: 'scripthash', p2wpkh: 'witness_v0_keyhash', p2wsh: 'witness_v0_scripthash', p2tr: 'witness_v1_taproot',
  witness_unknown: 'witness_unknown',
});

/** `getrawtransaction <txid> true` of Bitcoin Core 0.21 (plus Litecoin's `ismweb` members on MWEB networks). */
export function coreVerboseTx(model: ChainModel, tx: ModelTx, amounts: AmountStyle): JsonValue {
  const body = requireBody(tx);
  const mweb = model.network.verboseTxHasMweb ? { ismweb: false } : {};
  const amount = (sats: number): JsonValue =>
    amounts === 'python-float' ? pythonFloat(sats / 1e8) : new JsonNumberText(coreDecimal(sats));
  const vin = tx.prevouts.map((prevout, i): JsonValue => {
    const unlock = body.unlocks[i]!;
    const witness = unlock.witness.length > 0 ? { txinwitness: [...unlock.witness] } : {};
    if (prevout === null) return { ...mweb, coinbase: unlock.scriptSig, ...witness, sequence: unlock.sequence };
    return {
      ...mweb,
      txid: prevout.txid,
      vout: prevout.vout,
      scriptSig: { asm: coreAsm(hexToBytes(unlock.scriptSig), true), hex: unlock.scriptSig },
      ...witness,
      sequence: unlock.sequence,
    };
  });
  const vout = tx.outputs.map((output, n): JsonValue => ({
    ...mweb,
    value: amount(output.value),
    n,
    scriptPubKey: scriptPubKeyJson(model, output.scriptPubKey!),
  }));
  const placement = model.placement(tx.txid);
  const mined =
    placement?.confirmed === true
      ? {
          blockhash: placement.block.hash,
          confirmations: model.tipHeight - placement.block.height + 1,
          time: placement.block.time,
          blocktime: placement.block.time,
        }
      : {};
  return {
    txid: tx.txid,
    hash: body.wtxid,
    version: body.version,
    size: body.size,
    vsize: body.vsize,
    weight: body.weight,
    locktime: body.locktime,
    vin,
    vout,
    hex: body.raw,
    ...mined,
  };
}

function scriptPubKeyJson(model: ChainModel, scriptHex: string): JsonValue {
  const script = hexToBytes(scriptHex);
  const type = CORE_TYPES[classifyScript(script)];
  const address = coreAddressOf(scriptHex, model.network);
  const base = { asm: coreAsm(script), hex: scriptHex };
  if (address === undefined) return { ...base, type };
  return { ...base, reqSigs: 1, type, addresses: [address] };
}

/** Core's `ValueFromAmount` text: always 8 decimals. */
export function coreDecimal(sats: number): string {
  const sign = sats < 0 ? '-' : '';
  const abs = Math.abs(sats);
  return `${sign}${Math.floor(abs / 1e8)}.${String(abs % 1e8).padStart(8, '0')}`;
}

export function requireBody(tx: ModelTx): TxBody {
  if (tx.body === null) {
    throw new RestoreScanError('INTERNAL', `the raw bytes of transaction ${tx.txid} were not recorded`);
  }
  return tx.body;
}
