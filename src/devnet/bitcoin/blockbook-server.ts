import { InputError } from '../../errors.js';
import type { ChainModel } from './chain-model.js';
import { coreVerboseTx } from './chain/core-verbose-tx.js';
import { tryAddressToScript } from './chain/script-address.js';
import { DETAILS, type Details, type TokensFilter, addressResponse, addressUtxos, scanXpub, xpubResponse, xpubUtxos } from './blockbook/accounts.js';
import { blockbookTx } from './blockbook/tx-value.js';
import { type XpubAccount, parseXpubOrDescriptor } from './blockbook/xpub-descriptor.js';
import { type HttpReply, type HttpServerHandle, startHttpServer } from './http/http-server.js';
import { GO_JSON, type JsonValue, writeJson } from './wire/json-text.js';

/** Blockbook's `txsInAPI`: the default and maximum page size. */
const MAX_PAGE_SIZE = 1000;
const BLOCKBOOK_VERSION = '0.4.0';
/** Blockbook's "Invalid address, <btcutil error>" with btcutil's text for an undecodable string (assumed). */
const INVALID_ADDRESS = 'Invalid address, decoded address is of unknown format';

/** A public API error: Blockbook answers `{"error": text}` with HTTP 400. */
class ApiError extends Error {
  constructor(readonly text: string) {
    super(text);
  }
}

/**
 * A Blockbook API v2 server (Bitcoin-type coin) over the chain model, on 127.0.0.1 with an OS-chosen port:
 * `/api/v2/address`, `/api/v2/xpub` (server-side gap scan with @scure/bip32), `/api/v2/utxo`, `/api/v2/tx`,
 * `/api/v2/tx-specific`, `/api/v2/block-index` and the `/api` status page. Shapes follow trezor/blockbook's
 * api/types.go and docs/api.md; see README.md.
 */
export function startBlockbook(model: ChainModel): Promise<HttpServerHandle> {
  const accounts = new Map<string, XpubAccount>();
  return startHttpServer(
    ({ method, url }) => {
      if (method !== 'GET') return notFound();
      try {
        return route(model, url, accounts);
      } catch (error) {
        if (error instanceof ApiError) return json({ error: error.text }, 400);
        throw error;
      }
    },
    () => json({ error: 'Internal server error' }, 500),
  );
}

function route(model: ChainModel, url: URL, accounts: Map<string, XpubAccount>): HttpReply {
  const path = url.pathname;
  const query = url.searchParams;
  if (path === '/api' || path === '/api/' || path === '/api/v2' || path === '/api/v2/') return json(status(model));
  const [, kind, rest] = /^\/api\/v2\/(address|xpub|utxo|tx|tx-specific|block-index)\/(.+)$/.exec(path) ?? [];
  if (kind === undefined || rest === undefined) return notFound();
  const param = decodeURIComponent(rest);
  switch (kind) {
    case 'address': {
      const script = tryAddressToScript(param, model.network);
      if (script === undefined) throw new ApiError(INVALID_ADDRESS);
      return json(addressResponse(model, script, accountQuery(query)));
    }
    case 'xpub': {
      const account = parseAccount(model, param, accounts);
      const derived = scanXpub(model, account, integer(query.get('gap')) ?? 0);
      return json(xpubResponse(model, param, derived, { ...accountQuery(query), tokens: tokensFilter(query.get('tokens')) }));
    }
    case 'utxo': {
      const onlyConfirmed = booleanParam(query.get('confirmed'), 'confirmed');
      const script = tryAddressToScript(param, model.network);
      if (script !== undefined) return json(addressUtxos(model, script, onlyConfirmed));
      // Blockbook tries the xpub form first and, when that fails, answers as for an address.
      let account: XpubAccount;
      try {
        account = parseAccount(model, param, accounts);
      } catch (error) {
        if (error instanceof ApiError) throw new ApiError(INVALID_ADDRESS);
        throw error;
      }
      return json(xpubUtxos(model, scanXpub(model, account, integer(query.get('gap')) ?? 0), onlyConfirmed));
    }
    case 'tx':
    case 'tx-specific': {
      const tx = /^[0-9a-fA-F]{64}$/.test(param) ? model.tx(param) : undefined;
      if (tx === undefined) throw new ApiError(`Transaction '${param}' not found`);
      return json(kind === 'tx' ? blockbookTx(model, tx) : coreVerboseTx(model, tx, 'core-decimal'));
    }
    default: {
      const height = integer(param);
      const block = height === undefined ? undefined : model.blockAt(height);
      if (block === undefined) throw new ApiError(`Block ${param} not found`);
      return json({ blockHash: block.hash });
    }
  }
}

