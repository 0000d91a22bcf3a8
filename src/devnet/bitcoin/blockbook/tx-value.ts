import type { ChainModel } from '../chain-model.js';
import { coreVerboseTx, requireBody } from '../chain/core-verbose-tx.js';
import { hexToBytes } from '../chain/hashes.js';
import type { ModelTx } from '../chain/model-types.js';
import { classifyScript, coreAddressOf } from '../chain/script-address.js';
import { parseScript } from '../chain/script-ops.js';
import type { JsonValue } from '../wire/json-text.js';

/** Blockbook's estimate for a mempool transaction when the mempool is small (worker.go getConfirmationETA). */
const ETA_BLOCKS = 1;
const AVG_BLOCK_PERIOD = 600;
/** Blockbook flags coinbase UTXOs only below this many confirmations. */
export const COINBASE_MATURITY = 100;

/** Amounts are decimal strings in base units. */
export const amount = (n: number): string => String(n);

/** Blockbook's addresses/isAddress for an output script (OP_RETURN shows its data, like Blockbook's parser). */
export function addressesOf(model: ChainModel, scriptHex: string): { addresses: string[] | null; isAddress: boolean } {
  const script = hexToBytes(scriptHex);
  if (classifyScript(script) === 'op_return') {
    const data = parseScript(script.subarray(1)).ops.flatMap((op) => (op.data === undefined ? [] : [...op.data]));
    const printable = data.length > 0 && data.every((b) => b >= 0x20 && b < 0x7f);
    const shown = printable ? `(${String.fromCharCode(...data)})` : Buffer.from(data).toString('hex');
    return { addresses: [`OP_RETURN ${shown}`], isAddress: false };
  }
  const address = coreAddressOf(scriptHex, model.network);
  return address === undefined ? { addresses: null, isAddress: false } : { addresses: [address], isAddress: true };
}

/**
 * Blockbook API v2 `Tx` of a Bitcoin-type coin (api/types.go field order, Go `omitempty` rules): `isOwn` marks
 * the inputs and outputs of `own` addresses; mempool transactions carry blockHeight -1, an ETA and the node's
 * verbose JSON as `coinSpecificData`.
 */
export function blockbookTx(model: ChainModel, tx: ModelTx, own: ReadonlySet<string> = new Set(), withHex = true): JsonValue {
  const body = requireBody(tx);
  const placement = model.placement(tx.txid);
  const confirmed = placement?.confirmed === true ? placement : undefined;
  let valueIn = 0;
  const vin = tx.prevouts.map((prevout, n): JsonValue => {
    const unlock = body.unlocks[n]!;
    const spent = prevout === null ? undefined : model.output(prevout);
    const script = spent?.scriptPubKey ?? undefined;
    const shown = script === undefined ? { addresses: null, isAddress: false } : addressesOf(model, script);
    if (spent !== undefined) valueIn += spent.value;
    return {
      txid: prevout?.txid,
      vout: prevout === null || prevout.vout === 0 ? undefined : prevout.vout,
      sequence: unlock.sequence === 0 ? undefined : unlock.sequence,
      n,
      addresses: shown.addresses ?? undefined,
      isAddress: shown.isAddress,
      isOwn: shown.addresses?.some((a) => own.has(a)) === true ? true : undefined,
      value: spent === undefined ? undefined : amount(spent.value),
      hex: prevout === null || unlock.scriptSig === '' ? undefined : unlock.scriptSig,
      coinbase: prevout === null ? unlock.scriptSig : undefined,
    };
  });
  const valueOut = tx.outputs.reduce((sum, o) => sum + o.value, 0);
  const vout = tx.outputs.map((output, n): JsonValue => {
    const shown = addressesOf(model, output.scriptPubKey!);
    const spender = confirmed === undefined ? undefined : model.spenderOf({ txid: tx.txid, vout: n });
    return {
      value: amount(output.value),
      n,
      spent: spender?.placement.confirmed === true ? true : undefined,
      hex: output.scriptPubKey!,
      addresses: shown.addresses,
      isAddress: shown.isAddress,
      isOwn: shown.addresses?.some((a) => own.has(a)) === true ? true : undefined,
    };
  });
  const rbf = confirmed === undefined && body.unlocks.some((u) => u.sequence < 0xfffffffe);
  return {
    txid: tx.txid,
    version: body.version === 0 ? undefined : body.version,
    lockTime: body.locktime === 0 ? undefined : body.locktime,
    vin,
    vout,
    blockHash: confirmed?.block.hash,
    blockHeight: confirmed?.block.height ?? -1,
    confirmations: confirmed === undefined ? 0 : model.tipHeight - confirmed.block.height + 1,
    confirmationETABlocks: confirmed === undefined ? ETA_BLOCKS : undefined,
    confirmationETASeconds: confirmed === undefined ? ETA_BLOCKS * AVG_BLOCK_PERIOD : undefined,
    blockTime: confirmed?.block.time ?? tx.firstSeen,
    size: body.size,
    vsize: body.vsize,
    value: amount(valueOut),
    valueIn: amount(valueIn),
    fees: amount(Math.max(0, tx.prevouts[0] === null ? 0 : valueIn - valueOut)),
    hex: withHex ? body.raw : undefined,
    rbf: rbf ? true : undefined,
    coinSpecificData: confirmed === undefined ? coreVerboseTx(model, tx, 'core-decimal') : undefined,
  };
}
