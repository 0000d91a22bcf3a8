import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BITCOIN_SOURCE_FACTORIES } from '../../src/chains/bitcoin/index.js';
import type { ChainSource } from '../../src/chains/source.js';
import { bitcoin } from '../../src/chains/networks.js';
import { startBlockbook } from '../../src/devnet/bitcoin/blockbook-server.js';
import type { ChainModel } from '../../src/devnet/bitcoin/chain-model.js';
import { startElectrum, type ElectrumServerHandle } from '../../src/devnet/bitcoin/electrum-server.js';
import { startEsplora } from '../../src/devnet/bitcoin/esplora-server.js';
import type { HttpServerHandle } from '../../src/devnet/bitcoin/http/http-server.js';
import { blockbook, closeAll, electrum, esplora, expectCase, render, wholeAnswers } from './clients.js';
import { buildScenarioChain, CASES, derive, REGTEST, refsOf } from './scenario.js';

/**
 * ONE table of cases (scenario.ts) asked of every client, each against its own protocol's server over the same
 * chain model: same used/unused verdicts, txCounts and native amounts.
 */
describe('Bitcoin clients: one table across esplora, electrum and blockbook', () => {
  let model: ChainModel;
  let esploraServer: HttpServerHandle;
  let blockbookServer: HttpServerHandle;
  let tcp: ElectrumServerHandle;
  let ssl: ElectrumServerHandle;
  let padded: ElectrumServerHandle;
  const sources: ChainSource[] = [];

  beforeAll(async () => {
    model = buildScenarioChain();
    [esploraServer, blockbookServer, tcp, ssl, padded] = await Promise.all([
      startEsplora(model),
      startBlockbook(model),
      startElectrum(model),
      startElectrum(model, { tls: true }),
      // As ElectrumX runs: replies padded with spaces, small ones held ~1 s once 1024 bytes went out.
      startElectrum(model, { padding: true, delayMs: 1_000 }),
    ]);
  });
  afterAll(async () => {
    await closeAll(sources);
    await Promise.all([esploraServer, blockbookServer, tcp, ssl, padded].map((s) => s.close()));
  });

  const track = <T extends ChainSource>(source: T): T => {
    sources.push(source);
    return source;
  };

  it('derives the test scripts as the public vectors say', () => {
    expect(derive('p2wpkh', 0, 0).address(bitcoin)).toBe('bc1qcr8te4kr609gcawutmrza0j4xv80jy8z306fyu');
    expect(derive('p2pkh', 0, 0).address(bitcoin)).toBe('1LqBGSKuX5yYUonjxT5qGfpUsXKYYWeabA');
    expect(derive('p2sh-p2wpkh', 0, 0).address(bitcoin)).toBe('37VucYSaXLCAsxYyAPfbSi9eh4iEcbShgf');
    expect(derive('p2tr', 0, 0).address(bitcoin)).toBe('bc1p5cyxnuxmeuwuvkwfem96lqzszd02n6xdcjrs20cac6yqjjwudpxqkedrcr');
  });

  it('the table agrees with the chain model it runs on', () => {
    for (const c of CASES) {
      const balance = model.balance(c.target.scriptHex);
      expect(model.history(c.target.scriptHex).length, c.name).toBe(c.expected.txCount);
      expect(BigInt(balance.confirmed + balance.unconfirmed), c.name).toBe(c.expected.amount);
      expect(BigInt(balance.unconfirmed), c.name).toBe(c.expected.unconfirmed);
    }
  });

  const clients: [string, () => ChainSource][] = [
    ['esplora', () => esplora(esploraServer.url)],
    ['blockbook', () => blockbook(blockbookServer.url)],
    ['electrum tcp://', () => electrum(tcp.url)],
    ['electrum ssl://', () => electrum(ssl.url)],
    ['electrum, padded replies held 1 s', () => electrum(padded.url)],
  ];

  for (const [name, make] of clients) {
    it(`${name} answers every case (activity and holdings)`, async () => {
      const source = track(make());
      expect(source.family).toBe('bitcoin');
      const activity = await source.activity(refsOf(CASES));
      expect(activity).toHaveLength(CASES.length);
      // Activity alone decides used and gives the txCount, whichever the client.
      CASES.forEach((c, i) => expect({ used: activity[i]!.used, txCount: activity[i]!.txCount }, `${name}: ${c.name}`).toEqual({ used: c.expected.used, txCount: c.expected.txCount }));
      const answers = await wholeAnswers(source, refsOf(CASES));
      CASES.forEach((c, i) => expectCase(answers[i], c, name));
      if (source.activityIsHoldings) expect(render(await source.holdings(refsOf(CASES)))).toBe(render(activity));
    });
  }

  it('all clients give byte-identical answers, whatever the window size', async () => {
    const renderings = new Set<string>();
    for (const [, make] of clients.slice(0, 3)) {
      const source = track(make());
      const windows = [CASES.slice(0, 4), CASES.slice(4, 7), CASES.slice(7)];
      const answers = (await Promise.all(windows.map((w) => wholeAnswers(source, refsOf(w))))).flat();
      renderings.add(render(answers));
    }
    expect(renderings.size).toBe(1);
  });

  it('BITCOIN_SOURCE_FACTORIES builds each client from its indexer config', async () => {
    const configs = [
      { type: 'esplora', url: esploraServer.url },
      { type: 'electrum', url: tcp.url },
      { type: 'blockbook', url: blockbookServer.url },
    ] as const;
    const [first] = CASES;
    for (const config of configs) {
      const source = track(BITCOIN_SOURCE_FACTORIES[config.type](REGTEST, config));
      expect(source.type).toBe(config.type);
      expect(source.id).toMatch(new RegExp(`^${config.type} `));
      expectCase((await wholeAnswers(source, [first!.target.ref]))[0], first!, config.type);
    }
  });

  it('an empty window costs no request', async () => {
    for (const [, make] of clients.slice(0, 3)) {
      const source = track(make());
      expect(await source.activity([])).toEqual([]);
      expect(source.requests()).toBe(0);
    }
  });
});
