import type { ChainModel } from '../chain-model.js';
import { comparePlacement } from '../chain-model.js';
import { scriptToAddress } from '../chain/script-address.js';
import type { JsonValue } from '../wire/json-text.js';
import { COINBASE_MATURITY, amount, blockbookTx } from './tx-value.js';
import type { XpubAccount } from './xpub-descriptor.js';

/** Blockbook's `details` levels, in order (api/types.go AccountDetails). */
export const DETAILS = ['basic', 'tokens', 'tokenBalances', 'txids', 'txslight', 'txs'] as const;
export type Details = (typeof DETAILS)[number];
export type TokensFilter = 'nonzero' | 'used' | 'derived';
const level = (d: Details): number => DETAILS.indexOf(d);

const DEFAULT_GAP = 20;
const MAX_GAP = 10_000;
const XPUB_DECIMALS = 8;

export interface AccountQuery {
  readonly details: Details;
  /** 0-based page (Blockbook's `page` parameter minus one, at least 0). */
  readonly page: number;
  readonly pageSize: number;
}

/** What Blockbook's index knows of one address: the DB balance record (confirmed only) and the mempool. */
interface AddressFacts {
  readonly script: string;
  readonly address: string;
  /** Newest first. */
  readonly confirmedTxids: readonly string[];
  readonly mempoolTxids: readonly string[];
  readonly balance: number;
  readonly totalSent: number;
  readonly unconfirmedBalance: number;
}

function addressFacts(model: ChainModel, script: string): AddressFacts {
  const history = model.history(script);
  let balance = 0;
  let totalSent = 0;
  let unconfirmedBalance = 0;
  for (const output of model.outputsOf(script)) {
    if (output.placement.confirmed) balance += output.value;
    else unconfirmedBalance += output.value;
    if (output.spentBy === undefined) continue;
    if (output.spentBy.placement.confirmed) {
      balance -= output.value;
      totalSent += output.value;
    } else {
      unconfirmedBalance -= output.value;
    }
  }
  return {
    script,
    address: scriptToAddress(script, model.network) ?? script,
    confirmedTxids: history.filter((h) => h.placement.confirmed).reverse().map((h) => h.txid),
    mempoolTxids: history.filter((h) => !h.placement.confirmed).reverse().map((h) => h.txid),
    balance,
    totalSent,
    unconfirmedBalance,
  };
}

interface Paging {
  readonly page: number;
  readonly totalPages: number;
  readonly itemsOnPage: number;
}

/** Blockbook `computePaging`: out-of-range pages fall back to the last one. */
function computePaging(count: number, page: number, size: number): { paging: Paging; from: number; to: number; page: number } {
  const totalPages = Math.max(0, Math.floor((count - 1) / size));
  const p = page * size >= count ? totalPages : page;
  return {
    paging: { page: p + 1, totalPages: totalPages + 1, itemsOnPage: size },
    from: p * size,
    to: Math.min((p + 1) * size, count),
    page: p,
  };
}

/** The page of confirmed txids after Blockbook's two-step paging, plus the mempool txids shown on page 1. */
function pageOfTxids(confirmed: readonly string[], page: number, size: number): { paging: Paging | undefined; ids: string[] } {
  const fetched = Math.min(confirmed.length, (page + 1) * size);
  const first = computePaging(fetched, page, size);
  const paging = fetched >= size ? computePaging(confirmed.length, first.page, size).paging : first.paging;
  return { paging, ids: confirmed.slice(first.from, first.to) };
}

/** The `transactions` or `txids` member of an address/xpub answer, by `details`; both omitted when empty. */
function listing(model: ChainModel, ids: readonly string[], details: Details, own: ReadonlySet<string>): Record<string, JsonValue> {
  if (level(details) < level('txids') || ids.length === 0) return {};
  if (details === 'txids') return { txids: [...ids] };
  // txslight is served like txs without the raw hex (Blockbook builds it from its index only).
  return { transactions: ids.map((txid) => blockbookTx(model, model.tx(txid)!, own, details === 'txs')) };
}

