/**
 * The EVM clients under hostile conditions: an endpoint on another chain, providers that refuse eth_getLogs
 * ranges, and 30% transient faults (429s, 5xx, resets, truncated/invalid JSON, dropped and reordered batch
 * entries). The rule: the same answers as without faults, or a rejection with a TransportError; never a wrong
 * or empty answer.
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvmRpcSource } from '../../src/chains/evm/rpc/client.js';
import { optimism } from '../../src/chains/networks.js';
import type { AddressActivity, ChainSource } from '../../src/chains/source.js';
import { RestoreScanError } from '../../src/errors.js';
import { TransportError } from '../../src/net/index.js';
import { startFaultProxy, TRANSIENT_FAULTS } from '../../src/devnet/fault-proxy.js';
import { startBlockscout, type BlockscoutServer } from '../../src/devnet/evm-indexers/blockscout-server.js';
import { startEtherscan, type EtherscanServer } from '../../src/devnet/evm-indexers/etherscan-server.js';
import { startRangeLimitedRpc, type RefusalStyle } from './range-limited-rpc.js';
import { buildScenario, NETWORKS, normalize, type Expected, type Scenario } from './scenario.js';
import { CLIENT_KINDS, makeSource, type ClientKind, type SourceUrls } from './sources.js';

let scenario: Scenario;
let blockscout: BlockscoutServer;
let etherscan: EtherscanServer;

beforeAll(async () => {
  scenario = await buildScenario();
  [blockscout, etherscan] = await Promise.all([
    startBlockscout(scenario.nodes.l1),
    startEtherscan({ [NETWORKS.l1.chainId]: scenario.nodes.l1 }),
  ]);
});

afterAll(async () => {
  await Promise.all([blockscout?.close(), etherscan?.close()]);
  await scenario?.stop();
});

const l1Urls = (): SourceUrls => ({ rpc: scenario.nodes.l1.url, blockscout: blockscout.url, etherscan: etherscan.url });

interface Answers {
  activity: Expected[];
  holdings: Expected[];
}

async function answers(source: ChainSource): Promise<Answers> {
  const activity: AddressActivity[] = await source.activity(scenario.refs);
  const holdings = await source.holdings(scenario.refs);
  return { activity: activity.map(normalize), holdings: holdings.map(normalize) };
}

describe('an endpoint serving another chain is refused', () => {
  it('evm-rpc: CHAIN_MISMATCH naming both chain ids and the URL without its credentials', async () => {
    const withCredentials = scenario.nodes.l1.url.replace('http://', 'http://alice:s3cret-pw@');
    const source = makeSource('evm-rpc', optimism, { ...l1Urls(), rpc: withCredentials });
    const error = await source.verify?.().catch((err: unknown) => err);
    expect(error).toBeInstanceOf(RestoreScanError);
    expect(error).toMatchObject({ code: 'CHAIN_MISMATCH' });
    const message = (error as Error).message;
    expect(message).toContain('chain id 1,');
    expect(message).toContain('"optimism" is chain id 10');
    expect(message).toContain(new URL(scenario.nodes.l1.url).host);
    expect(message).not.toMatch(/alice|s3cret/);
  });

  it('evm-rpc: an API key put into the URL from apiKeyEnv appears in no id or message', async () => {
    const proxy = await startRangeLimitedRpc(scenario.nodes.l1.url, 1_000_000, 'infura'); // serves any path
    try {
      const key = 'k3y-short';
      const source = createEvmRpcSource({
        network: optimism,
        config: { type: 'evm-rpc', url: `${proxy.url}/rpc/{apiKey}`, apiKeyEnv: 'RS_TEST_RPC_KEY' },
        env: { RS_TEST_RPC_KEY: key },
      });
      expect(source.id).not.toContain(key);
      const error = await source.verify?.().catch((err: unknown) => err);
      expect(error).toMatchObject({ code: 'CHAIN_MISMATCH' });
      expect((error as Error).message).not.toContain(key);
      expect(() =>
        createEvmRpcSource({ network: optimism, config: { type: 'evm-rpc', url: proxy.url, apiKeyEnv: 'RS_TEST_RPC_KEY' }, env: { RS_TEST_RPC_KEY: key } }),
      ).toThrow(/no \{apiKey\} placeholder/);
    } finally {
      await proxy.close();
    }
  });

  it('blockscout: eth_chainId through /api/eth-rpc', async () => {
    await expect(makeSource('blockscout', optimism, l1Urls()).verify?.()).rejects.toMatchObject({
      code: 'CHAIN_MISMATCH',
      message: expect.stringMatching(/serves chain id 1, but network "optimism" is chain id 10/),
    });
    await expect(makeSource('blockscout', NETWORKS.l1, l1Urls()).verify?.()).resolves.toBeUndefined();
  });
});

describe('a 404 that is not Blockscout saying "unknown address"', () => {
  it('rejects instead of reporting the address unused (a wrong base URL, a gateway page)', async () => {
    const server = http.createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html><body>404 Not Found</body></html>');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const source = makeSource('blockscout', NETWORKS.l1, { ...l1Urls(), blockscout: url });
      await expect(source.activity(scenario.refs.slice(0, 2))).rejects.toBeInstanceOf(TransportError);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('providers that refuse eth_getLogs ranges', () => {
  it.each<RefusalStyle>(['infura', 'results'])(
    '%s-style refusals: ranges are split, every span asked fits, the span is remembered, answers unchanged',
    async (style) => {
      const limit = 8;
      const proxy = await startRangeLimitedRpc(scenario.nodes.l1.url, limit, style);
      try {
        const source = makeSource('evm-rpc', NETWORKS.l1, { ...l1Urls(), rpc: proxy.url });
        const holdings = await source.holdings(scenario.refs);
        expect(holdings.map(normalize)).toEqual(scenario.expected.l1);
        expect(proxy.refused.length).toBeGreaterThan(0);
        expect(proxy.accepted.length).toBeGreaterThan(0);
        expect(Math.max(...proxy.accepted)).toBeLessThanOrEqual(limit);
        // The next window cuts its range up front: no refusal at all.
        const refusedBefore = proxy.refused.length;
        const activity = await source.activity(scenario.refs);
        expect(activity.map((a) => a.used)).toEqual(scenario.expected.l1.map((e) => e.used));
        expect(proxy.refused.length).toBe(refusedBefore);
        // Named limits are taken at once: one refused round per log filter, not a bisection.
        if (style === 'infura') expect(proxy.refused.length).toBe(5);
      } finally {
        await proxy.close();
      }
    },
  );

  it('a single block over the provider result limit rejects (nothing smaller to ask): never an empty answer', async () => {
    const proxy = await startRangeLimitedRpc(scenario.nodes.l1.url, 0, 'results');
    try {
      const source = makeSource('evm-rpc', NETWORKS.l1, { ...l1Urls(), rpc: proxy.url });
      await expect(source.activity(scenario.refs)).rejects.toThrow(/query returned more than 10000 results/);
    } finally {
      await proxy.close();
    }
  });

  it("the fault proxy's range-limit fault (-32005 on a whole batch's eth_getLogs) is split around", async () => {
    const proxy = await startFaultProxy({ target: scenario.nodes.l1.url, faults: ['range-limit'], rate: 1, maxFaults: 3, seed: 7 });
    try {
      const source = makeSource('evm-rpc', NETWORKS.l1, { ...l1Urls(), rpc: proxy.url });
      expect((await source.holdings(scenario.refs)).map(normalize)).toEqual(scenario.expected.l1);
      expect(proxy.log.filter((entry) => entry.fault === 'range-limit')).toHaveLength(3);
    } finally {
      await proxy.close();
    }
  });
});

describe('30% transient faults: same answers or a TransportError', () => {
  const SEEDS = [11, 22, 33];
  const baselines = new Map<ClientKind, Answers>();

  beforeAll(async () => {
    for (const kind of CLIENT_KINDS) baselines.set(kind, await answers(makeSource(kind, NETWORKS.l1, l1Urls())));
  });

  it('the baselines agree with the scenario', () => {
    for (const kind of CLIENT_KINDS) expect(baselines.get(kind)?.holdings).toEqual(scenario.expected.l1);
  });

  it.each(CLIENT_KINDS)('%s', async (kind) => {
    const target = { 'evm-rpc': scenario.nodes.l1.url, blockscout: blockscout.url, etherscan: etherscan.url }[kind];
    let completed = 0;
    let faults = 0;
    for (const seed of SEEDS) {
      const proxy = await startFaultProxy({ target, rate: 0.3, faults: TRANSIENT_FAULTS, seed, holdMs: 50, retryAfterSeconds: 0 });
      try {
        const urls = { ...l1Urls(), rpc: proxy.url, blockscout: proxy.url, etherscan: proxy.url };
        // evm-rpc: small batches, so a window is several HTTP requests and faults hit them too.
        const source = makeSource(kind, NETWORKS.l1, urls, {
          transport: { retries: 6, baseDelayMs: 5, maxDelayMs: 40 },
          config: kind === 'evm-rpc' ? { batchSize: 4 } : {},
        });
        const outcome = await answers(source).then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        if (outcome.ok) {
          expect(outcome.value).toEqual(baselines.get(kind));
          completed++;
        } else {
          expect(outcome.error).toBeInstanceOf(TransportError);
        }
        faults += proxy.log.filter((entry) => entry.fault !== null).length;
      } finally {
        await proxy.close();
      }
    }
    expect(faults).toBeGreaterThanOrEqual(SEEDS.length);
    // Retries exist to ride such faults out: with three seeds, at least one run must get through.
    expect(completed).toBeGreaterThan(0);
  });
});
