/**
 * `trongrid`: a ChainSource over TronGrid's v1 API. An address is used when its account exists (activated by a
 * TRX transfer — an activation is itself a transaction), or, for addresses never activated, when it has any
 * transaction or TRC-20 transfer: TRC-20 tokens can be received without activation. TronGrid has no batch API,
 * so addresses are asked one by one, under the transport's concurrency and rate limits.
 */
import { RestoreScanError } from '../../errors.js';
import type { QueryValue } from '../../net/index.js';
import type { AddressActivity, AddressRef, ChainSource, FoundAsset, SourceCallOptions } from '../source.js';
import type { Network } from '../types.js';
import { KNOWN_TRC20, type Trc20Info } from './known-tokens.js';
import { createTronGridApi, type TronGridApi, type TronGridApiOptions } from './trongrid-api.js';
import {
  isRecord,
  malformed,
  parseAmount,
  parseTrc20Balances,
  parseTrc20Transfer,
  parseTransactionId,
  type Trc20Transfer,
} from './trongrid-json.js';

export interface TronGridSourceOptions extends TronGridApiOptions {
  readonly network: Network;
  /** Transactions (and, separately, TRC-20 transfers) read per address by `holdings()` to count them (default 1000). */
  readonly maxHistory?: number;
}

export const TRONGRID_DEFAULTS = Object.freeze({ maxHistory: 1000, maxTokenBalances: 1000 });

interface AccountFacts {
  readonly exists: boolean;
  readonly balance: bigint;
  /** From the account record itself (activated accounts only). */
  readonly trc20: ReadonlyMap<string, bigint>;
}

