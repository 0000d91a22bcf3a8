import type { EvmNode } from '../evm/clients.js';
import { createChainIndex, type ChainIndex, type IndexedTransfer, type IndexedTx, type TokenStandard } from './chain-index.js';
import { startJsonServer, type JsonReply, type JsonRequest, type LocalServer } from './http.js';

/**
 * A local Etherscan API v2 (`GET /v2/api?chainid=…&module=account&action=…`), one server for several chains, each
 * answered from a real anvil node through a ChainIndex. The `{status, message, result}` envelope, decimal-string
 * numbers, "No transactions found", the 10,000-record window and the error texts follow Etherscan's docs (README.md).
 */

export interface EtherscanServerOptions {
  /** When set, requests must carry one of these keys as `apikey`. */
  apiKeys?: readonly string[];
  /** Every Nth request is answered "Max rate limit reached" (status "0"), before any work. */
  rateLimitEvery?: number;
  /** page × offset limit (default 10,000 as on Etherscan); smaller values exercise clients' window restarts. */
  resultWindow?: number;
}

export interface EtherscanServer extends LocalServer {
  readonly indexes: ReadonlyMap<number, ChainIndex>;
}

/** Etherscan caps page × offset (research A4). */
export const RESULT_WINDOW = 10_000;
const BALANCEMULTI_MAX = 20;
const ADDRESS = /^0x[0-9a-fA-F]{40}$/;

const envelope = (status: '0' | '1', message: string, result: unknown): JsonReply => ({ status: 200, body: { status, message, result } });
const okResult = (result: unknown): JsonReply => envelope('1', 'OK', result);
const notOk = (text: string): JsonReply => envelope('0', 'NOTOK', text);
const noTransactions = envelope('0', 'No transactions found', []);

const TEXT = Object.freeze({
  chainId:
    'Missing or unsupported chainid parameter (required for v2 api), please see https://api.etherscan.io/v2/chainlist for the list of supported chainids',
  apiKey: 'Invalid API Key (#err2)|Missing/Invalid API Key',
  rateLimit: 'Max rate limit reached',
  address: 'Error! Invalid address format',
  module: 'Error! Missing Or invalid Module name',
  action: 'Error! Missing Or invalid Action name',
  tooMany: `Error! Maximum of ${BALANCEMULTI_MAX} addresses per request`,
});

const ACTION_STANDARD: Readonly<Record<string, TokenStandard>> = Object.freeze({
  tokentx: 'erc20',
  tokennfttx: 'erc721',
  token1155tx: 'erc1155',
});

function txRecord(tx: IndexedTx, head: number): Record<string, string> {
  const selector = tx.to !== null && tx.input.length >= 10 ? tx.input.slice(0, 10) : '0x';
  return {
    blockNumber: String(tx.blockNumber),
    timeStamp: String(tx.timeStamp),
    hash: tx.hash,
    nonce: String(tx.nonce),
    blockHash: tx.blockHash,
    transactionIndex: String(tx.transactionIndex),
    from: tx.from,
    to: tx.to ?? '',
    value: String(tx.value),
    gas: String(tx.gas),
    gasPrice: String(tx.gasPrice),
    isError: tx.success ? '0' : '1',
    txreceipt_status: tx.success ? '1' : '0',
    input: tx.input,
    contractAddress: tx.contractAddress ?? '',
    cumulativeGasUsed: String(tx.cumulativeGasUsed),
    gasUsed: String(tx.gasUsed),
    confirmations: String(head - tx.blockNumber + 1),
    methodId: selector,
    functionName: '',
  };
}

async function transferRecord(index: ChainIndex, t: IndexedTransfer, head: number): Promise<Record<string, string>> {
  const info = await index.token(t.contract);
  const base = {
    blockNumber: String(t.tx.blockNumber),
    timeStamp: String(t.tx.timeStamp),
    hash: t.tx.hash,
    nonce: String(t.tx.nonce),
    blockHash: t.tx.blockHash,
    from: t.from,
    contractAddress: t.contract,
    to: t.to,
  };
  const tail = {
    transactionIndex: String(t.tx.transactionIndex),
    gas: String(t.tx.gas),
    gasPrice: String(t.tx.gasPrice),
    gasUsed: String(t.tx.gasUsed),
    cumulativeGasUsed: String(t.tx.cumulativeGasUsed),
    input: 'deprecated',
    confirmations: String(head - t.tx.blockNumber + 1),
  };
  const names = { tokenName: info?.name ?? '', tokenSymbol: info?.symbol ?? '' };
  switch (t.standard) {
    case 'erc20':
      return { ...base, value: String(t.amount), ...names, tokenDecimal: String(info?.decimals ?? ''), ...tail };
    case 'erc721':
      return { ...base, tokenID: String(t.tokenId), ...names, tokenDecimal: '0', ...tail };
    case 'erc1155':
      return { ...base, ...tail, tokenID: String(t.tokenId), tokenValue: String(t.amount), ...names };
  }
}

