import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AddressUtxos, BitcoinUtxo } from '../../src/chains/bitcoin/index.js';
import type { AddressActivity, ChainSource } from '../../src/chains/source.js';
import { startBlockbook } from '../../src/devnet/bitcoin/blockbook-server.js';
import type { ChainModel } from '../../src/devnet/bitcoin/chain-model.js';
import { startElectrum, type ElectrumServerHandle } from '../../src/devnet/bitcoin/electrum-server.js';
import { startEsplora } from '../../src/devnet/bitcoin/esplora-server.js';
import type { HttpServerHandle } from '../../src/devnet/bitcoin/http/http-server.js';
import { blockbook, closeAll, electrum, esplora, wholeAnswers } from './clients.js';
import { buildScenarioChain, CASES, refsOf, type ClientCase } from './scenario.js';

/**
 * `utxos()` of the three Bitcoin clients over ONE table (scenario.ts), each against its own protocol's server on
 * the same chain model: identical answers, UTXO sums equal to the native balance discovery reports (activity, and holdings where activity leaves them).
 */
type UtxoSource = ChainSource & { utxos(refs: readonly { address: string; script?: Uint8Array }[]): Promise<AddressUtxos[]> };

const byName = (name: string): ClientCase => CASES.find((c) => c.name === name)!;
/** What the scenario laid down, independent of any client: [value, confirmed?] per expected UTXO. */
const SHAPES: readonly [string, readonly { value: bigint; confirmed: boolean }[]][] = [
  ['receive-only (p2wpkh)', [{ value: 100_000n, confirmed: true }]],
  ['spent change: history, zero balance', []],
  ['mempool-only', [{ value: 30_000n, confirmed: false }]],
  ['mempool with an unconfirmed parent', [{ value: 5_000n, confirmed: false }]],
  ['confirmed, spent in the mempool', []],
  ['unused (p2pkh)', []],
  ['receive (p2tr)', [{ value: 12_345n, confirmed: true }, { value: 1_000n, confirmed: false }]],
];

const nativeAmount = (a: AddressActivity): bigint => a.assets.filter((x) => x.kind === 'native').reduce((s, x) => s + x.amount, 0n);
const total = (utxos: readonly BitcoinUtxo[]): bigint => utxos.reduce((s, u) => s + u.value, 0n);

describe('Bitcoin clients: utxos() across esplora, electrum and blockbook', () => {
  let model: ChainModel;
  let esploraServer: HttpServerHandle;
  let blockbookServer: HttpServerHandle;
  let tcp: ElectrumServerHandle;
  const sources: ChainSource[] = [];
  const clients: [string, () => UtxoSource][] = [
    ['esplora', () => esplora(esploraServer.url)],
    ['blockbook', () => blockbook(blockbookServer.url)],
    ['electrum', () => electrum(tcp.url)],
  ];
  const answers = new Map<string, AddressUtxos[]>();

  beforeAll(async () => {
    model = buildScenarioChain();
    [esploraServer, blockbookServer, tcp] = await Promise.all([startEsplora(model), startBlockbook(model), startElectrum(model)]);
  });
  afterAll(async () => {
    await closeAll(sources);
    await Promise.all([esploraServer, blockbookServer, tcp].map((s) => s.close()));
  });

  for (const [name, make] of clients) {
    it(`${name}: UTXOs per address, summing to the native balance discovery reports`, async () => {
      const source = make();
      sources.push(source);
      const refs = refsOf(CASES);
      const [utxos, activity] = await Promise.all([source.utxos(refs), wholeAnswers(source, refs)]);
      expect(utxos.map((u) => u.address)).toEqual(refs.map((r) => r.address));
      utxos.forEach((u, i) => expect(total(u.utxos), `${name}: ${CASES[i]!.name}`).toBe(nativeAmount(activity[i]!)));
      for (const [caseName, shape] of SHAPES) {
        const found = utxos[CASES.indexOf(byName(caseName))]!.utxos;
        expect(found.map((u) => ({ value: u.value, confirmed: u.height > 0 })), `${name}: ${caseName}`).toEqual(shape);
        for (const u of found) {
          expect(u.txid, caseName).toMatch(/^[0-9a-f]{64}$/);
          // Mempool outputs are height 0 on every server (Electrum gives 0 even with an unconfirmed parent).
          if (u.height <= 0) expect(u.height, caseName).toBe(0);
          else expect(u.height, caseName).toBeLessThanOrEqual(model.tipHeight);
        }
      }
      const sixty = utxos[CASES.indexOf(byName('60 transactions (Esplora paging)'))]!.utxos;
      expect(sixty).toHaveLength(60);
      answers.set(name, utxos);
    });
  }

  it('the three clients give the same answers, outpoints and heights included', () => {
    expect([...answers.keys()].sort()).toEqual(['blockbook', 'electrum', 'esplora']);
    const [first, ...rest] = [...answers.values()];
    for (const other of rest) expect(other).toEqual(first);
    // And what the chain holds: the outpoints the model says are unspent, for a funded and a mempool address.
    for (const caseName of ['receive-only (p2wpkh)', 'mempool-only']) {
      const c = byName(caseName);
      const outpoints = model.utxos(c.target.scriptHex).map((o) => `${o.outpoint.txid}:${o.outpoint.vout}`);
      expect(first![CASES.indexOf(c)]!.utxos.map((u) => `${u.txid}:${u.vout}`), caseName).toEqual(outpoints);
    }
  });

  it('an empty window asks nothing', async () => {
    for (const [, make] of clients) {
      const source = make();
      sources.push(source);
      expect(await source.utxos([])).toEqual([]);
      expect(source.requests()).toBe(0);
    }
  });
});
