import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scan } from '../../src/api/scan.js';
import type { Config, IndexerConfig } from '../../src/config/indexer-types.js';
import type { Report } from '../../src/report/types.js';
import { startFaultProxy, type FaultKind, type FaultProxy } from '../../src/devnet/fault-proxy.js';
import { buildWorld, NETWORK_IDS, type World } from './world.js';
import { ChainModel } from '../../src/devnet/bitcoin/chain-model.js';
import { bitcoinMainnet } from '../../src/devnet/bitcoin/chain/networks.js';
import { startEsplora } from '../../src/devnet/bitcoin/esplora-server.js';

const HTTP_TIMEOUT_MS = 1_000;
const ELECTRUM_TIMEOUT_MS = 2_000;
const BACKOFF = Object.freeze({ baseDelayMs: 10, maxDelayMs: 100, retries: 1 });
const withoutStats = (r: Report) => ({ ...r, stats: undefined });

/**
 * A faulty copy of every network's first indexer, behind a proxy that answers every request with `fault`, put
 * `where` the real indexers are not: first (the scan must fail over) or last (a backup the scan never needs).
 */
async function withFaultyCopy(world: World, fault: FaultKind, where: 'first' | 'last', timing: { holdMs?: number; timeoutMs?: number } = {}): Promise<{ config: Config; proxies: FaultProxy[] }> {
  const proxies: FaultProxy[] = [];
  const networks: Config['networks'] = {};
  try {
    for (const [network, n] of Object.entries(world.config.networks)) {
      const [main] = n.indexers;
      const tcp = main!.url.startsWith('tcp://');
      const target = new URL(main!.url);
      const timeoutMs = timing.timeoutMs ?? (tcp ? ELECTRUM_TIMEOUT_MS : HTTP_TIMEOUT_MS);
      const proxy = await startFaultProxy({
        target: tcp ? { host: target.hostname, port: Number(target.port) } : main!.url,
        rate: 1, seed: 1, faults: [fault], holdMs: timing.holdMs ?? timeoutMs + 500, retryAfterSeconds: 0,
      });
      proxies.push(proxy);
      const faulty = { ...main!, url: proxy.url, timeoutMs };
      networks[network] = { ...n, indexers: where === 'first' ? [faulty, ...n.indexers] : [...n.indexers, faulty] };
    }
  } catch (err) {
    await Promise.all(proxies.map((p) => p.close()));
    throw err;
  }
  return { config: { ...world.config, networks }, proxies };
}

// A dead first Electrum server once left a working Esplora behind it unasked (failoverSource read a shared
// preference mid-walk): 6 of the faults below and the refused connections failed that way.
describe('a broken endpoint configured first on every network', () => {
  let world: World;
  let clean: Report;
  beforeAll(async () => {
    world = await buildWorld();
    clean = await scan(world.input, { networks: NETWORK_IDS, config: world.config, workers: 0, sourceFactories: world.sourceFactories() });
  }, 90_000);
  afterAll(async () => {
    await world?.close();
  });

  it('refused connections: the clean report, from the alternatives', async () => {
    // Connections to port 1 are refused at once; each network's working indexers stay behind the dead one.
    const dead: Record<string, IndexerConfig> = {
      bitcoin: { type: 'electrum', url: 'tcp://127.0.0.1:1' },
      evm: { type: 'evm-rpc', url: 'http://127.0.0.1:1' },
      solana: { type: 'solana-rpc', url: 'http://127.0.0.1:1' },
    };
    const familyOf = (network: string) => (network === 'bitcoin' || network === 'solana' ? network : 'evm');
    const networks = Object.fromEntries(
      Object.entries(world.config.networks).map(([id, n]) => [id, { ...n, indexers: [dead[familyOf(id)]!, ...n.indexers] }]),
    );
    const report = await scan(world.input, { networks: NETWORK_IDS, config: { ...world.config, networks }, workers: 0, sourceFactories: world.sourceFactories(BACKOFF) });
    expect(report.failures).toEqual([]);
    expect(withoutStats(report)).toEqual(withoutStats(clean));
  }, 60_000);

  it('a backup endpoint that never answers does not hold the report (its check gets a second after the scan, not its retries)', async () => {
    // Behind the real indexers: a proxy that holds every request for 30 s, with a 10 s timeout per attempt.
    const { config, proxies } = await withFaultyCopy(world, 'timeout', 'last', { holdMs: 30_000, timeoutMs: 10_000 });
    try {
      const started = performance.now();
      const report = await scan(world.input, { networks: NETWORK_IDS, config, workers: 0, sourceFactories: world.sourceFactories(BACKOFF) });
      expect(report.failures).toEqual([]);
      expect(withoutStats(report)).toEqual(withoutStats(clean));
      expect(performance.now() - started).toBeLessThan(8_000); // each check would take 2 × 10 s
    } finally {
      await Promise.all(proxies.map((p) => p.close()));
    }
  }, 60_000);

  it('a reachable backup endpoint on another chain stops the scan, though no answer was taken from it', async () => {
    // Another genesis block: the same network's parameters, another time for block 0.
    const other = await startEsplora(new ChainModel({ network: bitcoinMainnet, genesisTime: 1_300_000_000 }));
    try {
      const bitcoin = world.config.networks.bitcoin!;
      const config: Config = { ...world.config, networks: { ...world.config.networks, bitcoin: { ...bitcoin, indexers: [...bitcoin.indexers, { type: 'esplora', url: other.url }] } } };
      const error = await scan(world.input, { networks: NETWORK_IDS, config, workers: 0, sourceFactories: world.sourceFactories(BACKOFF) }).then(() => undefined, (e: unknown) => e);
      expect(error).toMatchObject({ code: 'CHAIN_MISMATCH' });
    } finally {
      await other.close();
    }
  }, 60_000);

  it.each(['503', '429', 'invalid-json', 'truncated-json', 'drop-entry', 'out-of-order', 'reset', 'timeout'] as FaultKind[])('%s: the clean report, from the alternatives', async (fault) => {
    const { config, proxies } = await withFaultyCopy(world, fault, 'first');
    let report: Report;
    try {
      report = await scan(world.input, { networks: NETWORK_IDS, config, workers: 0, sourceFactories: world.sourceFactories(BACKOFF) });
    } finally {
      await Promise.all(proxies.map((p) => p.close()));
    }
    expect(proxies.flatMap((p) => p.log).filter((e) => e.fault !== null).length).toBeGreaterThan(0);
    expect(report.failures).toEqual([]);
    expect(withoutStats(report)).toEqual(withoutStats(clean));
  }, 60_000);
});
