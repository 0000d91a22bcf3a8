import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { tron } from '../../src/chains/networks.js';
import type { AddressActivity, ChainSource } from '../../src/chains/source.js';
import { createTronGridSource, type TronGridSourceOptions } from '../../src/chains/tron/index.js';
import { TransportError } from '../../src/net/index.js';
import { startFaultProxy, TRANSIENT_FAULTS, type FaultKind } from '../../src/devnet/fault-proxy.js';
import { startTronGrid, USDT_CONTRACT, type RunningTronGrid } from '../../src/devnet/tron/index.js';
import { BUSY_TRANSFERS, buildTronScenario, type TronScenario } from './scenario.js';

let s: TronScenario;
let grid: RunningTronGrid;
let source: ChainSource;

const fast = { baseDelayMs: 5, maxDelayMs: 40 };
const API_KEY = 'tg-key-0f3c9a7e5b21d84c';

function tronSource(url: string, extra: Partial<TronGridSourceOptions> = {}): ChainSource {
  return createTronGridSource({ network: tron, config: { type: 'trongrid', url, timeoutMs: 5000 }, transport: fast, ...extra });
}

beforeAll(async () => {
  s = buildTronScenario();
  grid = await startTronGrid(s.world);
  source = tronSource(grid.url);
});

afterAll(async () => {
  await grid?.close();
});

const refs = (...keys: string[]) => keys.map((address) => ({ address }));
const byAddress = (answers: AddressActivity[]) => new Map(answers.map((a) => [a.address, a]));
const usdt = (amount: bigint) => ({ kind: 'trc20', contract: USDT_CONTRACT, amount, decimals: 6, symbol: 'USDT', name: 'Tether USD' });

describe('trongrid activity', () => {
  test('TRX + USDT holder, history-only account, never-activated USDT holder, unused', async () => {
    const keys = [s.holder, s.historyOnly, s.usdtOnly, s.unused];
    const answers = await source.activity(refs(...keys));
    expect(answers.map((a) => a.address)).toEqual(keys);
    const at = byAddress(answers);
    expect(at.get(s.holder)).toEqual({
      address: s.holder,
      used: true,
      txCount: 1,
      assets: [
        { kind: 'native', amount: 25_000_000n, decimals: 6, symbol: 'TRX' },
        usdt(1_500_000n),
        // Not a known token: activity() leaves its decimals unknown; holdings() reads them from its transfers.
        { kind: 'trc20', contract: s.localToken, amount: 42n * 10n ** 8n },
      ],
    });
    expect(at.get(s.historyOnly)).toEqual({ address: s.historyOnly, used: true, txCount: 1, assets: [] });
    // TronGrid lists no account for it: used only because of its TRC-20 history.
    expect(s.world.account(s.usdtOnly)).toBeUndefined();
    expect(at.get(s.usdtOnly)).toEqual({ address: s.usdtOnly, used: true, txCount: 1, assets: [usdt(7_000_000n)] });
    expect(at.get(s.unused)).toEqual({ address: s.unused, used: false, txCount: 0, assets: [] });
  });

  test('an address TronGrid refuses is an error, never "unused"', async () => {
    const error = await source.activity(refs('TNotAnAddress')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ status: 400, retryable: false });
  });
});

describe('trongrid holdings', () => {
  test('transactions counted across both lists, token decimals from transfers', async () => {
    const at = byAddress(await source.holdings(refs(s.holder, s.historyOnly, s.usdtOnly)));
    // One TRX transfer in /transactions, two TRC-20 transfers (signed by the issuer) in /transactions/trc20.
    expect(at.get(s.holder)?.txCount).toBe(3);
    expect(at.get(s.holder)?.assets).toContainEqual({
      kind: 'trc20', contract: s.localToken, amount: 42n * 10n ** 8n, decimals: 8, symbol: 'LTK', name: 'Local Token',
    });
    expect(at.get(s.historyOnly)).toEqual({ address: s.historyOnly, used: true, txCount: 2, assets: [] });
    expect(at.get(s.usdtOnly)).toEqual({ address: s.usdtOnly, used: true, txCount: 1, assets: [usdt(7_000_000n)] });
  });

  test('history is paged with meta.fingerprint, up to maxHistory', async () => {
    const log = () => grid.requests.filter((r) => r.path === `/v1/accounts/${s.busy}/transactions`);
    const before = log().length;
    const [all] = await source.holdings(refs(s.busy));
    expect(all?.txCount).toBe(BUSY_TRANSFERS);
    const pages = log().slice(before);
    expect(pages.map((p) => p.query.limit)).toEqual(['200', '200', '200']);
    expect(pages[0]?.query.fingerprint).toBeUndefined();
    expect(pages.slice(1).every((p) => typeof p.query.fingerprint === 'string')).toBe(true);

    const [capped] = await tronSource(grid.url, { maxHistory: 250 }).holdings(refs(s.busy));
    expect(capped?.txCount).toBe(250);
    expect(log().slice(before + 3).map((p) => p.query.limit)).toEqual(['200', '50']);
  });
});