interface Paging {
  page: number;
  offset: number;
  startblock: number;
  endblock: number;
  descending: boolean;
}

function paging(query: URLSearchParams, window: number): Paging | string {
  const number = (name: string, fallback: number): number => {
    const raw = query.get(name);
    if (raw === null || raw === '' || raw === 'latest') return fallback;
    const n = Number(raw);
    return Number.isSafeInteger(n) && n >= 0 ? n : NaN;
  };
  const page = number('page', 1);
  const offset = number('offset', window);
  const startblock = number('startblock', 0);
  const endblock = number('endblock', Number.MAX_SAFE_INTEGER);
  if ([page, offset, startblock, endblock].some(Number.isNaN)) return 'Error! Invalid paging parameters';
  if (page < 1 || offset < 1) return 'Error! Invalid paging parameters';
  if (page * offset > window) return `Result window is too large, PageNo x Offset size must be less than or equal to ${window}`;
  return { page, offset, startblock, endblock, descending: query.get('sort') === 'desc' };
}

function pageOf<T extends { blockNumber: number }>(items: T[], p: Paging): T[] {
  const inRange = items.filter((item) => item.blockNumber >= p.startblock && item.blockNumber <= p.endblock);
  if (p.descending) inRange.reverse();
  return inRange.slice((p.page - 1) * p.offset, p.page * p.offset);
}

export async function startEtherscan(nodes: Readonly<Record<number, EvmNode>>, options: EtherscanServerOptions = {}): Promise<EtherscanServer> {
  const indexes = new Map<number, ChainIndex>(Object.entries(nodes).map(([id, node]) => [Number(id), createChainIndex(node)]));
  let served = 0;
  const window = options.resultWindow ?? RESULT_WINDOW;

  async function account(index: ChainIndex, action: string, query: URLSearchParams): Promise<JsonReply> {
    const address = query.get('address') ?? '';
    if (action === 'balancemulti') {
      const list = address.split(',').map((a) => a.trim());
      if (list.length > BALANCEMULTI_MAX) return notOk(TEXT.tooMany);
      if (!list.every((a) => ADDRESS.test(a))) return notOk(TEXT.address);
      return okResult(await Promise.all(list.map(async (a) => ({ account: a.toLowerCase(), balance: String(await index.balance(a)) }))));
    }
    if (!ADDRESS.test(address)) return notOk(TEXT.address);
    await index.refresh();
    const head = index.head();
    switch (action) {
      case 'balance':
        return okResult(String(await index.balance(address)));
      case 'tokenbalance': {
        const contract = query.get('contractaddress') ?? '';
        if (!ADDRESS.test(contract)) return notOk(TEXT.address);
        return okResult(String(await index.tokenBalance(contract, address)));
      }
      case 'txlist': {
        const p = paging(query, window);
        if (typeof p === 'string') return notOk(p);
        const page = pageOf(index.txsOf(address), p);
        return page.length === 0 ? noTransactions : okResult(page.map((tx) => txRecord(tx, head)));
      }
      case 'tokentx':
      case 'tokennfttx':
      case 'token1155tx': {
        const p = paging(query, window);
        if (typeof p === 'string') return notOk(p);
        const contract = query.get('contractaddress')?.toLowerCase();
        const transfers = index
          .transfersOf(address)
          .filter((t) => t.standard === ACTION_STANDARD[action] && (contract === undefined || t.contract === contract))
          .map((t) => ({ ...t, blockNumber: t.tx.blockNumber }));
        const page = pageOf(transfers, p);
        if (page.length === 0) return noTransactions;
        return okResult(await Promise.all(page.map((t) => transferRecord(index, t, head))));
      }
      default:
        return notOk(TEXT.action);
    }
  }

  async function handle(request: JsonRequest): Promise<JsonReply> {
    if (request.path !== '/v2/api' && request.path !== '/v2/api/') return { status: 404, body: { message: 'Not found' } };
    served++;
    const { query } = request;
    if (options.rateLimitEvery !== undefined && served % options.rateLimitEvery === 0) return notOk(TEXT.rateLimit);
    if (options.apiKeys !== undefined && !options.apiKeys.includes(query.get('apikey') ?? '')) return notOk(TEXT.apiKey);
    const index = indexes.get(Number(query.get('chainid')));
    if (index === undefined) return notOk(TEXT.chainId);
    if (query.get('module') !== 'account') return notOk(TEXT.module);
    return account(index, query.get('action') ?? '', query);
  }

  const server = await startJsonServer(handle);
  return Object.freeze({ ...server, indexes });
}
