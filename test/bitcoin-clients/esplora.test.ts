import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEsploraSource, ESPLORA_CHAIN_PAGE, esploraScripthash } from '../../src/chains/bitcoin/index.js';
import type { ChainSource } from '../../src/chains/source.js';
import { TransportError } from '../../src/net/index.js';
import type { ChainModel } from '../../src/devnet/bitcoin/chain-model.js';
import { esploraScripthash as serverScripthash, electrumScripthash as serverElectrumScripthash } from '../../src/devnet/bitcoin/chain/hashes.js';
import { startEsplora } from '../../src/devnet/bitcoin/esplora-server.js';
import type { HttpServerHandle } from '../../src/devnet/bitcoin/http/http-server.js';
import { startFaultProxy } from '../../src/devnet/fault-proxy.js';
import { esplora, expectCase, FAST_RETRY, render } from './clients.js';
import { startHttpWrapper, type HttpWrapper } from './http-wrapper.js';
import { buildScenarioChain, CASES, REGTEST, refsOf } from './scenario.js';

const caseNamed = (prefix: string) => CASES.find((c) => c.name.startsWith(prefix))!;

describe('esplora client', () => {
  let model: ChainModel;
  let server: HttpServerHandle;
  const closers: (() => Promise<unknown>)[] = [];
  const later = <T extends { close?(): Promise<unknown> }>(thing: T): T => {
    closers.push(async () => thing.close?.());
    return thing;
  };

  beforeAll(async () => {
    model = buildScenarioChain();
    server = await startEsplora(model);
  });
  afterAll(async () => {
    await Promise.all(closers.map((close) => close()));
    await server.close();
  });

  it('hashes scripts in natural byte order, not Electrum\'s reversed order', () => {
    const { script, scriptHex } = caseNamed('receive-only').target;
    expect(esploraScripthash(script)).toBe(serverScripthash(scriptHex));
    expect(esploraScripthash(script)).not.toBe(serverElectrumScripthash(scriptHex));
  });

  it('asks one /scripthash/:hash per address', async () => {
    const wrapper = later(await startHttpWrapper(server.url, () => undefined));
    const source = esplora(wrapper.url);
    await source.activity(refsOf(CASES));
    expect(source.route()).toBe('scripthash');
    expect([...wrapper.paths].sort()).toEqual(CASES.map((c) => `/scripthash/${esploraScripthash(c.target.script)}`).sort());
    expect(source.requests()).toBe(CASES.length);
  });

  it('pages the confirmed history 25 at a time (60 transactions: 3 pages)', async () => {
    const wrapper = later(await startHttpWrapper(server.url, () => undefined));
    const source = esplora(wrapper.url);
    const sixty = caseNamed('60 transactions').target;
    const txids = await source.chainTxids(sixty.ref);
    const confirmed = model.history(sixty.scriptHex).filter((h) => h.placement.confirmed).map((h) => h.txid).reverse();
    expect(txids).toEqual(confirmed);
    expect(txids).toHaveLength(60);
    const hash = esploraScripthash(sixty.script);
    expect(wrapper.paths).toEqual([
      `/scripthash/${hash}/txs/chain`,
      `/scripthash/${hash}/txs/chain/${txids[ESPLORA_CHAIN_PAGE - 1]}`,
      `/scripthash/${hash}/txs/chain/${txids[2 * ESPLORA_CHAIN_PAGE - 1]}`,
    ]);
  });

  it('lists mempool txids apart from the confirmed ones', async () => {
    const source = esplora(server.url);
    const mempool = caseNamed('mempool-only').target;
    const expected = model.history(mempool.scriptHex).map((h) => h.txid);
    expect(await source.mempoolTxids(mempool.ref)).toEqual(expected);
    expect(await source.chainTxids(mempool.ref)).toEqual([]);
  });

  it('falls back to /address/:a, detected once, when the server has no scripthash routes', async () => {
    const wrapper = later(
      await startHttpWrapper(server.url, (path) =>
        path.startsWith('/scripthash/') ? { status: 404, body: `endpoint does not exist "${path}"` } : undefined,
      ),
    );
    const source = esplora(wrapper.url);
    const answers = await source.activity(refsOf(CASES));
    CASES.forEach((c, i) => expectCase(answers[i], c, 'esplora by address'));
    expect(source.route()).toBe('address');
    expect(wrapper.paths.filter((p) => p.startsWith('/scripthash/'))).toHaveLength(1);
    expect(wrapper.paths.filter((p) => p.startsWith('/address/'))).toHaveLength(CASES.length);
    // Paging works on the address route too.
    const sixty = caseNamed('60 transactions').target;
    expect(await source.chainTxids(sixty.ref)).toHaveLength(60);
  });

  it('rides out 429s with text or JSON bodies (the transport retries)', async () => {
    const seen = new Map<string, number>();
    const wrapper = later(
      await startHttpWrapper(server.url, (path) => {
        const n = (seen.get(path) ?? 0) + 1;
        seen.set(path, n);
        // Each path: a plain-text 429 (mempool.space), then a JSON one (Blockstream), then the answer.
        if (n === 1) return { status: 429, body: 'Too Many Requests' };
        if (n === 2) return { status: 429, body: '{"error":"rate limited, slow down"}', contentType: 'application/json' };
        return undefined;
      }),
    );
    const source = createEsploraSource({
      network: REGTEST,
      config: { type: 'esplora', url: wrapper.url },
      transport: { ...FAST_RETRY, retries: 2 },
    });
    const window = CASES.slice(0, 4);
    const answers = await source.activity(refsOf(window));
    window.forEach((c, i) => expectCase(answers[i], c, 'esplora behind 429s'));
    expect(wrapper.paths).toHaveLength(3 * window.length);
  });

  it('refuses Elements-style stats without amounts instead of reporting an empty balance', async () => {
    const wrapper = later(
      await startHttpWrapper(server.url, (path) =>
        path.startsWith('/scripthash/')
          ? { status: 200, contentType: 'application/json', body: '{"chain_stats":{"tx_count":1,"funded_txo_count":1,"spent_txo_count":0},"mempool_stats":{"tx_count":0,"funded_txo_count":0,"spent_txo_count":0}}' }
          : undefined,
      ),
    );
    const target = caseNamed('receive-only').target;
    await expect(esplora(wrapper.url).activity([target.ref])).rejects.toMatchObject({
      code: 'PROTOCOL',
      shortMessage: expect.stringContaining(`${target.ref.address}: chain_stats.funded_txo_sum is missing`),
    });
  });

  it('refuses a server that ignores the paging cursor instead of looping', async () => {
    const sixty = caseNamed('60 transactions').target;
    const hash = esploraScripthash(sixty.script);
    const firstPage = await (await fetch(`${server.url}/scripthash/${hash}/txs/chain`)).text();
    const stuck = later(
      await startHttpWrapper(server.url, (path) =>
        path.startsWith(`/scripthash/${hash}/txs/chain`) ? { status: 200, body: firstPage, contentType: 'application/json' } : undefined,
      ),
    );
    await expect(esplora(stuck.url).chainTxids(sixty.ref)).rejects.toThrow(/repeated transaction/);
  });

  it('verifies the genesis block (/block-height/0)', async () => {
    await createEsploraSource({ network: REGTEST, config: { type: 'esplora', url: server.url }, expectedGenesisHash: model.genesisHash }).verify!();
    const wrong = createEsploraSource({ network: REGTEST, config: { type: 'esplora', url: server.url }, expectedGenesisHash: 'ab'.repeat(32) });
    await expect(wrong.verify!()).rejects.toMatchObject({ code: 'CHAIN_MISMATCH' });
  });

  it('does not take a cut /block-height/0 answer for a foreign genesis', async () => {
    let served = 0;
    const wrapper: HttpWrapper = later(
      await startHttpWrapper(server.url, (path) => (path === '/block-height/0' && served++ === 0 ? { status: 200, body: model.genesisHash.slice(0, 32) } : undefined)),
    );
    const source = createEsploraSource({
      network: REGTEST,
      config: { type: 'esplora', url: wrapper.url },
      expectedGenesisHash: model.genesisHash,
      transport: FAST_RETRY,
    });
    await source.verify!();
    expect(wrapper.paths).toEqual(['/block-height/0', '/block-height/0']);
  });

  it('retries an unreachable /block-height/0 only as its transport does (the scan waits for every check)', async () => {
    const down: HttpWrapper = later(await startHttpWrapper(server.url, () => ({ status: 503, body: 'down' })));
    const source = createEsploraSource({
      network: REGTEST,
      config: { type: 'esplora', url: down.url },
      expectedGenesisHash: model.genesisHash,
      transport: { ...FAST_RETRY, retries: 1 },
    });
    await expect(source.verify!()).rejects.toMatchObject({ status: 503 });
    expect(down.paths).toEqual(['/block-height/0', '/block-height/0']); // one try and the transport's one retry, not 4 × 2
  });

  it('reports a failed query as a TransportError, never as unused', async () => {
    const proxy = later(await startFaultProxy({ target: server.url, rate: 1, faults: ['503'] }));
    const source: ChainSource = createEsploraSource({
      network: REGTEST,
      config: { type: 'esplora', url: proxy.url },
      transport: { ...FAST_RETRY, retries: 1 },
    });
    const error = await source.activity(refsOf(CASES.slice(5, 7))).then((a) => render(a), (err: unknown) => err);
    expect(error).toBeInstanceOf(TransportError);
    expect((error as TransportError).status).toBe(503);
  });
});
