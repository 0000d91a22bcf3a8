import { RestoreScanError } from '../../errors.js';
import { TxRejected } from './chain-model.js';
import type { ChainModel } from './chain-model.js';
import { addressProblem, tryAddressToScript } from './chain/script-address.js';
import { esploraStatus, esploraTx } from './esplora/tx-value.js';
import { scriptStats } from './esplora/script-stats.js';
import { type HttpReply, type HttpServerHandle, pathSegments, startHttpServer } from './http/http-server.js';
import { type JsonValue, SERDE_JSON, writeJson } from './wire/json-text.js';

/** electrs page sizes (rest.rs): 25 confirmed transactions per page, at most 50 mempool ones. */
const CHAIN_TXS_PER_PAGE = 25;
const MAX_MEMPOOL_TXS = 50;
const TTL_SHORT = 10;

export interface EsploraServerOptions {
  /** The network the caller expects; it must be the model's (guards against wiring a server to the wrong chain). */
  readonly network?: ChainModel['network'];
}

/** Thrown by route code: answered as electrs' `HttpError(status, text)`, a text/plain body. */
class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly text: string,
  ) {
    super(text);
  }
}

/**
 * An Esplora (Blockstream electrs) REST server over the chain model, bound to 127.0.0.1 on an OS-chosen port.
 * Routes, page sizes, JSON field order and error texts follow electrs' rest.rs; see README.md.
 */
export async function startEsplora(model: ChainModel, options: EsploraServerOptions = {}): Promise<HttpServerHandle> {
  if (options.network !== undefined && options.network.id !== model.network.id) {
    throw new RestoreScanError('CONFIG', `the Esplora server was asked for ${options.network.id} but the model is ${model.network.id}`);
  }
  return startHttpServer(
    ({ method, url, body }) => {
      try {
        return route(model, method, url, body);
      } catch (error) {
        if (error instanceof HttpError) return text(error.status, error.text);
        throw error;
      }
    },
    (error) => text(500, error instanceof Error ? error.message : 'Internal server error'),
  );
}

function route(model: ChainModel, method: string, url: URL, body: string): HttpReply {
  const [a, b, c, d, e, f] = pathSegments(url);
  if (method === 'POST' && a === 'tx' && b === undefined) return broadcast(model, body);
  if (method !== 'GET') throw notFound(url);
  if (a === 'blocks' && b === 'tip' && c === 'height' && d === undefined) return text(200, String(model.tipHeight));
  if (a === 'blocks' && b === 'tip' && c === 'hash' && d === undefined) return text(200, model.tip.hash);
  if (a === 'block-height' && b !== undefined && c === undefined) {
    if (!/^\d+$/.test(b)) throw new HttpError(400, 'Invalid number');
    const block = model.blockAt(Number(b));
    if (block === undefined) throw new HttpError(404, 'Block not found');
    return text(200, block.hash);
  }
  if ((a === 'address' || a === 'scripthash') && b !== undefined) {
    const script = resolveScript(model, a, b);
    if (c === undefined) {
      const stats = scriptStats(model, script);
      // electrs builds this object with json!, whose map sorts keys: "scripthash" comes last.
      return a === 'address'
        ? json({ address: b, chain_stats: stats.chain, mempool_stats: stats.mempool })
        : json({ chain_stats: stats.chain, mempool_stats: stats.mempool, scripthash: b });
    }
    if (c === 'txs' && d === undefined) return json([...mempoolHistory(model, script), ...chainHistory(model, script, undefined)]);
    if (c === 'txs' && d === 'chain' && f === undefined) return json(chainHistory(model, script, e));
    if (c === 'txs' && d === 'mempool' && e === undefined) return json(mempoolHistory(model, script));
    if (c === 'utxo' && d === undefined) return json(utxos(model, script));
  }
  if (a === 'tx' && b !== undefined) {
    if (!/^[0-9a-fA-F]{64}$/.test(b)) throw new HttpError(400, 'Invalid hex string');
    const tx = model.tx(b);
    if (c === undefined && d === undefined) {
      if (tx === undefined) throw new HttpError(404, 'Transaction not found');
      return json(esploraTx(model, tx));
    }
    if (c === 'hex' && d === undefined) {
      if (tx === undefined) throw new HttpError(404, 'Transaction not found');
      if (tx.body === null) throw new HttpError(500, `the raw bytes of ${tx.txid} were not recorded`);
      return text(200, tx.body.raw);
    }
    if (c === 'status' && d === undefined) return json(esploraStatus(model.placement(b)));
  }
  throw notFound(url);
}

