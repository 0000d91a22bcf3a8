import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createElectrumSource, ElectrumVersionError, electrumScripthash, type ElectrumSource } from '../../src/chains/bitcoin/index.js';
import { bitcoin, ethereum } from '../../src/chains/networks.js';
import { RestoreScanError } from '../../src/errors.js';
import { TransportError } from '../../src/net/index.js';
import type { ChainModel } from '../../src/devnet/bitcoin/chain-model.js';
import { electrumScripthash as serverScripthash } from '../../src/devnet/bitcoin/chain/hashes.js';
import { startElectrum, type ElectrumServerHandle } from '../../src/devnet/bitcoin/electrum-server.js';
import { startFaultProxy, type FaultProxy } from '../../src/devnet/fault-proxy.js';
import { electrum, expectCase, wholeAnswers } from './clients.js';
import { startElectrumStub, type StubAnswer, type StubServer } from './electrum-stub.js';
import { buildScenarioChain, CASES, derive, REGTEST, refsOf } from './scenario.js';

const GET_HISTORY = 'blockchain.scripthash.get_history';
const GET_BALANCE = 'blockchain.scripthash.get_balance';

describe('electrum client', () => {
  let model: ChainModel;
  let server: ElectrumServerHandle;
  const closers: (() => Promise<unknown>)[] = [];
  const later = <T extends { close?(): Promise<unknown> }>(thing: T): T => {
    closers.push(async () => thing.close?.());
    return thing;
  };

  beforeAll(async () => {
    model = buildScenarioChain();
    server = await startElectrum(model);
  });
  afterAll(async () => {
    await Promise.all(closers.map((close) => close()));
    await server.close();
  });

  const tcpTarget = () => ({ host: '127.0.0.1', port: Number(new URL(server.url).port) });

  it('computes the scripthash as the protocol does: sha256(script), bytes reversed', () => {
    const { script, scriptHex } = derive('p2wpkh', 0, 0);
    expect(electrumScripthash(script)).toBe(serverScripthash(scriptHex));
  });

  it('asks a window in ONE line of get_history; the balances of the used scripts are holdings, one line', async () => {
    const proxy: FaultProxy = later(await startFaultProxy({ target: tcpTarget() }));
    const source = later(electrum(proxy.url));
    expect(source.activityIsHoldings).toBe(false);
    const windows = [CASES.slice(0, 5), CASES.slice(5, 8), CASES.slice(8)];
    const expected: string[][] = [['server.version']];
    for (const window of windows) {
      const answers = await wholeAnswers(source, refsOf(window));
      window.forEach((c, i) => expectCase(answers[i], c, 'electrum'));
      expected.push(window.map(() => GET_HISTORY));
      const used = window.filter((c) => c.expected.used);
      if (used.length > 0) expected.push(used.map(() => GET_BALANCE));
    }
    expect(expected.flat().filter((m) => m === GET_BALANCE).length).toBeGreaterThan(0);
    expect(proxy.log.map((entry) => entry.rpcMethods)).toEqual(expected);
    expect(source.requests()).toBe(expected.length);
  });

  it('honours batchSize by splitting a window into several batches', async () => {
    const proxy: FaultProxy = later(await startFaultProxy({ target: tcpTarget() }));
    const source = later(electrum(proxy.url, { batchSize: 4 }));
    const unused = Array.from({ length: 10 }, (_, i) => derive('p2wpkh', 0, 200 + i).ref);
    const answers = await source.activity(unused);
    expect(answers.map((a) => a.used)).toEqual(unused.map(() => false));
    // 10 get_history, at most 4 calls per line; nothing else for unused scripts.
    expect(proxy.log.slice(1).map((e) => e.rpcMethods)).toEqual([4, 4, 2].map((n) => Array.from({ length: n }, () => GET_HISTORY)));
  });

  it('sends server.version first on every connection, reconnections included', async () => {
    const proxy: FaultProxy = later(await startFaultProxy({ target: tcpTarget(), rate: 1, faults: ['reset'], maxFaults: 2 }));
    const source = later(electrum(proxy.url));
    const answers = await wholeAnswers(source, refsOf(CASES.slice(0, 3)));
    CASES.slice(0, 3).forEach((c, i) => expectCase(answers[i], c, 'electrum'));
    const byConnection = new Map<string, string[][]>();
    for (const entry of proxy.log) byConnection.set(entry.path, [...(byConnection.get(entry.path) ?? []), entry.rpcMethods]);
    // The batch follows server.version on the same connection before its answer: both faults may hit one.
    expect(byConnection.size).toBeGreaterThanOrEqual(2);
    for (const lines of byConnection.values()) expect(lines[0]).toEqual(['server.version']);
    expect(source.server()).toEqual({ software: 'ElectrumX 1.20.0', protocol: '1.6' });
  });

  it('verifies the genesis hash and the hash function (server.features)', async () => {
    await later(createElectrumSource({ network: REGTEST, config: { type: 'electrum', url: server.url }, expectedGenesisHash: model.genesisHash })).verify!();
    // Unknown network, no expected hash: nothing to compare the genesis with.
    await later(electrum(server.url)).verify!();
    const wrong = later(createElectrumSource({ network: REGTEST, config: { type: 'electrum', url: server.url }, expectedGenesisHash: '11'.repeat(32) }));
    await expect(wrong.verify!()).rejects.toMatchObject({ code: 'CHAIN_MISMATCH' });
    // A built-in network checks against its known genesis: this regtest server is not Bitcoin mainnet.
    const mainnet = later(createElectrumSource({ network: bitcoin, config: { type: 'electrum', url: server.url } }));
    await expect(mainnet.verify!()).rejects.toThrow(/genesis block is [0-9a-f]{64}, expected 000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f/);
  });

  it('refuses bad configuration and missing scripts clearly', () => {
    expect(() => createElectrumSource({ network: ethereum, config: { type: 'electrum', url: server.url } })).toThrow(/Bitcoin-like networks/);
    expect(() => createElectrumSource({ network: REGTEST, config: { type: 'electrum', url: server.url, timeoutMs: 500 } })).toThrow(
      /at least 2000 ms/,
    );
    expect(() => createElectrumSource({ network: REGTEST, config: { type: 'esplora', url: server.url } })).toThrow(RestoreScanError);
  });

  it('rejects a window with an address lacking its script', async () => {
    const source = later(electrum(server.url));
    await expect(source.activity([{ address: derive('p2wpkh', 0, 0).ref.address }])).rejects.toThrow(/needs the scriptPubKey/);
  });

  describe('against a scripted server', () => {
    let stub: StubServer;
    const used = derive('p2wpkh', 0, 0);
    const heavy = derive('p2wpkh', 0, 1);
    const unused = derive('p2wpkh', 0, 2);
    let versionAnswer: StubAnswer = { result: ['Stub 1.0', '1.6'] };
    let featuresAnswer: StubAnswer = { result: { genesis_hash: '22'.repeat(32), hash_function: 'sha256' } };

    beforeAll(async () => {
      stub = await startElectrumStub((method, params) => {
        const hash = Array.isArray(params) ? params[0] : undefined;
        switch (method) {
          case 'server.version':
            return versionAnswer;
          case 'server.features':
            return featuresAnswer;
          case GET_HISTORY:
            if (hash === electrumScripthash(heavy.script)) return { error: { code: 1, message: 'history too large' } };
            // The dict shape of the 1.5 docs, with a mempool entry (height -1).
            if (hash === electrumScripthash(used.script))
              return { result: { from_height: 0, to_height: -1, history: [{ tx_hash: 'ab'.repeat(32), height: 7 }, { tx_hash: 'cd'.repeat(32), height: -1, fee: 200 }] } };
            return { result: [] };
          case GET_BALANCE:
            return { result: hash === electrumScripthash(used.script) ? { confirmed: 1_000, unconfirmed: -300 } : { confirmed: 0, unconfirmed: 0 } };
          default:
            return { error: { code: -32601, message: `unknown method "${method}"` } };
        }
      });
      closers.push(() => stub.close());
    });

    const stubSource = (): ElectrumSource => later(electrum(stub.url));

    it('reads the 1.5 dict-shaped history, mempool entries included, and the balance with its mempool part', async () => {
      const source = stubSource();
      const [a, b] = await source.activity([used.ref, unused.ref]);
      expect(a).toEqual({ address: used.ref.address, used: true, txCount: 2, assets: [] });
      expect(b).toEqual({ address: unused.ref.address, used: false, txCount: 0, assets: [] });
      const native = { kind: 'native', amount: 700n, unconfirmed: -300n, decimals: 8, symbol: REGTEST.symbol };
      // Holdings carry no txCount (activity gives it): used here means holding something.
      expect(await source.holdings([used.ref, unused.ref])).toEqual([
        { address: used.ref.address, used: true, txCount: 0, assets: [native] },
        { address: unused.ref.address, used: false, txCount: 0, assets: [] },
      ]);
      expect(await wholeAnswers(source, [used.ref, unused.ref])).toEqual([{ ...a, assets: [native] }, b]);
    });

    it('fails the window when one entry answers an error such as "history too large": never "unused"', async () => {
      const before = stub.lines.filter((l) => l.includes(GET_HISTORY)).length;
      const error = await stubSource().activity([unused.ref, heavy.ref, used.ref]).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(TransportError);
      expect((error as TransportError).message).toContain(`get_history for ${heavy.ref.address} failed: history too large (JSON-RPC error 1)`);
      expect((error as TransportError).retryable).toBe(false);
      // Deterministic: asked once, not retried.
      expect(stub.lines.filter((l) => l.includes(GET_HISTORY)).length - before).toBe(1);
    });

    it('refuses a server that negotiates a protocol below 1.4', async () => {
      versionAnswer = { result: ['Old 0.9', '1.2'] };
      try {
        const error = await stubSource().activity([unused.ref]).then(() => undefined, (err: unknown) => err);
        expect(error).toBeInstanceOf(ElectrumVersionError);
        expect((error as Error).message).toMatch(/\(Old 0\.9\) only speaks Electrum protocol 1\.2/);
      } finally {
        versionAnswer = { result: ['Stub 1.0', '1.6'] };
      }
    });

    it('refuses a server that rejects the offered versions', async () => {
      versionAnswer = { error: { code: 1, message: 'unsupported protocol version: 1.6' } };
      try {
        const source = stubSource();
        await expect(source.activity([unused.ref])).rejects.toThrow(/refused Electrum protocol 1\.4–1\.6: unsupported protocol version/);
        await expect(source.verify!()).rejects.toBeInstanceOf(ElectrumVersionError);
      } finally {
        versionAnswer = { result: ['Stub 1.0', '1.6'] };
      }
    });

    it('refuses a server whose scripthashes use another hash function', async () => {
      featuresAnswer = { result: { genesis_hash: '22'.repeat(32), hash_function: 'sha1' } };
      try {
        await expect(stubSource().verify!()).rejects.toThrow(/makes scripthashes with sha1, not sha256/);
      } finally {
        featuresAnswer = { result: { genesis_hash: '22'.repeat(32), hash_function: 'sha256' } };
      }
    });

    it('refuses answers of the wrong shape as protocol errors', async () => {
      const weird = derive('p2wpkh', 0, 9);
      const odd = later(
        await startElectrumStub((method) =>
          method === 'server.version' ? { result: ['Stub', '1.4'] } : { result: { nothing: 'here' } },
        ),
      );
      await expect(later(electrum(odd.url)).activity([weird.ref])).rejects.toMatchObject({
        code: 'PROTOCOL',
        shortMessage: expect.stringContaining(`get_history for ${weird.ref.address}: get_history answered`),
      });
    });
  });
});
