import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createElectrumSource, electrumScripthash } from '../../src/chains/bitcoin/index.js';
import type { ChainSource } from '../../src/chains/source.js';
import { startElectrum, type ElectrumServerHandle } from '../../src/devnet/bitcoin/electrum-server.js';
import { closeAll, electrum, expectCase, FAST_RETRY, render, wholeAnswers } from './clients.js';
import { buildScenarioChain, CASES, REGTEST, refsOf } from './scenario.js';
import { startTcpTap, type TcpTap } from './tcp-tap.js';

/** Electrum `probe: 'subscribe'`: one batch of subscribe per window, history and balance for the used scripts only. */
describe("electrum probe: 'subscribe'", () => {
  let server: ElectrumServerHandle;
  let tap: TcpTap;
  const sources: ChainSource[] = [];

  beforeAll(async () => {
    server = await startElectrum(buildScenarioChain());
    tap = await startTcpTap(server);
  });
  afterAll(async () => {
    await closeAll(sources);
    await tap.close();
    await server.close();
  });

  /** Every JSON-RPC request line the client sent, as [method, first param] per line (a batch is one line). */
  const sentBatches = (): [string, unknown][][] =>
    tap.lines
      .filter((l) => l.dir === 'client')
      .map((l) => {
        const parsed = JSON.parse(l.raw) as { method: string; params: unknown[] } | { method: string; params: unknown[] }[];
        return (Array.isArray(parsed) ? parsed : [parsed]).map((c): [string, unknown] => [c.method, c.params[0]]);
      });

  it('gives the same verdicts, txCounts and balances as the default get_history probe', async () => {
    const subscribing = createElectrumSource({
      network: REGTEST,
      config: { type: 'electrum', url: tap.url },
      transport: FAST_RETRY,
      probe: 'subscribe',
    });
    const historyProbe = electrum(server.url);
    sources.push(subscribing, historyProbe);
    // The subscribe probe's activity is already the whole holding; the history probe leaves balances to holdings.
    expect(subscribing.activityIsHoldings).toBe(true);
    const answers = await subscribing.activity(refsOf(CASES));
    CASES.forEach((c, i) => expectCase(answers[i], c, 'electrum subscribe'));
    expect(render(answers)).toBe(render(await wholeAnswers(historyProbe, refsOf(CASES))));

    const hashes = CASES.map((c) => electrumScripthash(c.target.script));
    const usedHashes = CASES.filter((c) => c.expected.used).map((c) => electrumScripthash(c.target.script));
    const scriptBatches = sentBatches().filter((batch) => batch.some(([method]) => method.startsWith('blockchain.scripthash.')));
    // ONE subscribe batch over the whole window, then get_history and get_balance for the used only, in one line.
    expect(scriptBatches[0]).toEqual(hashes.map((h) => ['blockchain.scripthash.subscribe', h]));
    expect(scriptBatches.slice(1)).toEqual([[
      ...usedHashes.map((h) => ['blockchain.scripthash.get_history', h]),
      ...usedHashes.map((h) => ['blockchain.scripthash.get_balance', h]),
    ]]);
  });

  it('a window of unused scripts costs one subscribe batch and nothing more', async () => {
    const unused = CASES.filter((c) => !c.expected.used);
    const before = tap.lines.length;
    const source = createElectrumSource({
      network: REGTEST,
      config: { type: 'electrum', url: tap.url },
      transport: FAST_RETRY,
      probe: 'subscribe',
    });
    sources.push(source);
    const answers = await source.activity(refsOf(unused));
    unused.forEach((c, i) => expectCase(answers[i], c, 'electrum subscribe, unused'));
    const sent = tap.lines.slice(before).filter((l) => l.dir === 'client' && l.raw.includes('blockchain.scripthash.'));
    expect(sent.map((l) => (JSON.parse(l.raw) as { method: string }[]).map((c) => c.method))).toEqual([
      unused.map(() => 'blockchain.scripthash.subscribe'),
    ]);
  });

  it('refuses an unknown probe', () => {
    expect(() =>
      createElectrumSource({ network: REGTEST, config: { type: 'electrum', url: tap.url }, probe: 'ping' as 'history' }),
    ).toThrow(/probe must be 'history' or 'subscribe'/);
  });
});
