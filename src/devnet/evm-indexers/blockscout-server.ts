import { getAddress } from 'viem';
import type { EvmNode } from '../evm/clients.js';
import { createChainIndex, type ChainIndex, type IndexedTransfer, type TokenStandard } from './chain-index.js';
import { compareHeld, currentNfts, currentTokenBalances, type HeldToken } from './current-holdings.js';
import { startJsonServer, type JsonReply, type JsonRequest, type LocalServer } from './http.js';
import { nodeCall } from './node-rpc.js';

/**
 * A local Blockscout REST API v2 (the endpoints restore-scan uses), answering from a real anvil chain through a
 * ChainIndex. Shapes follow blockscout/frontend types/api/address.ts and token.ts and the backend's
 * AddressController (see README.md).
 */

export interface BlockscoutServerOptions {
  /** Items per page of list endpoints (Blockscout's default is 50); small values exercise next_page_params. */
  pageSize?: number;
  /**
   * An address the chain never saw: 'not-found' answers 404 {"message":"Not found"} (Blockscout up to v8);
   * 'empty' answers 200 with an empty address (v9+: "Returns 200 on any valid address_hash").
   */
  unknownAddresses?: 'not-found' | 'empty';
  /** False: no `/nft` endpoint (older instances); it answers 404 like any unknown route. Default true. */
  nftList?: boolean;
}

export interface BlockscoutServer extends LocalServer {
  readonly index: ChainIndex;
}

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const ROUTE = /^\/api\/v2\/addresses\/([^/]+)(?:\/(counters|tokens|nft|token-transfers))?\/?$/;
const TYPE_NAMES: Readonly<Record<TokenStandard, string>> = Object.freeze({ erc20: 'ERC-20', erc721: 'ERC-721', erc1155: 'ERC-1155' });
const STANDARD_OF: Readonly<Record<string, TokenStandard>> = Object.freeze({ 'ERC-20': 'erc20', 'ERC-721': 'erc721', 'ERC-1155': 'erc1155' });

const ok = (body: unknown): JsonReply => ({ status: 200, body });
const notFound: JsonReply = { status: 404, body: { message: 'Not found' } };
const invalidAddress: JsonReply = {
  status: 422,
  body: {
    errors: [{ detail: 'Invalid format. Expected ~r/^0x([A-Fa-f0-9]{40})$/', source: { pointer: '/address_hash_param' }, title: 'Invalid value' }],
  },
};

async function tokenJson(index: ChainIndex, contract: string): Promise<Record<string, unknown>> {
  const info = await index.token(contract);
  return {
    address_hash: getAddress(contract),
    type: info ? TYPE_NAMES[info.standard] : 'ERC-20',
    symbol: info?.symbol ?? null,
    name: info?.name ?? null,
    decimals: info?.decimals === null || info?.decimals === undefined ? null : String(info.decimals),
    holders_count: null,
    exchange_rate: null,
    total_supply: null,
    icon_url: null,
    circulating_market_cap: null,
  };
}

function typeFilter(query: URLSearchParams): Set<TokenStandard> {
  const raw = query.get('type');
  if (!raw) return new Set<TokenStandard>(['erc20', 'erc721', 'erc1155']);
  return new Set(raw.split(',').map((t) => STANDARD_OF[t.trim()]).filter((s): s is TokenStandard => s !== undefined));
}

