import { Transaction } from 'bitcoinjs-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseXpubOrDescriptor } from '../../src/devnet/bitcoin/blockbook/xpub-descriptor.js';
import { startBlockbook } from '../../src/devnet/bitcoin/blockbook-server.js';
import type { ChainModel } from '../../src/devnet/bitcoin/chain-model.js';
import { bitcoinRegtest } from '../../src/devnet/bitcoin/chain/networks.js';
import { scriptToAddress } from '../../src/devnet/bitcoin/chain/script-address.js';
import type { HttpServerHandle } from '../../src/devnet/bitcoin/http/http-server.js';
import { type ScenarioOutcome, createScenarioChain } from '../../src/devnet/bitcoin/scenarios.js';
import { recordedAccountTpubs } from './recorded-fixture.js';

/** The BIP84 testnet account of the abandon…about mnemonic, as a descriptor with its key origin. */
const DESCRIPTOR = `wpkh([73c5da0a/84'/1'/0']${recordedAccountTpubs()["m/84'/1'/0'"]}/<0;1>/*)`;
const account = parseXpubOrDescriptor(DESCRIPTOR, bitcoinRegtest);
const receive = (i: number): string => account.scriptAt(0, i);
const change = (i: number): string => account.scriptAt(1, i);
const addressOf = (script: string): string => scriptToAddress(script, bitcoinRegtest)!;

interface AddressReply {
  page?: number;
  totalPages?: number;
  itemsOnPage?: number;
  address: string;
  balance: string;
  totalReceived: string;
  totalSent: string;
  unconfirmedBalance: string;
  unconfirmedTxs: number;
  txs: number;
  txids?: string[];
  transactions?: { txid: string; vout: { value: string; addresses: string[]; isOwn?: boolean }[]; hex?: string }[];
  usedTokens?: number;
  tokens?: { type: string; name: string; path: string; transfers: number; decimals: number; balance?: string }[];
}

