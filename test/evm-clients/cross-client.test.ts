/**
 * One table of cases across the three EVM clients (evm-rpc, Blockscout v2, Etherscan v2) on three real chains:
 * same used/unused verdicts, same holdings. Plus what each protocol adds: paging, unknown addresses, request
 * counts, rate-limit envelopes and API keys.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RestoreScanError } from '../../src/errors.js';
import { TransportError } from '../../src/net/index.js';
import { createEtherscanSource } from '../../src/chains/evm/etherscan/client.js';
import { createEvmRpcSource } from '../../src/chains/evm/rpc/client.js';
import { mine } from '../../src/devnet/evm/world.js';
import { startBlockscout, type BlockscoutServer } from '../../src/devnet/evm-indexers/blockscout-server.js';
import { startEtherscan, type EtherscanServer } from '../../src/devnet/evm-indexers/etherscan-server.js';
import { buildScenario, LABELS, NETWORKS, normalize, type ChainName, type Scenario } from './scenario.js';
import { CLIENT_KINDS, FAST_RETRIES, makeSource, type SourceUrls } from './sources.js';

const CHAINS: readonly ChainName[] = ['l1', 'l2', 'bare'];

let scenario: Scenario;
let blockscouts: Record<ChainName, BlockscoutServer>;
let etherscan: EtherscanServer;

beforeAll(async () => {
  scenario = await buildScenario();
  const { nodes } = scenario;
  // Page size 2 makes every token/NFT list span several pages; l1 answers unknown addresses 404 (Blockscout ≤ v8),
  // the others 200 with an empty address (v9+).
  const [l1, l2, bare] = await Promise.all([
    startBlockscout(nodes.l1, { pageSize: 2, unknownAddresses: 'not-found' }),
    startBlockscout(nodes.l2, { pageSize: 2, unknownAddresses: 'empty' }),
    startBlockscout(nodes.bare, { pageSize: 2, unknownAddresses: 'empty' }),
  ]);
  blockscouts = { l1, l2, bare };
  etherscan = await startEtherscan({
    [NETWORKS.l1.chainId]: nodes.l1,
    [NETWORKS.l2.chainId]: nodes.l2,
    [NETWORKS.bare.chainId]: nodes.bare,
  });
});

afterAll(async () => {
  await Promise.all([...Object.values(blockscouts ?? {}).map((s) => s.close()), etherscan?.close()]);
  await scenario?.stop();
});

const urls = (chain: ChainName): SourceUrls => ({
  rpc: scenario.nodes[chain].url,
  blockscout: blockscouts[chain].url,
  etherscan: etherscan.url,
});

describe.each(CLIENT_KINDS)('%s', (kind) => {
  it.each(CHAINS)('on %s: the same used/unused verdicts and holdings as the scenario', async (chain) => {
    // Small Etherscan pages: histories span several pages too.
    const source = makeSource(kind, NETWORKS[chain], urls(chain), { etherscan: { pageSize: 2 } });
    await source.verify?.();
    const expected = scenario.expected[chain];

    const activity = await source.activity(scenario.refs);
    expect(activity.map((a) => a.address)).toEqual(scenario.refs.map((r) => r.address));
    expect(Object.fromEntries(activity.map((a, i) => [LABELS[i], a.used]))).toEqual(
      Object.fromEntries(expected.map((e, i) => [LABELS[i], e.used])),
    );
    // Unused means no history at all; activity reports the native coin it holds.
    activity.forEach((a, i) => {
      if (!a.used) expect(a.txCount).toBe(0);
      expect(a.assets.filter((x) => x.kind === 'native').map((x) => x.amount.toString())).toEqual(
        (expected[i]?.assets ?? []).filter((x) => x.kind === 'native').map((x) => x.amount),
      );
    });

    const holdings = await source.holdings(scenario.refs);
    expect(Object.fromEntries(holdings.map((h, i) => [LABELS[i], normalize(h)]))).toEqual(
      Object.fromEntries(expected.map((e, i) => [LABELS[i], e])),
    );
  });
});

it('an address that received and sent everything has history on every client (txCount > 0), though it holds nothing', async () => {
  const ref = { address: scenario.addresses['round-trip'] };
  for (const kind of CLIENT_KINDS) {
    const [answer] = await makeSource(kind, NETWORKS.l1, urls('l1')).activity([ref]);
    expect(answer).toMatchObject({ used: true, assets: [] });
    expect(answer?.txCount).toBeGreaterThan(0);
  }
});

describe('evm-rpc request economy', () => {
  it('a window is one HTTP request with Multicall3 (code checked once); holdings add one more', async () => {
    const source = makeSource('evm-rpc', NETWORKS.l1, urls('l1'));
    await source.activity(scenario.refs);
    expect(source.requests()).toBe(1);
    await source.activity(scenario.refs);
    expect(source.requests()).toBe(2);
    await source.holdings(scenario.refs);
    expect(source.requests()).toBe(4);
  });

  it('without Multicall3, the first window takes one more request (balances asked plainly), later ones one', async () => {
    const source = makeSource('evm-rpc', NETWORKS.bare, urls('bare'));
    const first = await source.activity(scenario.refs);
    expect(source.requests()).toBe(2);
    expect((await source.activity(scenario.refs)).map(normalize)).toEqual(first.map(normalize));
    expect(source.requests()).toBe(3);
  });

  it('a JSON-RPC batch size below the window splits it into several requests, with the same answers', async () => {
    const source = makeSource('evm-rpc', NETWORKS.l1, urls('l1'), { config: { batchSize: 3 } });
    const holdings = await source.holdings(scenario.refs);
    expect(holdings.map(normalize)).toEqual(scenario.expected.l1);
    expect(source.requests()).toBeGreaterThan(2);
  });

  it('logsFromBlock past the activity finds token history no longer (nonce and balance still count)', async () => {
    const head = Number(await fetch(scenario.nodes.l2.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }),
    }).then(async (r) => ((await r.json()) as { result: string }).result));
    await mine(scenario.nodes.l2, 2);
    const source = createEvmRpcSource({
      network: NETWORKS.l2,
      config: { type: 'evm-rpc', url: scenario.nodes.l2.url },
      logsFromBlock: head + 1,
      transport: FAST_RETRIES,
    });
    const [erc20Only] = await source.activity([{ address: scenario.addresses['erc20-on-l2'] }]);
    expect(erc20Only?.used).toBe(false);
  });
});

describe('Blockscout specifics', () => {
  it('follows next_page_params verbatim through token and NFT lists', () => {
    const paged = blockscouts.l1.log.filter((r) => /\/(tokens|nft)\?/.test(r.url) && /(items_count|token_id)=/.test(r.url));
    expect(paged.length).toBeGreaterThan(0);
    expect(paged.every((r) => r.status === 200)).toBe(true);
  });

  it('an unknown address is unused in one request, whether the instance answers 404 or an empty 200', async () => {
    for (const chain of ['l1', 'l2'] as const) {
      const server = blockscouts[chain];
      const before = server.log.length;
      const [answer] = await makeSource('blockscout', NETWORKS[chain], urls(chain)).activity([{ address: scenario.addresses.unused }]);
      expect(answer).toEqual({ address: scenario.addresses.unused, used: false, txCount: 0, assets: [] });
      const asked = server.log.slice(before).map((r) => r.status);
      expect(asked).toEqual(chain === 'l1' ? [404] : [200, 200]);
    }
  });
});

describe('Etherscan specifics', () => {
  const KEY_ENV = 'RESTORE_SCAN_TEST_ETHERSCAN_KEY';
  const KEY = 'TESTKEY-0123456789-abcdef';
  let keyed: EtherscanServer;
  beforeAll(async () => {
    keyed = await startEtherscan({ [NETWORKS.l1.chainId]: scenario.nodes.l1 }, { apiKeys: [KEY], rateLimitEvery: 3, resultWindow: 4 });
  });
  afterAll(() => keyed?.close());

  it('rides out "Max rate limit reached" envelopes and restarts paging past the result window; same answers', async () => {
    const source = createEtherscanSource({
      network: NETWORKS.l1,
      config: { type: 'etherscan', url: keyed.url, apiKeyEnv: KEY_ENV },
      env: { [KEY_ENV]: KEY },
      pageSize: 2,
      resultWindow: 4,
      rateLimitDelayMs: 5,
      transport: FAST_RETRIES,
    });
    const holdings = await source.holdings(scenario.refs);
    expect(holdings.map(normalize)).toEqual(scenario.expected.l1);
    // Past page 2 of 2 records the window (4) is full: the client continued from the last block (startblock > 0).
    expect(keyed.log.some((r) => /startblock=[1-9]/.test(r.url))).toBe(true);
    expect(keyed.log.some((r) => /page=3/.test(r.url))).toBe(false);
  });

  it('the API key goes as apikey and never into an error message', async () => {
    const refusing = await startEtherscan({ [NETWORKS.l1.chainId]: scenario.nodes.l1 }, { apiKeys: [KEY], rateLimitEvery: 1 });
    try {
      const source = createEtherscanSource({
        network: NETWORKS.l1,
        config: { type: 'etherscan', url: refusing.url, apiKeyEnv: KEY_ENV },
        env: { [KEY_ENV]: KEY },
        rateLimitDelayMs: 1,
        transport: FAST_RETRIES,
      });
      const error = await source.activity(scenario.refs.slice(0, 1)).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(TransportError);
      expect((error as TransportError).retryable).toBe(true);
      expect(String((error as Error).message)).toMatch(/rate limit/);
      expect(JSON.stringify({ message: (error as Error).message, details: (error as RestoreScanError).details })).not.toContain(KEY);
      expect(refusing.log.every((r) => r.url.includes(`apikey=${KEY}`))).toBe(true);
    } finally {
      await refusing.close();
    }
  });

  it('a wrong key and an unsupported chain id are config errors; a named but unset key variable too', async () => {
    const wrongKey = createEtherscanSource({
      network: NETWORKS.l1,
      config: { type: 'etherscan', url: etherscan.url, apiKeyEnv: KEY_ENV },
      env: { [KEY_ENV]: 'NOT-THE-KEY-4567' },
      transport: FAST_RETRIES,
    });
    // The shared server takes any key; the keyed one refuses this one.
    const refused = createEtherscanSource({
      network: NETWORKS.l1,
      config: { type: 'etherscan', url: keyed.url, apiKeyEnv: KEY_ENV },
      env: { [KEY_ENV]: 'NOT-THE-KEY-4567' },
      transport: FAST_RETRIES,
      rateLimitDelayMs: 1,
    });
    await expect(wrongKey.verify?.()).resolves.toBeUndefined();
    const keyError = await refused.verify?.().catch((err: unknown) => err);
    expect(keyError).toBeInstanceOf(RestoreScanError);
    expect(keyError).toMatchObject({ code: 'CONFIG' });
    expect(String((keyError as Error).message)).not.toContain('NOT-THE-KEY-4567');

    const otherChain = createEtherscanSource({
      network: NETWORKS.l2,
      config: { type: 'etherscan', url: keyed.url, apiKeyEnv: KEY_ENV },
      env: { [KEY_ENV]: KEY },
      transport: FAST_RETRIES,
      rateLimitDelayMs: 1,
    });
    await expect(otherChain.activity(scenario.refs)).rejects.toMatchObject({
      code: 'CONFIG',
      message: expect.stringMatching(/chain id 8453/),
    });
    expect(() =>
      createEtherscanSource({ network: NETWORKS.l1, config: { type: 'etherscan', url: etherscan.url, apiKeyEnv: KEY_ENV }, env: {} }),
    ).toThrow(/RESTORE_SCAN_TEST_ETHERSCAN_KEY is not set/);
  });
});