/** `/address/:a` or `/scripthash/:h` to the script it names (undefined: valid but never seen on chain). */
function resolveScript(model: ChainModel, kind: 'address' | 'scripthash', value: string): string | undefined {
  if (kind === 'scripthash') {
    if (!/^[0-9a-fA-F]{64}$/.test(value)) throw new HttpError(400, 'Invalid scripthash');
    return model.scriptByScripthash('esplora', value);
  }
  const script = tryAddressToScript(value, model.network);
  if (script !== undefined) return script;
  const problem = addressProblem(value, model.network);
  // rust-bitcoin's ParseError texts, as electrs passes them on; a valid address of another network has its own.
  throw new HttpError(
    400,
    problem === 'other-network' ? 'Address on invalid network' : problem === 'bech32' ? 'bech32 segwit decoding error' : 'base58 error',
  );
}

/** Confirmed history, newest first, 25 per page after `lastSeenTxid` (empty when that txid is not in it). */
function chainHistory(model: ChainModel, script: string | undefined, lastSeenTxid: string | undefined): JsonValue[] {
  const confirmed = (script === undefined ? [] : model.history(script)).filter((h) => h.placement.confirmed).reverse();
  let start = 0;
  if (lastSeenTxid !== undefined && /^[0-9a-fA-F]{64}$/.test(lastSeenTxid)) {
    const index = confirmed.findIndex((h) => h.txid === lastSeenTxid.toLowerCase());
    start = index < 0 ? confirmed.length : index + 1;
  }
  return confirmed.slice(start, start + CHAIN_TXS_PER_PAGE).map((h) => esploraTx(model, model.tx(h.txid)!));
}

/** Mempool history, newest first, at most 50. */
function mempoolHistory(model: ChainModel, script: string | undefined): JsonValue[] {
  const unconfirmed = (script === undefined ? [] : model.history(script)).filter((h) => !h.placement.confirmed).reverse();
  return unconfirmed.slice(0, MAX_MEMPOOL_TXS).map((h) => esploraTx(model, model.tx(h.txid)!));
}

/** Unspent outputs (a chain output spent in the mempool is gone): `{txid, vout, status, value}`. */
function utxos(model: ChainModel, script: string | undefined): JsonValue[] {
  return (script === undefined ? [] : model.utxos(script)).map((o) => ({
    txid: o.outpoint.txid,
    vout: o.outpoint.vout,
    status: esploraStatus(o.placement),
    value: o.value,
  }));
}

/** Bitcoin Core's RPC error codes for the model's reject texts; everything else is -26 (rejected by policy). */
const CORE_REJECT_CODES: Readonly<Record<string, number>> = Object.freeze({
  'TX decode failed': -22,
  'Missing inputs': -25,
  'Transaction already in block chain': -27,
});

/** `POST /tx`: the raw hex in the body; the txid as text, or electrs' 400 with the node's RPC error. */
function broadcast(model: ChainModel, body: string): HttpReply {
  try {
    return text(200, model.addRawTransaction(body.trim()));
  } catch (error) {
    if (!(error instanceof TxRejected)) throw error;
    const rpcError = JSON.stringify({ code: CORE_REJECT_CODES[error.reason] ?? -26, message: error.reason });
    throw new HttpError(400, `sendrawtransaction RPC error: ${rpcError}`);
  }
}

function notFound(url: URL): HttpError {
  return new HttpError(404, `endpoint does not exist ${JSON.stringify(url.pathname)}`);
}

function text(status: number, body: string): HttpReply {
  return { status, contentType: 'text/plain', body, headers: { 'Cache-Control': `public, max-age=${TTL_SHORT}` } };
}

function json(value: JsonValue): HttpReply {
  return {
    status: 200,
    contentType: 'application/json',
    body: writeJson(value, SERDE_JSON),
    headers: { 'Cache-Control': `public, max-age=${TTL_SHORT}` },
  };
}