/** `GET /api/v2/address/<address>` for a Bitcoin-type coin. */
export function addressResponse(model: ChainModel, script: string, query: AccountQuery): JsonValue {
  const facts = addressFacts(model, script);
  // Without a DB record (no confirmed history) Blockbook shows page 1 only.
  const page = facts.confirmedTxids.length === 0 ? 0 : query.page;
  const own = new Set([facts.address]);
  const listed = level(query.details) >= level('txids');
  const { paging, ids } = listed ? pageOfTxids(facts.confirmedTxids, page, query.pageSize) : { paging: undefined, ids: [] };
  const shown = [...(page === 0 ? facts.mempoolTxids : []), ...ids];
  return {
    ...paging,
    address: facts.address,
    balance: amount(facts.balance),
    totalReceived: amount(facts.balance + facts.totalSent),
    totalSent: amount(facts.totalSent),
    unconfirmedBalance: amount(facts.unconfirmedBalance),
    unconfirmedTxs: facts.mempoolTxids.length,
    txs: facts.confirmedTxids.length,
    ...listing(model, shown, query.details, own),
  };
}

/** `GET /api/v2/utxo/<address>`: newest first, unconfirmed on top. */
export function addressUtxos(model: ChainModel, script: string, onlyConfirmed: boolean, label?: { address: string; path: string }): JsonValue[] {
  return model
    .outputsOf(script)
    .filter((o) =>
      onlyConfirmed
        ? o.placement.confirmed && o.spentBy?.placement.confirmed !== true
        : o.spentBy === undefined,
    )
    .sort((a, b) => comparePlacement(b.placement, a.placement) || a.outpoint.vout - b.outpoint.vout)
    .map((o) => {
      const confirmations = o.placement.confirmed ? model.tipHeight - o.placement.block.height + 1 : 0;
      const locktime = model.tx(o.outpoint.txid)!.body?.locktime ?? 0;
      return {
        txid: o.outpoint.txid,
        vout: o.outpoint.vout,
        value: amount(o.value),
        height: o.placement.confirmed ? o.placement.block.height : undefined,
        confirmations,
        address: label?.address,
        path: label?.path,
        lockTime: !o.placement.confirmed && locktime !== 0 ? locktime : undefined,
        coinbase: o.coinbase && confirmations < COINBASE_MATURITY ? true : undefined,
      };
    });
}

interface DerivedAddress {
  readonly chain: number;
  readonly index: number;
  readonly path: string;
  readonly facts: AddressFacts;
}

/**
 * Blockbook's server-side gap scan (api/xpub.go): derive until `gap + 1` addresses follow the last address with
 * a DB record (confirmed history; mempool-only addresses do not count); later branches derive at least as far
 * as the first branch's last used index.
 */
export function scanXpub(model: ChainModel, account: XpubAccount, gapParam: number): DerivedAddress[][] {
  const gap = (gapParam <= 0 ? DEFAULT_GAP : Math.min(gapParam, MAX_GAP)) + 1;
  let firstLastUsed = 0;
  return account.chains.map((chain, branch) => {
    const minDerived = branch === 0 ? 0 : firstLastUsed;
    const derived: DerivedAddress[] = [];
    let lastUsed = 0;
    let missing = 0;
    while (missing < gap) {
      const from = derived.length;
      const to = Math.max(from + gap - missing, minDerived);
      for (let index = from; index < to; index++) {
        const facts = addressFacts(model, account.scriptAt(chain, index));
        if (facts.confirmedTxids.length > 0) lastUsed = index;
        derived.push({ chain, index, path: `${account.basePath}/${chain}/${index}`, facts });
      }
      missing = derived.length - lastUsed;
    }
    if (branch === 0) firstLastUsed = lastUsed;
    return derived;
  });
}

