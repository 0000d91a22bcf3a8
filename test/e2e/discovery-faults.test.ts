import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadKeySet } from '../../src/api/paths.js';
import { scan } from '../../src/api/scan.js';
import { writeScanOutputs } from '../../src/cli/commands/scan.js';
import type { Config } from '../../src/config/indexer-types.js';
import { EXIT } from '../../src/errors.js';
import type { Report } from '../../src/report/types.js';
import { startFaultProxy, TCP_FAULTS, TRANSIENT_FAULTS, type FaultProxy } from '../../src/devnet/fault-proxy.js';
import { addressRows, assetRows, buildWorld, NETWORK_IDS, type AddressRow, type World } from './world.js';

const schema = JSON.parse(readFileSync(new URL('../../schema/report.schema.json', import.meta.url), 'utf8'));
const validateReport = new Ajv({ allErrors: true }).compile(schema);

const FAULT_RATE = 0.3;
/**
 * Seeds and retries per attempt: with 8 retries a run is almost always complete (the equality branch is
 * exercised); with 2 it almost never is (the incomplete branch is exercised).
 */
const RUNS = Object.freeze([{ seed: 11, retries: 8 }, { seed: 22, retries: 8 }, { seed: 33, retries: 2 }]);
/** Per attempt; a proxy 'timeout' holds its answer longer than this, so the client must give up and retry. */
const HTTP_TIMEOUT_MS = 1_000;
const ELECTRUM_TIMEOUT_MS = 2_000; // the client's floor (ElectrumX pads replies up to 1 s)
/** Short backoff: the faults are local, a retry may come at once. */
const BACKOFF = Object.freeze({ baseDelayMs: 10, maxDelayMs: 100 });
const TCP_TRANSIENT = TCP_FAULTS.filter((f) => f !== 'range-limit');

const FAMILY_OF: Readonly<Record<string, string>> = Object.freeze({ bitcoin: 'bitcoin', ethereum: 'evm', arbitrum: 'evm', base: 'evm', solana: 'solana' });
const withoutStats = (r: Report) => ({ ...r, stats: undefined });

/** A proxy with `seed` in front of every indexer of the world, and the config that goes through them. */
async function proxiedConfig(world: World, seed: number): Promise<{ config: Config; proxies: FaultProxy[] }> {
  const proxies: FaultProxy[] = [];
  const networks: Config['networks'] = {};
  try {
    for (const [i, { network, indexer }] of world.endpoints.entries()) {
      const tcp = indexer.url.startsWith('tcp://');
      const target = new URL(indexer.url);
      const proxy = await startFaultProxy({
        target: tcp ? { host: target.hostname, port: Number(target.port) } : indexer.url,
        rate: FAULT_RATE, seed: seed * 100 + i,
        faults: tcp ? TCP_TRANSIENT : TRANSIENT_FAULTS,
        holdMs: (tcp ? ELECTRUM_TIMEOUT_MS : HTTP_TIMEOUT_MS) + 500,
        retryAfterSeconds: 0,
      });
      proxies.push(proxy);
      const net = networks[network] ?? { ...world.config.networks[network]!, indexers: [] };
      net.indexers.push({ ...indexer, url: proxy.url, timeoutMs: tcp ? ELECTRUM_TIMEOUT_MS : HTTP_TIMEOUT_MS });
      networks[network] = net;
    }
  } catch (err) {
    await Promise.all(proxies.map((p) => p.close()));
    throw err;
  }
  return { config: { ...world.config, networks }, proxies };
}

describe(`discovery engine through the fault proxy (${FAULT_RATE * 100}% transient faults)`, () => {
  let world: World;
  let clean: Report;

  beforeAll(async () => {
    world = await buildWorld();
    clean = await scan(world.input, { networks: NETWORK_IDS, config: world.config, workers: 0, sourceFactories: world.sourceFactories() });
  }, 90_000);
  afterAll(async () => {
    await world?.close();
  });

  it('the fault-free reference run is complete and holds the whole world', () => {
    expect(clean.complete).toBe(true);
    expect(addressRows(clean)).toEqual(world.expected.addresses);
    expect(assetRows(clean)).toEqual(world.expected.assets);
  });

  it.each(RUNS)('seed $seed, $retries retries: the same report, or complete false with the failures listed (exit 3) — never a silent loss', async ({ seed, retries }) => {
    const { config, proxies } = await proxiedConfig(world, seed);
    let report: Report;
    try {
      report = await scan(world.input, { networks: NETWORK_IDS, config, workers: 0, sourceFactories: world.sourceFactories({ ...BACKOFF, retries }) });
    } finally {
      await Promise.all(proxies.map((p) => p.close()));
    }
    // The proxies did misbehave: otherwise this run proves nothing.
    expect(proxies.flatMap((p) => p.log).filter((e) => e.fault !== null).length).toBeGreaterThan(0);
    expect(validateReport(report), JSON.stringify(validateReport.errors)).toBe(true);
    const keySet = await loadKeySet(world.input);
    const exitCode = await writeScanOutputs(report, keySet, { quiet: true });

    if (report.complete) {
      expect(report.failures).toEqual([]);
      expect(exitCode).toBe(EXIT.complete);
      expect(withoutStats(report)).toEqual(withoutStats(clean));
      return;
    }
    expect(exitCode).toBe(EXIT.incomplete);
    expect(report.failures.length).toBeGreaterThan(0);
    // Faults never invent anything: what was found is part of the world.
    expect(world.expected.addresses).toEqual(expect.arrayContaining(addressRows(report)));
    expect(world.expected.assets).toEqual(expect.arrayContaining(assetRows(report)));
    // Whatever is missing is explained by a listed failure in its family (EVM networks are probed together).
    const failedFamilies = new Set(report.failures.map((f) => FAMILY_OF[f.network]));
    const key = (r: AddressRow) => `${r.network}|${r.path}|${r.address}`;
    const seen = new Set([...addressRows(report), ...assetRows(report)].map(key));
    for (const lost of [...world.expected.addresses, ...world.expected.assets].filter((r) => !seen.has(key(r))))
      expect(failedFamilies, `${lost.network} ${lost.path} is missing, and no ${FAMILY_OF[lost.network]} query is listed as failed`).toContain(FAMILY_OF[lost.network]);
  }, 60_000);
});