export async function startBlockscout(node: EvmNode, options: BlockscoutServerOptions = {}): Promise<BlockscoutServer> {
  const index = createChainIndex(node);
  const pageSize = options.pageSize ?? 50;
  const unknown = options.unknownAddresses ?? 'not-found';

  async function addressJson(address: string): Promise<JsonReply> {
    if (!(await index.knows(address))) {
      if (unknown === 'not-found') return notFound;
      return ok({
        hash: getAddress(address), coin_balance: null, is_contract: false, is_verified: false, name: null, token: null,
        creator_address_hash: null, creation_transaction_hash: null, implementations: [], proxy_type: null,
        block_number_balance_updated_at: null, exchange_rate: null, ens_domain_name: null, metadata: null,
        has_validated_blocks: false, has_logs: false, has_tokens: false, has_token_transfers: false,
        has_beacon_chain_withdrawals: false, watchlist_address_id: null, private_tags: [], public_tags: [], watchlist_names: [],
      });
    }
    const code = (await nodeCall(node.url, 'eth_getCode', [address, 'latest'])) as string;
    const isToken = (await index.token(address)) !== undefined;
    const creation = index.txsOf(address).find((tx) => tx.contractAddress === address.toLowerCase());
    return ok({
      hash: getAddress(address),
      coin_balance: String(await index.balance(address)),
      is_contract: code !== '0x',
      is_verified: false,
      name: null,
      token: isToken ? await tokenJson(index, address) : null,
      creator_address_hash: creation ? getAddress(creation.from) : null,
      creation_transaction_hash: creation?.hash ?? null,
      implementations: [],
      proxy_type: null,
      block_number_balance_updated_at: index.head(),
      exchange_rate: null,
      ens_domain_name: null,
      metadata: null,
      has_validated_blocks: false,
      has_logs: index.emittedLogs(address),
      has_tokens: (await currentTokenBalances(index, address)).length > 0,
      has_token_transfers: index.transfersOf(address).length > 0,
      has_beacon_chain_withdrawals: false,
      watchlist_address_id: null,
      private_tags: [],
      public_tags: [],
      watchlist_names: [],
    });
  }

  async function countersJson(address: string): Promise<JsonReply> {
    if (unknown === 'not-found' && !(await index.knows(address))) return notFound;
    const txs = index.txsOf(address);
    const sent = txs.filter((tx) => tx.from === address.toLowerCase());
    return ok({
      transactions_count: String(txs.length),
      token_transfers_count: String(index.transfersOf(address).length),
      gas_usage_count: String(sent.reduce((sum, tx) => sum + tx.gasUsed, 0n)),
      validations_count: '0',
    });
  }

  /** The token list: one entry per ERC-20, ERC-721 collection (count, token_id null), ERC-1155 id. */
  async function tokensJson(address: string, query: URLSearchParams): Promise<JsonReply> {
    if (unknown === 'not-found' && !(await index.knows(address))) return notFound;
    const types = typeFilter(query);
    const held = (await currentTokenBalances(index, address)).filter((h) => types.has(h.standard));
    // The cursor is the whole next_page_params object passed back: the position, checked against its neighbours.
    let start = 0;
    if (query.has('items_count') || query.has('id')) {
      start = Number(query.get('id'));
      if (!Number.isSafeInteger(start) || String(start) !== query.get('items_count') || !query.has('token_type'))
        return { status: 422, body: { message: 'Invalid parameter(s)' } };
    }
    const page = held.slice(start, start + pageSize);
    const items = await Promise.all(
      page.map(async (h) => ({
        token: await tokenJson(index, h.contract),
        token_id: h.tokenId === null ? null : String(h.tokenId),
        token_instance: null,
        value: String(h.value),
      })),
    );
    const end = start + page.length;
    const last = page[page.length - 1];
    const info = last && (await index.token(last.contract));
    const next =
      end < held.length && last
        ? { items_count: end, id: end, token_name: info?.name ?? null, token_type: TYPE_NAMES[last.standard], value: String(last.value), fiat_value: null }
        : null;
    return ok({ items, next_page_params: next });
  }

  /** NFT instances held, keyed paging by (token_contract_address_hash, token_id) as Blockscout does. */
  async function nftJson(address: string, query: URLSearchParams): Promise<JsonReply> {
    if (unknown === 'not-found' && !(await index.knows(address))) return notFound;
    const types = typeFilter(query);
    types.delete('erc20');
    const held = await currentNfts(index, address, types);
    let start = 0;
    const afterContract = query.get('token_contract_address_hash');
    const afterId = query.get('token_id');
    if (afterContract !== null || afterId !== null) {
      const type = STANDARD_OF[query.get('token_type') ?? ''];
      if (afterContract === null || afterId === null || !/^\d+$/.test(afterId) || type === undefined)
        return { status: 422, body: { message: 'Invalid parameter(s)' } };
      const cursor: HeldToken = { contract: afterContract.toLowerCase(), standard: type, tokenId: BigInt(afterId), value: 0n };
      start = held.findIndex((h) => compareHeld(h, cursor) > 0);
      if (start < 0) start = held.length;
    }
    const page = held.slice(start, start + pageSize);
    const items = await Promise.all(
      page.map(async (h) => ({
        is_unique: h.standard === 'erc721',
        id: String(h.tokenId),
        holder_address_hash: getAddress(address),
        image_url: null,
        animation_url: null,
        external_app_url: null,
        metadata: null,
        owner: h.standard === 'erc721' ? { hash: getAddress(address) } : null,
        thumbnails: null,
        token: await tokenJson(index, h.contract),
        token_type: TYPE_NAMES[h.standard],
        value: String(h.value),
      })),
    );
    const last = page[page.length - 1];
    const next =
      start + page.length < held.length && last
        ? {
            items_count: start + page.length,
            token_id: String(last.tokenId),
            token_type: TYPE_NAMES[last.standard],
            token_contract_address_hash: getAddress(last.contract),
          }
        : null;
    return ok({ items, next_page_params: next });
  }

  const invalidParameters: JsonReply = { status: 422, body: { message: 'Invalid parameter(s)' } };

  /** An address as Blockscout embeds one (AddressParam), from what the index knows. */
  function addressParam(address: string): Record<string, unknown> {
    const isContract = index.txsOf(address).some((tx) => tx.contractAddress === address);
    return {
      hash: getAddress(address), implementations: [], is_contract: isContract, is_verified: false, name: null,
      ens_domain_name: null, metadata: null, private_tags: [], public_tags: [], watchlist_names: [], proxy_type: null,
    };
  }

  async function transferJson(t: IndexedTransfer): Promise<Record<string, unknown>> {
    const token = await tokenJson(index, t.contract);
    const zero = '0x0000000000000000000000000000000000000000';
    const total =
      t.standard === 'erc20'
        ? { decimals: token.decimals, value: String(t.amount) }
        : t.standard === 'erc721'
          ? { token_id: String(t.tokenId), token_instance: null }
          : { token_id: String(t.tokenId), value: String(t.amount), decimals: null, token_instance: null };
    return {
      block_hash: t.tx.blockHash,
      block_number: t.tx.blockNumber,
      log_index: t.logIndex,
      method: t.tx.input.length >= 10 ? t.tx.input.slice(0, 10) : null,
      timestamp: new Date(t.tx.timeStamp * 1000).toISOString(),
      from: addressParam(t.from),
      to: addressParam(t.to),
      token,
      token_type: TYPE_NAMES[t.standard],
      type: t.from === zero ? 'token_minting' : t.to === zero ? 'token_burning' : 'token_transfer',
      total,
      transaction_hash: t.tx.hash,
    };
  }

  /**
   * The address's token transfers, newest first (block, then log index, descending; a batch's ids in batch
   * order), keyset-paged as Blockscout does: the cursor is the last item's block_number and index (log index),
   * plus index_in_batch and the batch_* fields for an ERC-1155 batch entry, and items_count.
   */
  async function tokenTransfersJson(address: string, query: URLSearchParams): Promise<JsonReply> {
    if (unknown === 'not-found' && !(await index.knows(address))) return notFound;
    const owner = address.toLowerCase();
    const filter = query.get('filter');
    if (filter !== null && filter !== 'to' && filter !== 'from') return invalidParameters;
    const types = typeFilter(query);
    const rank = (t: IndexedTransfer): [number, number, number] => [t.tx.blockNumber, t.logIndex, -t.batchIndex];
    const after = (a: [number, number, number], b: [number, number, number]) =>
      a[0] !== b[0] ? a[0] < b[0] : a[1] !== b[1] ? a[1] < b[1] : a[2] < b[2];
    const listed = index
      .transfersOf(owner)
      .filter((t) => types.has(t.standard) && (filter === null || (filter === 'to' ? t.to === owner : t.from === owner)))
      .sort((a, b) => (after(rank(a), rank(b)) ? 1 : after(rank(b), rank(a)) ? -1 : 0));
    let start = 0;
    if (query.has('block_number') || query.has('index') || query.has('items_count')) {
      const block = Number(query.get('block_number'));
      const log = Number(query.get('index'));
      const count = Number(query.get('items_count'));
      const inBatch = query.has('index_in_batch') ? Number(query.get('index_in_batch')) : 0;
      const batchOk = !query.has('index_in_batch') || (query.get('batch_log_index') === String(log) && query.has('batch_transaction_hash') && query.has('batch_block_hash'));
      if (![block, log, count, inBatch].every(Number.isSafeInteger) || !batchOk) return invalidParameters;
      const cursor: [number, number, number] = [block, log, -inBatch];
      start = listed.findIndex((t) => after(rank(t), cursor));
      if (start < 0) start = listed.length;
      // items_count is how many came before: a cursor not passed back verbatim shows here.
      if (start !== count) return invalidParameters;
    }
    const page = listed.slice(start, start + pageSize);
    const items = await Promise.all(page.map(transferJson));
    const end = start + page.length;
    const last = page[page.length - 1];
    let next: Record<string, unknown> | null = null;
    if (end < listed.length && last) {
      next = { block_number: last.tx.blockNumber, index: last.logIndex, items_count: end };
      const batch = last.standard === 'erc1155' && listed.some((t) => t !== last && t.tx === last.tx && t.logIndex === last.logIndex);
      if (batch)
        next = { ...next, batch_log_index: last.logIndex, batch_block_hash: last.tx.blockHash, batch_transaction_hash: last.tx.hash, index_in_batch: last.batchIndex };
    }
    return ok({ items, next_page_params: next });
  }

  async function ethRpc(body: string): Promise<JsonReply> {
    let request: { id?: unknown; method?: unknown };
    try {
      request = JSON.parse(body) as typeof request;
    } catch {
      return ok({ jsonrpc: '2.0', id: null, error: { code: -32700, message: 'Parse error' } });
    }
    if (request.method !== 'eth_chainId' && request.method !== 'eth_blockNumber')
      return ok({ jsonrpc: '2.0', id: request.id ?? null, error: { code: -32601, message: 'Method not found' } });
    return ok({ jsonrpc: '2.0', id: request.id ?? null, result: await nodeCall(node.url, request.method) });
  }

  async function handle(request: JsonRequest): Promise<JsonReply> {
    if (request.method === 'POST' && request.path === '/api/eth-rpc') return ethRpc(request.body);
    const match = ROUTE.exec(request.path);
    if (request.method !== 'GET' || match === null) return notFound;
    const [, address = '', sub] = match;
    if (!ADDRESS.test(address)) return invalidAddress;
    await index.refresh();
    switch (sub) {
      case undefined:
        return addressJson(address);
      case 'counters':
        return countersJson(address);
      case 'tokens':
        return tokensJson(address, request.query);
      case 'token-transfers':
        return tokenTransfersJson(address, request.query);
      default:
        return options.nftList === false ? notFound : nftJson(address, request.query);
    }
  }

  const server = await startJsonServer(handle);
  return Object.freeze({ ...server, index });
}
