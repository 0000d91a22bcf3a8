import { readFileSync } from 'node:fs';
import { Transaction } from 'bitcoinjs-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainModel } from '../../src/devnet/bitcoin/chain-model.js';
import { bytesToHex, dsha256, electrumScripthash, hexToBytes, sha256Hex } from '../../src/devnet/bitcoin/chain/hashes.js';
import { merkleRoot } from '../../src/devnet/bitcoin/chain/merkle.js';
import { bitcoinRegtest } from '../../src/devnet/bitcoin/chain/networks.js';
import { type ElectrumServerHandle, TEST_ONLY_TLS_CERT_PATH, startElectrum } from '../../src/devnet/bitcoin/electrum-server.js';
import { type ScenarioOutcome, createScenarioChain } from '../../src/devnet/bitcoin/scenarios.js';
import { LineClient } from './line-client.js';

const script = (n: number): string => `0014${n.toString(16).padStart(40, '0')}`;
const sh = (n: number): string => electrumScripthash(script(n));
const concatBytes = (a: Uint8Array, b: Uint8Array): Uint8Array => Uint8Array.from([...a, ...b]);

describe('Electrum server with a hand-written line-JSON client', () => {
  let model: ChainModel;
  let outcomes: ScenarioOutcome[];
  const servers: ElectrumServerHandle[] = [];
  let tcp: ElectrumServerHandle;
  let ssl: ElectrumServerHandle;
  let padded: ElectrumServerHandle;
  let delayed: ElectrumServerHandle;

  beforeAll(async () => {
    ({ model, outcomes } = createScenarioChain(bitcoinRegtest, [
      { scriptPubKeyHex: script(1), kind: 'receive', value: 100_000 },
      { scriptPubKeyHex: script(2), kind: 'spent', value: 50_000 },
      { scriptPubKeyHex: script(3), kind: 'mempool', value: 30_000 },
      { scriptPubKeyHex: script(4), kind: 'mempool-unconfirmed-parent', value: 5_000 },
    ]));
    tcp = await startElectrum(model);
    ssl = await startElectrum(model, { tls: true });
    padded = await startElectrum(model, { padding: true });
    delayed = await startElectrum(model, { padding: true, delayMs: 25 });
    servers.push(tcp, ssl, padded, delayed);
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.close()));
  });

  async function connected(url: string, options: { ca?: Buffer } = {}): Promise<LineClient> {
    const client = await LineClient.connect(url, options);
    expect(await client.call(1, 'server.version', ['test', ['1.4', '1.6']])).toEqual({
      jsonrpc: '2.0', result: ['ElectrumX 1.20.0', '1.6'], id: 1,
    });
    return client;
  }

  it('answers the discovery methods over plain TCP', async () => {
    expect(tcp.url).toBe(`tcp://127.0.0.1:${tcp.port}`);
    const client = await connected(tcp.url);
    try {
      const [receive, spent, , unconfirmedParent] = outcomes as [ScenarioOutcome, ScenarioOutcome, ScenarioOutcome, ScenarioOutcome];
      const receiveHeight = (model.placement(receive.funding.txid) as { block: { height: number } }).block.height;
      expect(await client.call(2, 'blockchain.scripthash.subscribe', [sh(99)])).toMatchObject({ result: null });
      expect(await client.call(3, 'blockchain.scripthash.subscribe', [sh(1)])).toMatchObject({
        result: sha256Hex(`${receive.funding.txid}:${receiveHeight}:`),
      });
      expect(await client.call(4, 'blockchain.scripthash.get_history', [sh(4)])).toMatchObject({
        result: [{ tx_hash: unconfirmedParent.funding.txid, height: -1, fee: model.tx(unconfirmedParent.funding.txid)!.fee }],
      });
      expect(await client.call(5, 'blockchain.scripthash.listunspent', [sh(4)])).toMatchObject({
        result: [{ tx_hash: unconfirmedParent.funding.txid, tx_pos: 0, height: 0, value: 5_000 }],
      });
      expect(await client.call(6, 'blockchain.scripthash.get_balance', [sh(2)])).toMatchObject({ result: { confirmed: 0, unconfirmed: 0 } });
      expect(await client.call(7, 'blockchain.scripthash.get_history', [sh(2)])).toMatchObject({
        result: [{ tx_hash: spent.funding.txid }, { tx_hash: spent.spendingTxid }],
      });
      expect(await client.call(8, 'blockchain.scripthash.get_balance', [sh(3)])).toMatchObject({ result: { confirmed: 0, unconfirmed: 30_000 } });
      expect(await client.call(9, 'blockchain.transaction.get', [receive.funding.txid])).toMatchObject({
        result: model.tx(receive.funding.txid)!.body!.raw,
      });
      expect(await client.call(10, 'blockchain.transaction.get', [receive.funding.txid, true])).toMatchObject({
        result: { txid: receive.funding.txid, confirmations: model.tipHeight - receiveHeight + 1 },
      });
      client.send(
        `${JSON.stringify([
          { jsonrpc: '2.0', method: 'blockchain.scripthash.get_balance', id: 11, params: [sh(1)] },
          { jsonrpc: '2.0', method: 'blockchain.scripthash.get_balance', id: 12, params: ['zz'] },
        ])}\n`,
      );
      expect(JSON.parse((await client.nextLine())!)).toEqual([
        { jsonrpc: '2.0', result: { confirmed: 100_000, unconfirmed: 0 }, id: 11 },
        { jsonrpc: '2.0', error: { code: 1, message: 'zz is not a valid script hash' }, id: 12 },
      ]);
    } finally {
      client.close();
    }
  });

  it('notifies subscribers of mempool entries and blocks, the tip first', async () => {
    const client = await connected(tcp.url);
    try {
      expect(await client.call(2, 'blockchain.scripthash.subscribe', [sh(50)])).toMatchObject({ result: null });
      expect(await client.call(3, 'blockchain.headers.subscribe', [])).toMatchObject({ result: { height: model.tipHeight } });
      const funding = model.fund(script(50), 12_345);
      expect(JSON.parse((await client.nextLine())!)).toEqual({
        jsonrpc: '2.0', method: 'blockchain.scripthash.subscribe', params: [sh(50), sha256Hex(`${funding.txid}:0:`)],
      });
      const block = model.mine();
      expect(JSON.parse((await client.nextLine())!)).toEqual({
        jsonrpc: '2.0', method: 'blockchain.headers.subscribe', params: [{ hex: block.header, height: block.height }],
      });
      expect(JSON.parse((await client.nextLine())!)).toEqual({
        jsonrpc: '2.0', method: 'blockchain.scripthash.subscribe', params: [sh(50), sha256Hex(`${funding.txid}:${block.height}:`)],
      });
    } finally {
      client.close();
    }
  });

  it('accepts a broadcast into the mempool (again when repeated) and rejects a conflicting spend', async () => {
    const client = await connected(tcp.url);
    try {
      const coin = model.fund(script(60), 40_000);
      const tx = new Transaction();
      tx.version = 2;
      tx.addInput(hexToBytes(coin.txid).reverse(), coin.vout);
      tx.addOutput(hexToBytes(script(61)), 39_000n);
      expect(await client.call(2, 'blockchain.transaction.broadcast', [tx.toHex()])).toEqual({ jsonrpc: '2.0', result: tx.getId(), id: 2 });
      expect(model.history(script(61)).map((h) => h.txid)).toEqual([tx.getId()]);
      expect(await client.call(3, 'blockchain.transaction.broadcast', [tx.toHex()])).toEqual({ jsonrpc: '2.0', result: tx.getId(), id: 3 });
      const conflict = tx.clone();
      conflict.outs[0]!.value = 38_000n;
      expect(await client.call(4, 'blockchain.transaction.broadcast', [conflict.toHex()])).toEqual({
        jsonrpc: '2.0',
        error: { code: 1, message: `the transaction was rejected by network rules.\n\ntxn-mempool-conflict\n[${conflict.toHex()}]` },
        id: 4,
      });
    } finally {
      client.close();
    }
  });

  it('proves headers against a checkpoint and reports fees as ElectrumX renders them', async () => {
    const client = await LineClient.connect(tcp.url);
    try {
      await client.call(1, 'server.version', ['test', '1.4']);
      const tip = model.tipHeight;
      const reply = (await client.call(2, 'blockchain.block.header', [1, tip])) as { result: { header: string; branch: string[]; root: string } };
      expect(reply.result.header).toBe(model.blockAt(1)!.header);
      let node: Uint8Array = hexToBytes(model.blockAt(1)!.hash).reverse();
      reply.result.branch.forEach((sibling, level) => {
        const other = hexToBytes(sibling).reverse();
        node = dsha256(((1 >> level) & 1) === 1 ? concatBytes(other, node) : concatBytes(node, other));
      });
      expect(bytesToHex(node.reverse())).toBe(reply.result.root);
      const leaves = Array.from({ length: tip + 1 }, (_, h) => hexToBytes(model.blockAt(h)!.hash).reverse());
      expect(bytesToHex(merkleRoot(leaves).reverse())).toBe(reply.result.root);
      expect(await client.call(3, 'blockchain.block.header', [tip + 1])).toMatchObject({
        error: { code: 1, message: `height ${tip + 1} out of range` },
      });
      client.send(`${JSON.stringify({ jsonrpc: '2.0', method: 'blockchain.relayfee', id: 4, params: [] })}\n`);
      expect(await client.nextLine()).toBe('{"jsonrpc":"2.0","result":1e-05,"id":4}\n');
      expect(await client.call(5, 'blockchain.estimatefee', [2])).toMatchObject({ result: -1 });
    } finally {
      client.close();
    }
  });

  it('serves TLS with the test-only certificate, and a client that does not trust it is refused', async () => {
    expect(ssl.url).toBe(`ssl://127.0.0.1:${ssl.port}`);
    const client = await connected(ssl.url, { ca: readFileSync(TEST_ONLY_TLS_CERT_PATH) });
    try {
      expect(await client.call(2, 'blockchain.scripthash.get_balance', [sh(1)])).toMatchObject({ result: { confirmed: 100_000 } });
    } finally {
      client.close();
    }
    await expect(LineClient.connect(ssl.url)).rejects.toThrow(/self[- ]signed/);
  });

  it('pads every line to a power of two of at least 1024 bytes only when asked', async () => {
    const plain = await connected(tcp.url);
    const pad = await connected(padded.url);
    try {
      for (const [id, method, params] of [
        [2, 'server.features', []],
        [3, 'blockchain.scripthash.get_history', [sh(2)]],
        [4, 'blockchain.transaction.get', [outcomes[0]!.funding.txid, true]],
      ] as const) {
        plain.send(`${JSON.stringify({ jsonrpc: '2.0', method, id, params })}\n`);
        pad.send(`${JSON.stringify({ jsonrpc: '2.0', method, id, params })}\n`);
        const compact = (await plain.nextLine())!;
        const spaced = (await pad.nextLine())!;
        expect(compact).toMatch(/[}\]]\n$/);
        expect(compact).not.toMatch(/ [}\]]\n$/);
        const length = Buffer.byteLength(spaced);
        expect(length).toBeGreaterThanOrEqual(1024);
        expect(length & (length - 1)).toBe(0);
        expect(spaced.replace(/ +(?=[}\]]\n$)/, '')).toBe(compact);
      }
    } finally {
      plain.close();
      pad.close();
    }
  });

  it('holds small replies back after the first kilobyte and still answers every request in order', async () => {
    const client = await connected(delayed.url);
    try {
      for (let id = 2; id < 12; id++) {
        expect(await client.call(id, 'blockchain.scripthash.get_balance', [sh(1)])).toEqual({
          jsonrpc: '2.0', result: { confirmed: 100_000, unconfirmed: 0 }, id,
        });
      }
    } finally {
      client.close();
    }
  });
});