describe('Blockbook server', () => {
  let model: ChainModel;
  let outcomes: ScenarioOutcome[];
  let server: HttpServerHandle;

  const get = async <T>(path: string, expectedStatus = 200): Promise<T> => {
    const response = await fetch(`${server.url}${path}`);
    const text = await response.text();
    expect(response.status, `${path}: ${text}`).toBe(expectedStatus);
    expect(text.endsWith('\n')).toBe(true);
    return JSON.parse(text) as T;
  };
  const xpubPath = (query: string): string => `/api/v2/xpub/${encodeURIComponent(DESCRIPTOR)}?${query}`;

  beforeAll(async () => {
    ({ model, outcomes } = createScenarioChain(bitcoinRegtest, [
      { scriptPubKeyHex: receive(0), kind: 'receive', value: 100_000 },
      { scriptPubKeyHex: receive(1), kind: 'spent', value: 50_000 },
      { scriptPubKeyHex: receive(2), kind: 'mempool', value: 30_000 },
      { scriptPubKeyHex: receive(3), kind: 'mempool-unconfirmed-parent', value: 5_000 },
      { scriptPubKeyHex: receive(5), kind: 'receive', value: 70_000 },
      { scriptPubKeyHex: change(0), kind: 'receive', value: 20_000 },
    ]));
    server = await startBlockbook(model);
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers an address with balances as strings; basic has no paging and no txids', async () => {
    const basic = await get<AddressReply>(`/api/v2/address/${addressOf(receive(0))}?details=basic`);
    expect(basic).toEqual({
      address: addressOf(receive(0)),
      balance: '100000',
      totalReceived: '100000',
      totalSent: '0',
      unconfirmedBalance: '0',
      unconfirmedTxs: 0,
      txs: 1,
    });
    const withTxs = await get<AddressReply>(`/api/v2/address/${addressOf(receive(0))}?details=txs`);
    expect(withTxs).toMatchObject({ page: 1, totalPages: 1, itemsOnPage: 1000 });
    const tx = withTxs.transactions![0]!;
    expect(tx.txid).toBe(outcomes[0]!.funding.txid);
    expect(tx.vout[0]).toMatchObject({ value: '100000', addresses: [addressOf(receive(0))], isOwn: true });
    expect(Transaction.fromHex(tx.hex!).getId()).toBe(tx.txid);
  });

  it('shows a spent address with its history and a zero balance', async () => {
    const spent = await get<AddressReply>(`/api/v2/address/${addressOf(receive(1))}`);
    expect(spent).toMatchObject({ balance: '0', totalReceived: '50000', totalSent: '50000', txs: 2 });
    expect(spent.txids).toEqual([outcomes[1]!.spendingTxid, outcomes[1]!.funding.txid]);
    expect(await get(`/api/v2/utxo/${addressOf(receive(1))}`)).toEqual([]);
  });

  it('shows a mempool-only address: no confirmed txs, its mempool txid, an unconfirmed UTXO', async () => {
    const mempool = await get<AddressReply>(`/api/v2/address/${addressOf(receive(2))}?page=3`);
    expect(mempool).toMatchObject({ page: 1, balance: '0', unconfirmedBalance: '30000', unconfirmedTxs: 1, txs: 0 });
    expect(mempool.txids).toEqual([outcomes[2]!.funding.txid]);
    const utxos = await get<Record<string, unknown>[]>(`/api/v2/utxo/${addressOf(receive(2))}`);
    expect(utxos).toEqual([
      { txid: outcomes[2]!.funding.txid, vout: 0, value: '30000', confirmations: 0, lockTime: model.tx(outcomes[2]!.funding.txid)!.body!.locktime },
    ]);
    const confirmedOnly = await get(`/api/v2/utxo/${addressOf(receive(2))}?confirmed=true`);
    expect(confirmedOnly).toEqual([]);
  });

  it('scans an xpub descriptor server-side: balances, used tokens with paths, txids with mempool first', async () => {
    const reply = await get<AddressReply>(xpubPath('details=tokenBalances&tokens=used'));
    expect(reply).toMatchObject({
      address: DESCRIPTOR,
      balance: '190000',
      totalReceived: '240000',
      totalSent: '50000',
      unconfirmedBalance: '35000',
      unconfirmedTxs: 2,
      txs: 5,
      usedTokens: 4,
    });
    expect(reply.page).toBeUndefined();
    expect(reply.tokens!.map((t) => [t.path, t.name, t.balance, t.transfers])).toEqual([
      ["m/84'/1'/0'/0/0", addressOf(receive(0)), '100000', 1],
      ["m/84'/1'/0'/0/1", addressOf(receive(1)), '0', 2],
      ["m/84'/1'/0'/0/5", addressOf(receive(5)), '70000', 1],
      ["m/84'/1'/0'/1/0", addressOf(change(0)), '20000', 1],
    ]);
    expect(reply.tokens![0]).toMatchObject({ type: 'XPUBAddress', decimals: 8 });

    const txids = await get<AddressReply>(xpubPath('details=txids'));
    expect(txids.txids!.slice(0, 2)).toEqual([outcomes[3]!.funding.txid, outcomes[2]!.funding.txid]);
    expect(txids.txids).toHaveLength(7);
    expect(txids.tokens!.map((t) => t.path)).toEqual(["m/84'/1'/0'/0/0", "m/84'/1'/0'/0/5", "m/84'/1'/0'/1/0"]); // nonzero

    const page2 = await get<AddressReply>(xpubPath('details=txids&pageSize=2&page=2'));
    expect(page2).toMatchObject({ page: 2, totalPages: 3, itemsOnPage: 2 });
    expect(page2.txids).toEqual(txids.txids!.slice(4, 6));
  });

  it('derives gap + 1 addresses past the last used one on each branch', async () => {
    const derived = await get<AddressReply>(xpubPath('details=tokens&tokens=derived'));
    // receive: last used 5, then 21 more (indexes 0..25); change: at least as far as index 5, then gap: 0..20.
    expect(derived.tokens!.filter((t) => t.path.includes("/0'/0/"))).toHaveLength(26);
    expect(derived.tokens!.filter((t) => t.path.includes("/0'/1/"))).toHaveLength(21);
    expect(derived.tokens![0]!.balance).toBeUndefined();
    const shortGap = await get<AddressReply>(xpubPath('details=basic&gap=3'));
    // Index 2 and 3 only have mempool activity, which Blockbook's gap scan does not count: index 5 is never reached.
    expect(shortGap).toMatchObject({ balance: '120000', usedTokens: 3 });
    expect(shortGap.tokens).toBeUndefined();
  });

  it('lists xpub UTXOs with address and path, unconfirmed first', async () => {
    const utxos = await get<{ txid: string; address: string; path: string; confirmations: number; height?: number }[]>(
      `/api/v2/utxo/${encodeURIComponent(DESCRIPTOR)}`,
    );
    // Unconfirmed first; ties keep derivation order (receive branch, then change).
    expect(utxos.map((u) => u.path)).toEqual(["m/84'/1'/0'/0/2", "m/84'/1'/0'/0/3", "m/84'/1'/0'/0/0", "m/84'/1'/0'/0/5", "m/84'/1'/0'/1/0"]);
    expect(utxos.slice(0, 2).every((u) => u.confirmations === 0 && u.height === undefined)).toBe(true);
    expect(utxos.slice(2).every((u) => u.confirmations === model.tipHeight && u.height === 1)).toBe(true);
    expect(utxos.find((u) => u.path === "m/84'/1'/0'/0/5")!.address).toBe(addressOf(receive(5)));
  });

  it('serves transactions: confirmed with fees and block, mempool with blockHeight -1 and the node JSON', async () => {
    const confirmed = await get<Record<string, unknown>>(`/api/v2/tx/${outcomes[0]!.funding.txid}`);
    expect(confirmed).toMatchObject({ txid: outcomes[0]!.funding.txid, blockHeight: 1, confirmations: model.tipHeight });
    expect(Number(confirmed.valueIn) - Number(confirmed.value)).toBe(Number(confirmed.fees));
    expect(confirmed.fees).toBe(String(model.tx(outcomes[0]!.funding.txid)!.fee));
    const pending = await get<Record<string, unknown>>(`/api/v2/tx/${outcomes[2]!.funding.txid}`);
    expect(pending).toMatchObject({ blockHeight: -1, confirmations: 0, rbf: true, coinSpecificData: { txid: outcomes[2]!.funding.txid } });
    expect(pending.blockHash).toBeUndefined();
    expect(await get(`/api/v2/tx/${'00'.repeat(32)}`, 400)).toEqual({ error: `Transaction '${'00'.repeat(32)}' not found` });
  });

  it('reports status and refuses bad input with {"error"} bodies', async () => {
    expect(await get('/api')).toMatchObject({ blockbook: { bestHeight: model.tipHeight, inSync: true }, backend: { bestBlockHash: model.tip.hash } });
    expect(await get('/api/v2/address/notanaddress', 400)).toEqual({ error: 'Invalid address, decoded address is of unknown format' });
    expect(await get('/api/v2/xpub/notanxpub', 400)).toMatchObject({ error: expect.stringMatching(/^Invalid xpub or descriptor/) });
  });
});
