import { Transaction } from 'bitcoinjs-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChainModel, type OutPoint } from '../../src/devnet/bitcoin/chain-model.js';
import { electrumScripthash, esploraScripthash } from '../../src/devnet/bitcoin/chain/hashes.js';
import { bitcoinRegtest } from '../../src/devnet/bitcoin/chain/networks.js';
import { scriptToAddress } from '../../src/devnet/bitcoin/chain/script-address.js';
import { startEsplora } from '../../src/devnet/bitcoin/esplora-server.js';
import type { HttpServerHandle } from '../../src/devnet/bitcoin/http/http-server.js';
import { applyScenario } from '../../src/devnet/bitcoin/scenarios.js';

const script = (n: number): string => `0014${n.toString(16).padStart(40, '0')}`;
const address = (n: number): string => scriptToAddress(script(n), bitcoinRegtest)!;

interface EsploraTx {
  txid: string;
  fee: number;
  size: number;
  weight: number;
  status: { confirmed: boolean; block_height?: number };
  vin: { txid: string; vout: number; prevout: { scriptpubkey: string; value: number } | null; is_coinbase: boolean }[];
  vout: { scriptpubkey: string; scriptpubkey_type: string; scriptpubkey_address?: string; value: number }[];
}

describe('Esplora server', () => {
  let model: ChainModel;
  let server: HttpServerHandle;
  const busyPayments: OutPoint[] = [];

  const get = async (path: string): Promise<{ status: number; type: string; text: string }> => {
    const response = await fetch(`${server.url}${path}`);
    return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
  };
  const getJson = async <T>(path: string): Promise<T> => {
    const { status, text } = await get(path);
    expect(status, `${path}: ${text}`).toBe(200);
    return JSON.parse(text) as T;
  };

  beforeAll(async () => {
    model = new ChainModel({ network: bitcoinRegtest });
    // 60 confirmed payments to one address over several blocks; one more stays in the mempool (funded last).
    for (let i = 0; i < 60; i++) {
      busyPayments.push(model.fund(script(1), 10_000 + i));
      if (i % 7 === 6) model.mine();
    }
    model.mine();
    applyScenario(model, [
      { scriptPubKeyHex: script(2), kind: 'spent', value: 50_000 },
      { scriptPubKeyHex: script(3), kind: 'mempool', value: 30_000 },
      { scriptPubKeyHex: script(4), kind: 'receive', value: 70_000 },
    ]);
    busyPayments.push(model.fund(script(1), 999));
    server = await startEsplora(model, { network: bitcoinRegtest });
  });
  afterAll(async () => {
    await server.close();
  });

  it('pages an address with 60 confirmed transactions 25 / 25 / 10, newest first, mempool first on /txs', async () => {
    const first = await getJson<EsploraTx[]>(`/address/${address(1)}/txs`);
    expect(first).toHaveLength(26);
    expect(first[0]!.status.confirmed).toBe(false);
    expect(first[0]!.txid).toBe(busyPayments[60]!.txid);
    const chain1 = first.slice(1);
    const chain2 = await getJson<EsploraTx[]>(`/address/${address(1)}/txs/chain/${chain1[24]!.txid}`);
    const chain3 = await getJson<EsploraTx[]>(`/address/${address(1)}/txs/chain/${chain2[24]!.txid}`);
    const chain4 = await getJson<EsploraTx[]>(`/address/${address(1)}/txs/chain/${chain3[9]!.txid}`);
    expect([chain1.length, chain2.length, chain3.length, chain4.length]).toEqual([25, 25, 10, 0]);
    const all = [...chain1, ...chain2, ...chain3];
    expect(all.map((t) => t.txid)).toEqual(busyPayments.slice(0, 60).map((p) => p.txid).reverse());
    const heights = all.map((t) => t.status.block_height!);
    expect([...heights].sort((a, b) => b - a)).toEqual(heights);
    expect(await getJson<EsploraTx[]>(`/address/${address(1)}/txs/chain`)).toEqual(chain1);
    expect(await getJson<EsploraTx[]>(`/address/${address(1)}/txs/mempool`)).toEqual([first[0]]);
  });

  it('reports chain_stats and mempool_stats with electrs field order', async () => {
    const busy = await get(`/address/${address(1)}`);
    const sum = busyPayments.slice(0, 60).reduce((s, _, i) => s + 10_000 + i, 0);
    expect(busy.type).toBe('application/json');
    expect(busy.text).toBe(
      JSON.stringify({
        address: address(1),
        chain_stats: { funded_txo_count: 60, funded_txo_sum: sum, spent_txo_count: 0, spent_txo_sum: 0, tx_count: 60 },
        mempool_stats: { funded_txo_count: 1, funded_txo_sum: 999, spent_txo_count: 0, spent_txo_sum: 0, tx_count: 1 },
      }),
    );
    const byHash = await get(`/scripthash/${esploraScripthash(script(4))}`);
    expect(Object.keys(JSON.parse(byHash.text) as object)).toEqual(['chain_stats', 'mempool_stats', 'scripthash']);
    expect(JSON.parse(byHash.text)).toMatchObject({ chain_stats: { funded_txo_sum: 70_000, tx_count: 1 } });
    // The Electrum (reversed) form names no script here: stats of an unused scripthash.
    expect(JSON.parse((await get(`/scripthash/${electrumScripthash(script(4))}`)).text)).toMatchObject({ chain_stats: { tx_count: 0 } });
  });

  it('shows a mempool-only address: mempool stats, one unconfirmed tx and UTXO', async () => {
    const stats = await getJson<{ chain_stats: { tx_count: number }; mempool_stats: Record<string, number> }>(`/address/${address(3)}`);
    expect(stats.chain_stats.tx_count).toBe(0);
    expect(stats.mempool_stats).toEqual({ funded_txo_count: 1, funded_txo_sum: 30_000, spent_txo_count: 0, spent_txo_sum: 0, tx_count: 1 });
    const txs = await getJson<EsploraTx[]>(`/address/${address(3)}/txs`);
    expect(txs.map((t) => t.status)).toEqual([{ confirmed: false }]);
    expect(await getJson<EsploraTx[]>(`/address/${address(3)}/txs/chain`)).toEqual([]);
    expect(await getJson(`/address/${address(3)}/utxo`)).toEqual([{ txid: txs[0]!.txid, vout: 0, status: { confirmed: false }, value: 30_000 }]);
  });

  it('shows a spent address: two transactions, everything funded spent, no UTXO', async () => {
    const stats = await getJson<{ chain_stats: Record<string, number> }>(`/scripthash/${esploraScripthash(script(2))}`);
    expect(stats.chain_stats).toEqual({ funded_txo_count: 1, funded_txo_sum: 50_000, spent_txo_count: 1, spent_txo_sum: 50_000, tx_count: 2 });
    const txs = await getJson<EsploraTx[]>(`/scripthash/${esploraScripthash(script(2))}/txs`);
    expect(txs).toHaveLength(2);
    expect(txs[0]!.vin[0]!.prevout).toMatchObject({ scriptpubkey: script(2), value: 50_000 });
    expect(await getJson(`/scripthash/${esploraScripthash(script(2))}/utxo`)).toEqual([]);
  });

  it('serves full transaction objects and genuine raw hex', async () => {
    const payment = busyPayments[0]!;
    const tx = await getJson<EsploraTx>(`/tx/${payment.txid}`);
    expect(Object.keys(tx)).toEqual(['txid', 'version', 'locktime', 'vin', 'vout', 'size', 'weight', 'fee', 'status']);
    expect(Object.keys(tx.vin[0]!)).toEqual(['txid', 'vout', 'prevout', 'scriptsig', 'scriptsig_asm', 'witness', 'is_coinbase', 'sequence']);
    expect(tx.vout[0]).toEqual({
      scriptpubkey: script(1),
      scriptpubkey_asm: `OP_0 OP_PUSHBYTES_20 ${script(1).slice(4)}`,
      scriptpubkey_type: 'v0_p2wpkh',
      scriptpubkey_address: address(1),
      value: 10_000,
    });
    const paid = tx.vin.reduce((s, v) => s + v.prevout!.value, 0) - tx.vout.reduce((s, v) => s + v.value, 0);
    expect(tx.fee).toBe(paid);
    const hex = await get(`/tx/${payment.txid}/hex`);
    expect(hex.type).toBe('text/plain');
    const parsed = Transaction.fromHex(hex.text);
    expect(parsed.getId()).toBe(payment.txid);
    expect([parsed.byteLength(), parsed.weight()]).toEqual([tx.size, tx.weight]);
    const coinbase = await getJson<EsploraTx>(`/tx/${model.blockAt(1)!.txids[0]}`);
    expect(coinbase.vin[0]).toMatchObject({ txid: '0'.repeat(64), vout: 4294967295, prevout: null, is_coinbase: true });
    expect(await getJson(`/tx/${payment.txid}/status`)).toMatchObject({ confirmed: true, block_hash: model.blockAt(1)!.hash });
  });

  it('accepts POST /tx broadcasts and passes node rejections through as electrs does', async () => {
    const coin = model.fund(script(9), 20_000);
    const tx = new Transaction();
    tx.version = 2;
    tx.addInput(Uint8Array.from(Buffer.from(coin.txid, 'hex')).reverse(), coin.vout);
    tx.addOutput(Buffer.from(script(10), 'hex'), 19_000n);
    const post = async (body: string) => {
      const response = await fetch(`${server.url}/tx`, { method: 'POST', body });
      return { status: response.status, text: await response.text() };
    };
    expect(await post(tx.toHex())).toEqual({ status: 200, text: tx.getId() });
    expect(model.placement(tx.getId())).toMatchObject({ confirmed: false });
    const orphan = tx.clone();
    orphan.ins[0]!.hash = new Uint8Array(32).fill(7);
    expect(await post(orphan.toHex())).toEqual({
      status: 400,
      text: 'sendrawtransaction RPC error: {"code":-25,"message":"Missing inputs"}',
    });
    expect(await post('zz')).toEqual({ status: 400, text: 'sendrawtransaction RPC error: {"code":-22,"message":"TX decode failed"}' });
  });

  it('reports the tip', async () => {
    expect(await get('/blocks/tip/height')).toMatchObject({ status: 200, text: String(model.tipHeight) });
    expect(await get('/blocks/tip/hash')).toMatchObject({ status: 200, text: model.tip.hash });
  });

  it('answers errors as electrs does: text bodies with 400 or 404', async () => {
    expect(await get('/address/bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu')).toMatchObject({ status: 400, text: 'Address on invalid network' });
    expect(await get('/address/notanaddress')).toMatchObject({ status: 400, text: 'base58 error', type: 'text/plain' });
    expect(await get(`/address/${address(1).slice(0, -1)}q`)).toMatchObject({ status: 400, text: 'bech32 segwit decoding error' });
    expect(await get('/scripthash/zz')).toMatchObject({ status: 400, text: 'Invalid scripthash' });
    expect(await get(`/tx/${'00'.repeat(32)}`)).toMatchObject({ status: 404, text: 'Transaction not found' });
    expect(await get('/tx/xyz')).toMatchObject({ status: 400, text: 'Invalid hex string' });
    expect(await get('/nope')).toMatchObject({ status: 404, text: 'endpoint does not exist "/nope"' });
  });
});
