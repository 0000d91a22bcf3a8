/**
 * `startTronGrid(world)`: the TronGrid v1 account endpoints restore-scan uses, over a TronWorld, on 127.0.0.1:0.
 *
 *   GET /v1/accounts/{address}                       data[0] = the account, or data = [] (not activated)
 *   GET /v1/accounts/{address}/transactions          ?limit (≤ 200, default 20) &fingerprint
 *   GET /v1/accounts/{address}/transactions/trc20    ?limit &fingerprint &contract_address
 *   GET /v1/accounts/{address}/trc20/balance         ?limit &fingerprint &contract_address
 *
 * Paging: newest first; when more items follow, `meta.fingerprint` (opaque) and `meta.links.next` are set, and the
 * next page is asked with `fingerprint=`. Addresses in base58 (T…) or hex (41…).
 * Access control, modelled on TronGrid's documented behaviour: the key travels in the `TRON-PRO-API-KEY` header;
 * an unknown key gets 401 (its body echoes the key, as some gateways do — so tests can check clients redact it);
 * past the frequency limit every request gets 403 "…suspended for Ns" for N seconds. Error bodies are
 * `{success: false, error, statusCode}`; exact error texts of the real service are not documented and are modelled.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { accountJson, envelope, errorBody, transactionJson, trc20TransferJson } from './wire.js';
import { isTronAddress, tronFromHex, type TronTransaction, type TronWorld } from './tron-world.js';

export const API_KEY_HEADER = 'tron-pro-api-key';
const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 200;

export interface TronGridOptions {
  /** When set, a request must carry one of these keys; an unknown key gets 401. Requests without a key pass. */
  readonly apiKeys?: readonly string[];
  /** After `maxRequests` requests, every request gets 403 for `suspendSeconds`; then a fresh budget. */
  readonly frequencyLimit?: { readonly maxRequests: number; readonly suspendSeconds: number };
}

export interface TronGridRequest {
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly apiKey: string | undefined;
  readonly status: number;
}

export interface RunningTronGrid {
  readonly url: string;
  readonly requests: readonly TronGridRequest[];
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function addressParam(raw: string): string {
  const text = decodeURIComponent(raw);
  if (isTronAddress(text)) return text;
  const fromHex = tronFromHex(text.replace(/^0x/, '41'));
  if (fromHex !== undefined) return fromHex;
  throw new HttpError(400, 'Invalid address provided');
}

function limitParam(query: URLSearchParams): number {
  const raw = query.get('limit');
  if (raw === null) return DEFAULT_LIMIT;
  const limit = Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) throw new HttpError(400, `limit must be an integer within 1..${MAX_LIMIT}`);
  return limit;
}

function contractParam(query: URLSearchParams): string | undefined {
  const raw = query.get('contract_address');
  return raw === null ? undefined : addressParam(raw);
}

const encodeFingerprint = (list: string, key: string): string => Buffer.from(`${list}:${key}`).toString('base64url');

/** One page of `items` (keyed by `keyOf`) after the fingerprint, with the next fingerprint when more follow. */
function page<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  list: string,
  url: URL,
  baseUrl: string,
): { items: T[]; paging?: { fingerprint: string; next: string } } {
  const limit = limitParam(url.searchParams);
  const fingerprint = url.searchParams.get('fingerprint');
  let start = 0;
  if (fingerprint !== null && fingerprint !== '') {
    const decoded = Buffer.from(fingerprint, 'base64url').toString('utf8');
    const at = decoded.startsWith(`${list}:`) ? items.findIndex((item) => keyOf(item) === decoded.slice(list.length + 1)) : -1;
    if (at < 0) throw new HttpError(400, 'Invalid fingerprint');
    start = at + 1;
  }
  const slice = items.slice(start, start + limit);
  const last = slice.at(-1);
  if (start + limit >= items.length || last === undefined) return { items: slice };
  const next = new URL(url.pathname + url.search, baseUrl);
  const value = encodeFingerprint(list, keyOf(last));
  next.searchParams.set('fingerprint', value);
  return { items: slice, paging: { fingerprint: value, next: next.toString() } };
}

function route(world: TronWorld, url: URL, baseUrl: string): object {
  const parts = url.pathname.split('/').filter(Boolean);
  if (parts[0] !== 'v1' || parts[1] !== 'accounts' || parts[2] === undefined) throw new HttpError(404, 'Not Found');
  const address = addressParam(parts[2]);
  const rest = parts.slice(3).join('/');
  const txKey = (tx: TronTransaction) => tx.txID;
  switch (rest) {
    case '': {
      const account = accountJson(world, address);
      return envelope(world, account === undefined ? [] : [account]);
    }
    case 'transactions': {
      const { items, paging } = page(world.transactionsOf(address), txKey, 'tx', url, baseUrl);
      return envelope(world, items.map(transactionJson), paging);
    }
    case 'transactions/trc20': {
      const list = world.trc20TransfersOf(address, contractParam(url.searchParams));
      const { items, paging } = page(list, txKey, 'trc20', url, baseUrl);
      return envelope(world, items.map((tx) => trc20TransferJson(world, tx)), paging);
    }
    case 'trc20/balance': {
      const only = contractParam(url.searchParams);
      const balances = [...world.tokenBalances(address)]
        .filter(([contract]) => only === undefined || contract === only)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      const { items, paging } = page(balances, ([contract]) => contract, 'balance', url, baseUrl);
      return envelope(world, items.map(([contract, amount]) => ({ [contract]: amount.toString() })), paging);
    }
    default:
      throw new HttpError(404, 'Not Found');
  }
}

function send(res: ServerResponse, status: number, body: object): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

export async function startTronGrid(world: TronWorld, options: TronGridOptions = {}): Promise<RunningTronGrid> {
  const requests: TronGridRequest[] = [];
  const limit = options.frequencyLimit;
  let budgetUsed = 0;
  let suspendedUntil = 0;
  let baseUrl = '';

  function answer(req: IncomingMessage, apiKey: string | undefined, url: URL): { status: number; body: object } {
    if (apiKey !== undefined && options.apiKeys !== undefined && !options.apiKeys.includes(apiKey))
      return { status: 401, body: errorBody(401, `ApiKey not exists: ${apiKey}`) };
    if (limit !== undefined) {
      const now = performance.now();
      if (now < suspendedUntil || ++budgetUsed > limit.maxRequests) {
        if (now >= suspendedUntil) suspendedUntil = now + limit.suspendSeconds * 1000;
        budgetUsed = 0;
        const message = `The key exceeds the frequency limit(${limit.maxRequests}), and the query server is suspended for ${limit.suspendSeconds}s`;
        return { status: 403, body: errorBody(403, message) };
      }
    }
    if (req.method !== 'GET') return { status: 405, body: errorBody(405, 'Method Not Allowed') };
    try {
      return { status: 200, body: route(world, url, baseUrl) };
    } catch (err) {
      if (err instanceof HttpError) return { status: err.status, body: errorBody(err.status, err.message) };
      throw err;
    }
  }

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', baseUrl);
    const header = req.headers[API_KEY_HEADER];
    const apiKey = Array.isArray(header) ? header[0] : header;
    let result: { status: number; body: object };
    try {
      result = answer(req, apiKey, url);
    } catch (err) {
      result = { status: 500, body: errorBody(500, err instanceof Error ? err.message : String(err)) };
    }
    requests.push({ path: url.pathname, query: Object.fromEntries(url.searchParams), apiKey, status: result.status });
    send(res, result.status, result.body);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: baseUrl,
    requests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