export function createTronGridSource(options: TronGridSourceOptions): ChainSource {
  const { network, config } = options;
  if (network.family !== 'tron') throw new RestoreScanError('CONFIG', `trongrid serves Tron networks, not ${network.id} (family ${network.family})`);
  if (config.type !== 'trongrid') throw new RestoreScanError('CONFIG', `expected a trongrid indexer config, got ${config.type}`);
  const maxHistory = options.maxHistory ?? TRONGRID_DEFAULTS.maxHistory;
  if (!Number.isInteger(maxHistory) || maxHistory < 1) throw new RangeError(`maxHistory must be an integer ≥ 1, got ${maxHistory}`);
  const api: TronGridApi = createTronGridApi(options);
  const id = `trongrid ${api.endpoint}`;

  const accountPath = (address: string, rest = ''): string => `/v1/accounts/${encodeURIComponent(address)}${rest}`;

  async function account(address: string, signal?: AbortSignal): Promise<AccountFacts> {
    const { data } = await api.page(accountPath(address), {}, signal);
    const record = data[0];
    if (record === undefined) return { exists: false, balance: 0n, trc20: new Map() };
    if (!isRecord(record)) throw malformed(api, `GET ${accountPath(address)}`, record);
    // protobuf JSON leaves a zero balance out.
    const balance = record.balance === undefined ? 0n : parseAmount(record.balance);
    if (balance === undefined) throw malformed(api, `GET ${accountPath(address)} balance`, record.balance);
    const trc20 = Array.isArray(record.trc20) ? parseTrc20Balances(api, `GET ${accountPath(address)} trc20`, record.trc20) : new Map<string, bigint>();
    return { exists: true, balance, trc20 };
  }

  async function trc20Balances(address: string, signal?: AbortSignal): Promise<Map<string, bigint>> {
    const path = accountPath(address, '/trc20/balance');
    return parseTrc20Balances(api, `GET ${path}`, await api.collect(path, {}, TRONGRID_DEFAULTS.maxTokenBalances, signal));
  }

  async function transfers(address: string, query: Readonly<Record<string, QueryValue>>, max: number, signal?: AbortSignal): Promise<Trc20Transfer[]> {
    const items = await api.collect(accountPath(address, '/transactions/trc20'), query, max, signal);
    return items.map((item) => parseTrc20Transfer(api, item));
  }

  async function transactionIds(address: string, max: number, signal?: AbortSignal): Promise<string[]> {
    const items = await api.collect(accountPath(address, '/transactions'), {}, max, signal);
    return items.map((item) => parseTransactionId(api, item));
  }

  function assetsOf(facts: AccountFacts, balances: ReadonlyMap<string, bigint>, infos: ReadonlyMap<string, Trc20Info>): FoundAsset[] {
    const assets: FoundAsset[] = [];
    if (facts.balance > 0n) assets.push({ kind: 'native', amount: facts.balance, decimals: network.decimals, symbol: network.symbol });
    for (const [contract, amount] of balances) {
      if (amount === 0n) continue;
      const asset: FoundAsset = { kind: 'trc20', contract, amount };
      const info = KNOWN_TRC20[contract] ?? infos.get(contract);
      if (info !== undefined) Object.assign(asset, { decimals: info.decimals, symbol: info.symbol, name: info.name });
      assets.push(asset);
    }
    return assets;
  }

  function infosOf(list: readonly Trc20Transfer[]): Map<string, Trc20Info> {
    const infos = new Map<string, Trc20Info>();
    for (const t of list) if (t.contract !== undefined && t.info !== undefined && !infos.has(t.contract)) infos.set(t.contract, t.info);
    return infos;
  }

  async function activityOf(address: string, signal?: AbortSignal): Promise<AddressActivity> {
    const facts = await account(address, signal);
    // An activated account is used: its activation is a transaction. holdings() counts the rest.
    if (facts.exists) return { address, used: true, txCount: 1, assets: assetsOf(facts, facts.trc20, new Map()) };
    const [txIds, received] = await Promise.all([transactionIds(address, 1, signal), transfers(address, {}, 1, signal)]);
    const seen = new Set([...txIds, ...received.map((t) => t.id)]);
    if (seen.size === 0) return { address, used: false, txCount: 0, assets: [] };
    const balances = received.length > 0 ? await trc20Balances(address, signal) : new Map<string, bigint>();
    return { address, used: true, txCount: seen.size, assets: assetsOf(facts, balances, infosOf(received)) };
  }

  async function holdingsOf(address: string, signal?: AbortSignal): Promise<AddressActivity> {
    const [facts, txIds, tokenTransfers, balances] = await Promise.all([
      account(address, signal),
      transactionIds(address, maxHistory, signal),
      transfers(address, {}, maxHistory, signal),
      trc20Balances(address, signal),
    ]);
    const infos = infosOf(tokenTransfers);
    // Tokens held but not among the transfers read (history past the cap): ask for one transfer of that contract.
    const unnamed = [...balances].filter(([contract, amount]) => amount > 0n && KNOWN_TRC20[contract] === undefined && !infos.has(contract));
    const more = await Promise.all(unnamed.map(([contract]) => transfers(address, { contract_address: contract }, 1, signal)));
    for (const [contract, info] of infosOf(more.flat())) if (!infos.has(contract)) infos.set(contract, info);
    const seen = new Set([...txIds, ...tokenTransfers.map((t) => t.id)]);
    return {
      address,
      used: facts.exists || seen.size > 0 || balances.size > 0,
      txCount: seen.size,
      assets: assetsOf(facts, balances, infos),
    };
  }

  return Object.freeze({
    id,
    type: 'trongrid',
    family: 'tron',
    network,
    requests: () => api.transport.stats.requests,
    activity: (addresses: readonly AddressRef[], callOptions: SourceCallOptions = {}) =>
      Promise.all(addresses.map((a) => activityOf(a.address, callOptions.signal))),
    holdings: (addresses: readonly AddressRef[], callOptions: SourceCallOptions = {}) =>
      Promise.all(addresses.map((a) => holdingsOf(a.address, callOptions.signal))),
  });
}