/** `GET /api/v2/xpub/<xpub|descriptor>`. */
export function xpubResponse(
  model: ChainModel,
  input: string,
  derived: DerivedAddress[][],
  query: AccountQuery & { readonly tokens: TokensFilter },
): JsonValue {
  const all = derived.flat();
  const own = new Set(all.map((d) => d.facts.address));
  const balance = all.reduce((sum, d) => sum + d.facts.balance, 0);
  const sent = all.reduce((sum, d) => sum + d.facts.totalSent, 0);
  const unconfirmedBalance = all.reduce((sum, d) => sum + d.facts.unconfirmedBalance, 0);
  const mempool = unique(all.flatMap((d) => d.facts.mempoolTxids)).sort(
    (a, b) => model.tx(b)!.firstSeen - model.tx(a)!.firstSeen,
  );
  const confirmed = unique(all.flatMap((d) => d.facts.confirmedTxids)).sort((a, b) => {
    const pa = model.placement(a)!;
    const pb = model.placement(b)!;
    return comparePlacement(pb, pa);
  });
  const listed = level(query.details) >= level('txids');
  const { paging, ids } = listed ? pageOfTxids(confirmed, query.page, query.pageSize) : { paging: undefined, ids: [] };
  const shown = [...(query.page === 0 ? mempool : []), ...ids];
  // With details=basic Blockbook reports its estimate: the sum of per-address counts, not unique txs.
  const txs = listed ? confirmed.length : all.reduce((n, d) => n + d.facts.confirmedTxids.length, 0);
  const usedTokens = all.filter((d) => d.facts.confirmedTxids.length > 0).length;
  return {
    ...paging,
    address: input,
    balance: amount(balance),
    totalReceived: amount(balance + sent),
    totalSent: amount(sent),
    unconfirmedBalance: amount(unconfirmedBalance),
    unconfirmedTxs: mempool.length,
    txs,
    ...listing(model, shown, query.details, own),
    usedTokens: usedTokens > 0 ? usedTokens : undefined,
    tokens: level(query.details) > level('basic') ? tokens(all, query) : undefined,
  };
}

function tokens(all: readonly DerivedAddress[], query: AccountQuery & { readonly tokens: TokensFilter }): JsonValue[] | undefined {
  const withBalances = level(query.details) >= level('tokenBalances');
  const selected = all.filter((d) => {
    const used = d.facts.confirmedTxids.length > 0;
    if (query.tokens === 'derived') return true;
    if (query.tokens === 'used') return used;
    return withBalances && used && d.facts.balance !== 0;
  });
  if (selected.length === 0) return undefined;
  return selected.map((d) => {
    const used = d.facts.confirmedTxids.length > 0;
    const balances = withBalances && used;
    return {
      type: 'XPUBAddress',
      standard: 'XPUBAddress',
      name: d.facts.address,
      path: d.path,
      transfers: d.facts.confirmedTxids.length,
      decimals: XPUB_DECIMALS,
      balance: balances ? amount(d.facts.balance) : undefined,
      totalReceived: balances ? amount(d.facts.balance + d.facts.totalSent) : undefined,
      totalSent: balances ? amount(d.facts.totalSent) : undefined,
    };
  });
}

/** `GET /api/v2/utxo/<xpub|descriptor>`: every derived address's UTXOs with address and path. */
export function xpubUtxos(model: ChainModel, derived: DerivedAddress[][], onlyConfirmed: boolean): JsonValue[] {
  const rows = derived
    .flat()
    .flatMap((d) =>
      addressUtxos(model, d.facts.script, onlyConfirmed, { address: d.facts.address, path: d.path }).map((row) => ({
        row,
        height: (row as { height?: number }).height ?? Number.MAX_SAFE_INTEGER,
      })),
    );
  return rows.sort((a, b) => b.height - a.height).map((r) => r.row);
}

function unique(ids: readonly string[]): string[] {
  return [...new Set(ids)];
}