describe('API key', () => {
  test('sent in TRON-PRO-API-KEY on every request, and never part of an error', async () => {
    const keyed = await startTronGrid(s.world, { apiKeys: [API_KEY] });
    try {
      const config = { type: 'trongrid' as const, url: keyed.url, apiKeyEnv: 'TRONGRID_API_KEY' };
      const good = createTronGridSource({ network: tron, config, env: { TRONGRID_API_KEY: API_KEY }, transport: fast });
      expect(await good.activity(refs(s.holder, s.unused))).toEqual(await source.activity(refs(s.holder, s.unused)));
      expect(keyed.requests.length).toBeGreaterThan(0);
      expect(keyed.requests.every((r) => r.apiKey === API_KEY)).toBe(true);

      const wrongKey = `${API_KEY}-revoked`;
      const bad = createTronGridSource({ network: tron, config, env: { TRONGRID_API_KEY: wrongKey }, transport: fast });
      const error = await bad.activity(refs(s.holder)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TransportError);
      const failure = error as TransportError;
      expect(failure).toMatchObject({ status: 401, retryable: false });
      // The server echoed the key in its body; the client's messages must not carry it.
      expect(keyed.requests.at(-1)?.status).toBe(401);
      for (const text of [failure.message, failure.shortMessage, failure.details ?? '', String(failure.stack), JSON.stringify(failure), bad.id])
        expect(text).not.toContain(API_KEY);
      expect(failure.details).toContain('***');
    } finally {
      await keyed.close();
    }
  });

  test('an unset apiKeyEnv variable means no key', async () => {
    const before = grid.requests.length;
    const keyless = createTronGridSource({
      network: tron, config: { type: 'trongrid', url: grid.url, apiKeyEnv: 'TRONGRID_API_KEY' }, env: {}, transport: fast,
    });
    await keyless.activity(refs(s.holder));
    expect(grid.requests.slice(before).every((r) => r.apiKey === undefined)).toBe(true);
  });
});

describe('rate limits', () => {
  test('403 "suspended for Ns": waits the suspension out and gets the same answers', async () => {
    const limited = await startTronGrid(s.world, { frequencyLimit: { maxRequests: 4, suspendSeconds: 1 } });
    try {
      const keys = [s.holder, s.historyOnly, s.usdtOnly, s.unused];
      const client = createTronGridSource({
        network: tron, config: { type: 'trongrid', url: limited.url, maxConcurrency: 1 }, transport: fast,
      });
      expect(await client.activity(refs(...keys))).toEqual(await source.activity(refs(...keys)));
      expect(limited.requests.some((r) => r.status === 403)).toBe(true);
    } finally {
      await limited.close();
    }
  });

  const cases: [string, readonly FaultKind[], number, number][] = [
    ['429 (with and without Retry-After) and 503', ['429', '429-retry-after', '503'], 0.5, 7],
    ['every transient fault, seed 1', TRANSIENT_FAULTS, 0.3, 1],
    ['every transient fault, seed 2', TRANSIENT_FAULTS, 0.3, 2],
  ];
  test.each(cases)('through the fault proxy: %s — the same answers or a TransportError', async (_name, faults, rate, seed) => {
    const keys = [s.holder, s.historyOnly, s.usdtOnly, s.unused, s.busy];
    const [expectedActivity, expectedHoldings] = [await source.activity(refs(...keys)), await source.holdings(refs(...keys))];
    const proxy = await startFaultProxy({ target: grid.url, rate, seed, faults, holdMs: 100, retryAfterSeconds: 0 });
    try {
      const before = grid.requests.length;
      const flaky = createTronGridSource({
        network: tron,
        config: { type: 'trongrid', url: proxy.url, timeoutMs: 2000, apiKeyEnv: 'TRONGRID_API_KEY' },
        env: { TRONGRID_API_KEY: API_KEY },
        transport: fast,
      });
      const outcomes = await Promise.allSettled([flaky.activity(refs(...keys)), flaky.holdings(refs(...keys))]);
      [expectedActivity, expectedHoldings].forEach((expected, i) => {
        const outcome = outcomes[i] as PromiseSettledResult<AddressActivity[]>;
        if (outcome.status === 'fulfilled') expect(outcome.value).toEqual(expected);
        else expect(outcome.reason).toBeInstanceOf(TransportError);
      });
      expect(proxy.log.filter((entry) => entry.fault !== null).length).toBeGreaterThan(0);
      if (faults.includes('429')) expect(proxy.log.some((entry) => entry.status === 429)).toBe(true);
      // The key passes through the proxy on every request the server saw.
      expect(grid.requests.slice(before).every((r) => r.apiKey === API_KEY)).toBe(true);
    } finally {
      await proxy.close();
    }
  });
});