/** The account an xpub/descriptor names, parsed once per server (its derived scripts are cached inside). */
function parseAccount(model: ChainModel, param: string, accounts: Map<string, XpubAccount>): XpubAccount {
  try {
    let account = accounts.get(param);
    if (account === undefined) {
      account = parseXpubOrDescriptor(param, model.network);
      accounts.set(param, account);
    }
    return account;
  } catch (error) {
    if (error instanceof InputError) throw new ApiError(`Invalid xpub or descriptor: ${error.shortMessage}`);
    throw error;
  }
}

/** page/pageSize/details as Blockbook's `getAddressQueryParams` reads them. */
function accountQuery(query: URLSearchParams): { details: Details; page: number; pageSize: number } {
  const detailsParam = query.get('details');
  const details = DETAILS.find((d) => d === detailsParam) ?? 'txids';
  const page = Math.max(0, (integer(query.get('page')) ?? 0) - 1);
  const requestedSize = integer(query.get('pageSize'));
  const pageSize = requestedSize === undefined || requestedSize <= 0 || requestedSize > MAX_PAGE_SIZE ? MAX_PAGE_SIZE : requestedSize;
  return { details, page, pageSize };
}

function tokensFilter(value: string | null): TokensFilter {
  return value === 'used' || value === 'derived' ? value : 'nonzero';
}

/** Go's `strconv.Atoi`: an optional sign and digits, else no value. */
function integer(value: string | null): number | undefined {
  return value !== null && /^[+-]?\d+$/.test(value) ? Number(value) : undefined;
}

/** Go's `strconv.ParseBool`, with Blockbook's error text. */
function booleanParam(value: string | null, name: string): boolean {
  if (value === null || value === '') return false;
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(value)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(value)) return false;
  throw new ApiError(`Parameter '${name}' cannot be converted to boolean`);
}

/** The `/api` status page (docs/api.md "Status page"). */
function status(model: ChainModel): JsonValue {
  const tip = model.tip;
  const time = (t: number) => new Date(t * 1000).toISOString().replace('.000Z', 'Z');
  const mempool = model.mempoolTxids();
  const lastMempool = mempool.length > 0 ? model.tx(mempool[mempool.length - 1]!)!.firstSeen : tip.time;
  return {
    blockbook: {
      coin: model.network.coinName,
      host: 'restore-scan-test',
      version: BLOCKBOOK_VERSION,
      gitCommit: 'local',
      buildTime: time(model.blockAt(0)?.time ?? tip.time),
      syncMode: true,
      initialSync: false,
      inSync: true,
      bestHeight: model.tipHeight,
      lastBlockTime: time(tip.time),
      inSyncMempool: true,
      lastMempoolTime: time(lastMempool),
      mempoolSize: mempool.length,
      decimals: 8,
      dbSize: 0,
      about: 'Blockbook - blockchain indexer for Trezor wallet https://trezor.io/. Do not use for any other purpose.',
    },
    backend: {
      chain: model.network.chain,
      blocks: model.tipHeight,
      headers: model.tipHeight,
      bestBlockHash: tip.hash,
      difficulty: '4.656542373906925e-10',
      sizeOnDisk: 0,
      version: '210000',
      subversion: '/Satoshi:0.21.0/',
      protocolVersion: '70016',
    },
  };
}

/** Go's `json.NewEncoder(w).Encode`: HTML-safe escaping and a trailing newline. */
function json(value: JsonValue, status = 200): HttpReply {
  return { status, contentType: 'application/json; charset=utf-8', body: `${writeJson(value, GO_JSON)}\n` };
}

function notFound(): HttpReply {
  return { status: 404, contentType: 'text/plain; charset=utf-8', body: '404 page not found\n' };
}
