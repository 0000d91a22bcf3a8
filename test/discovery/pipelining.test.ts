import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HDKey } from '@scure/bip32';
import { hexToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { scan } from '../../src/api/scan.js';
import { encodeAddress, payloadFromPublicKey } from '../../src/chains/address.js';
import { NETWORKS } from '../../src/chains/networks.js';
import type { ChainSource } from '../../src/chains/source.js';
import type { Config } from '../../src/config/indexer-types.js';
import type { Deriver } from '../../src/discovery/deriver.js';
import { RestoreScanError } from '../../src/errors.js';
import { HOLDINGS_PRIORITY } from '../../src/discovery/query-priority.js';
import { CATALOG, catalogRank } from '../../src/paths/index.js';
import { deriveBatch } from '../../src/workers/derive-task.js';
import { requestId } from '../../src/discovery/first-windows.js';
import { memorySource } from './memory-source.js';

const SEED = hexToBytes('5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc19a5ac40b389cd370d086206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4');
const root = HDKey.fromMasterSeed(SEED);
const evmAddress = (i: number) => encodeAddress(NETWORKS.ethereum!, 'evm', payloadFromPublicKey('evm', root.derive(`m/44'/60'/0'/0/${i}`).publicKey!));
const input = { files: [{ name: 'card.json', text: readFileSync(new URL('../../fixtures/inputs/abandon-card.json', import.meta.url), 'utf8') }] };
const deriver: Deriver = async (req) => deriveBatch(req);
const config: Config = { networks: { ethereum: { indexers: [{ type: 'evm-rpc', url: 'http://127.0.0.1:9' }] } } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the scan pipelines what does not depend on each other', () => {
  it('asks the holdings of a used address while discovery goes on, not after it', async () => {
    const calls: string[] = [];
    const inner = memorySource(NETWORKS.ethereum!, {
      [evmAddress(0)]: { txCount: 1, assets: [{ kind: 'native', amount: 5n }] },
      [evmAddress(15)]: { txCount: 1 },
      [evmAddress(30)]: { txCount: 1 },
    });
    const source: ChainSource = {
      ...inner,
      activity: async (refs, o) => {
        calls.push('activity');
        await sleep(5);
        return inner.activity(refs, o);
      },
      holdings: async (refs, o) => {
        calls.push(`holdings ${refs.length}`);
        return inner.holdings(refs, o);
      },
    };
    const report = await scan(input, { networks: ['ethereum'], config, deriver, sourceFactories: { 'evm-rpc': () => source } });
    expect(report.complete).toBe(true);
    expect(report.addresses.map((a) => a.path)).toEqual(["m/44'/60'/0'/0/0", "m/44'/60'/0'/0/15", "m/44'/60'/0'/0/30"]);
    // Index 0 is found in the first window of the BIP-44 branch; its holdings are asked before that branch
    // has asked its last window (15 and 30 move the gap to 50).
    const firstHoldings = calls.findIndex((c) => c.startsWith('holdings'));
    expect(firstHoldings).toBeGreaterThan(0);
    expect(calls.lastIndexOf('activity')).toBeGreaterThan(firstHoldings);
    // Each address once, though several schemes reach index 0 (BIP-44, Ledger Live account 0, MetaMask).
    expect(calls.filter((c) => c.startsWith('holdings')).reduce((n, c) => n + Number(c.split(' ')[1]), 0)).toBe(3);
  });

  it('ranks its queries for queues: windows of branches found used first, then first windows in catalog order, then holdings', async () => {
    const inner = memorySource(NETWORKS.ethereum!, { [evmAddress(3)]: { txCount: 1 } });
    const asked = new Map<string, number | undefined>();
    const holdingsAsked: (number | undefined)[] = [];
    const source: ChainSource = {
      ...inner,
      activity: async (refs, o) => {
        for (const ref of refs) asked.set(ref.address, o?.priority);
        return inner.activity(refs, o);
      },
      holdings: async (refs, o) => {
        holdingsAsked.push(o?.priority);
        return inner.holdings(refs, o);
      },
    };
    await scan(input, { networks: ['ethereum'], config, deriver, sourceFactories: { 'evm-rpc': () => source } });
    // m/44'/60'/0'/0/20 is asked only because index 3 was used: it is on the scan's chain of round trips.
    expect(asked.get(evmAddress(20))).toBe(1);
    expect(asked.get(evmAddress(5))).toBe(-catalogRank('bip44-evm'));
    // Single addresses asked together share one query, at the rank of the most urgent of them.
    const mew = encodeAddress(NETWORKS.ethereum!, 'evm', payloadFromPublicKey('evm', root.derive("m/44'/60'/0'/1").publicKey!));
    expect(asked.get(mew)).toBeGreaterThanOrEqual(-catalogRank('ledger-live-mew'));
    expect(asked.get(mew)).toBeLessThan(0);
    // Holdings are never on a chain of windows: behind the first window of any scheme in the catalog.
    expect(holdingsAsked).toEqual([HOLDINGS_PRIORITY]);
    expect(HOLDINGS_PRIORITY).toBeLessThan(Math.min(...CATALOG.map((s) => -catalogRank(s.id))));
  });

  it('does not ask again what the activity answer already holds in full', async () => {
    const inner = memorySource(NETWORKS.ethereum!, { [evmAddress(0)]: { txCount: 1, assets: [{ kind: 'native', amount: 5n }] } });
    let holdingsCalls = 0;
    const source: ChainSource = { ...inner, activityIsHoldings: true, holdings: async (refs, o) => (holdingsCalls++, inner.holdings(refs, o)) };
    const report = await scan(input, { networks: ['ethereum'], config, deriver, sourceFactories: { 'evm-rpc': () => source } });
    expect(holdingsCalls).toBe(0);
    expect(report.assets).toEqual([expect.objectContaining({ network: 'ethereum', path: "m/44'/60'/0'/0/0", kind: 'native', amount: '5' })]);
  });

  it('verifies the endpoint alongside the first windows; a chain mismatch stops the scan and keeps nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'restore-scan-verify-'));
    try {
      const file = join(dir, 'cp.json');
      const inner = memorySource(NETWORKS.ethereum!, { [evmAddress(0)]: { txCount: 1 } });
      let activityBeforeVerdict = 0;
      let verdict = false;
      const source: ChainSource = {
        ...inner,
        activity: async (refs, o) => {
          if (!verdict) activityBeforeVerdict++;
          return inner.activity(refs, o);
        },
        verify: async () => {
          await sleep(30);
          verdict = true;
          throw new RestoreScanError('CHAIN_MISMATCH', 'the endpoint serves chain id 5, not 1');
        },
      };
      const error = await scan(input, { networks: ['ethereum'], config, deriver, resume: file, sourceFactories: { 'evm-rpc': () => source } })
        .then(() => undefined, (err: unknown) => err);
      expect(error).toBeInstanceOf(RestoreScanError);
      expect((error as RestoreScanError).code).toBe('CHAIN_MISMATCH');
      expect(activityBeforeVerdict).toBeGreaterThan(0); // the scan did not wait for the check
      expect(existsSync(file)).toBe(false); // what it learnt from that endpoint was not kept
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('asks every first window of the scan before it starts its endpoint checks, and derives nothing twice', async () => {
    const btcConfig: Config = { networks: { ...config.networks, bitcoin: { indexers: [{ type: 'esplora', url: 'http://127.0.0.1:9' }] } } };
    const used = { [evmAddress(4)]: { txCount: 1 } };
    /** One scan; what it asked the deriver, in order, with 'flush' and 'verify' where they happened. */
    const record = async (resume?: string) => {
      const events: string[] = [];
      const recording: Deriver = Object.assign(async (req: Parameters<Deriver>[0]) => {
        events.push(`derive ${requestId(req)}`);
        return deriveBatch(req);
      }, { flush: () => void events.push('flush') });
      const source = (network: keyof typeof NETWORKS) => (): ChainSource => ({
        ...memorySource(NETWORKS[network]!, used),
        verify: async () => void events.push('verify'),
      });
      const report = await scan(input, {
        networks: ['ethereum', 'bitcoin'], config: btcConfig, deriver: recording, ...(resume && { resume }),
        sourceFactories: { 'evm-rpc': source('ethereum'), esplora: source('bitcoin') },
      });
      expect(report.complete).toBe(true);
      return { events, report };
    };
    const headStart = await record();
    const flushAt = headStart.events.indexOf('flush');
    expect(flushAt).toBeGreaterThan(10); // Bitcoin branches, Ethereum windows, Ledger's MEW accounts ahead
    expect(headStart.events.indexOf('verify')).toBeGreaterThan(flushAt);
    const ahead = headStart.events.slice(0, flushAt);
    expect(new Set(ahead).size).toBe(ahead.length);
    // A resumed scan has no head start: its branches ask as they start. The head start asks what they ask first
    // (each branch's first window or its one address), nothing they would not ask, and nothing is derived twice.
    const dir = mkdtempSync(join(tmpdir(), 'restore-scan-head-start-'));
    try {
      const plain = await record(join(dir, 'checkpoint.json'));
      expect(plain.events).not.toContain('flush');
      const derived = (events: string[]) => events.filter((e) => e.startsWith('derive'));
      const starts = derived(plain.events).filter((e) => / 0\+20$| \d+\+1$/.test(e));
      expect(new Set(ahead)).toEqual(new Set(starts));
      expect(new Set(derived(headStart.events)).size).toBe(derived(headStart.events).length);
      expect(headStart.report.addresses).toEqual(plain.report.addresses);
      expect(headStart.report.addresses.map((a) => a.path)).toContain("m/44'/60'/0'/0/4");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
