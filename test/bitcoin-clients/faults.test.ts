import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChainSource } from '../../src/chains/source.js';
import { TransportError } from '../../src/net/index.js';
import { startBlockbook } from '../../src/devnet/bitcoin/blockbook-server.js';
import { startElectrum, type ElectrumServerHandle } from '../../src/devnet/bitcoin/electrum-server.js';
import { startEsplora } from '../../src/devnet/bitcoin/esplora-server.js';
import type { HttpServerHandle } from '../../src/devnet/bitcoin/http/http-server.js';
import { startFaultProxy, TCP_FAULTS, TRANSIENT_FAULTS, type FaultProxy } from '../../src/devnet/fault-proxy.js';
import { blockbook, closeAll, electrum, esplora, render } from './clients.js';
import { buildScenarioChain, CASES, refsOf } from './scenario.js';

/**
 * Through the fault proxy at 30% transient faults (429s, 5xx, held and cut answers, resets, truncated and non-JSON
 * bodies; on TCP also dropped and reordered batch entries), each client must give exactly the answers it gives
 * without faults, or fail with a TransportError: never a wrong or empty answer.
 */
const SEEDS = [11, 23, 37];
const RATE = 0.3;
/** Attempts per request are 1 + this; at 30% faults a request fails for good with probability 0.3^9. */
const RETRIES = 8;
/** Small windows: more Electrum batches, hence more lines for the proxy to break. */
const WINDOWS = [CASES.slice(0, 3), CASES.slice(3, 6), CASES.slice(6, 9), CASES.slice(9)];

type Make = (url: string) => ChainSource;

describe('Bitcoin clients through the fault proxy (30% transient faults)', () => {
  let esploraServer: HttpServerHandle;
  let blockbookServer: HttpServerHandle;
  let electrumServer: ElectrumServerHandle;
  const cleanup: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    const model = buildScenarioChain();
    [esploraServer, blockbookServer, electrumServer] = await Promise.all([startEsplora(model), startBlockbook(model), startElectrum(model)]);
  });
  afterAll(async () => {
    await Promise.all(cleanup.map((fn) => fn()));
    await Promise.all([esploraServer, blockbookServer, electrumServer].map((s) => s.close()));
  });

  async function scan(source: ChainSource): Promise<string> {
    const answers = [];
    for (const window of WINDOWS) answers.push(...(await source.activity(refsOf(window))));
    return render(answers);
  }

  async function run(name: string, direct: string, proxied: (seed: number) => Promise<FaultProxy>, make: Make): Promise<void> {
    const clean = make(direct);
    cleanup.push(() => closeAll([clean]));
    const baseline = await scan(clean);
    expect(baseline).toContain('"used":true');
    let completed = 0;
    let faults = 0;
    for (const seed of SEEDS) {
      const proxy = await proxied(seed);
      const source = make(proxy.url);
      try {
        const outcome = await scan(source).then(
          (answers) => ({ answers }),
          (error: unknown) => ({ error }),
        );
        if ('answers' in outcome) {
          expect(outcome.answers, `${name} seed ${seed}`).toBe(baseline);
          completed++;
        } else {
          expect(outcome.error, `${name} seed ${seed}`).toBeInstanceOf(TransportError);
        }
        faults += proxy.log.filter((entry) => entry.fault !== null).length;
      } finally {
        await closeAll([source]);
        await proxy.close();
      }
    }
    // The runs must have met faults, and ridden most of them out: otherwise this test would prove nothing.
    expect(faults, name).toBeGreaterThanOrEqual(2 * SEEDS.length);
    expect(completed, name).toBeGreaterThanOrEqual(2);
  }

  const httpProxy = (target: () => string) => (seed: number) =>
    startFaultProxy({ target: target(), rate: RATE, seed, faults: TRANSIENT_FAULTS, holdMs: 300, retryAfterSeconds: 0.05 });

  it('esplora (HTTP faults)', async () => {
    await run('esplora', esploraServer.url, httpProxy(() => esploraServer.url), (url) => esplora(url, { timeoutMs: 2_000 }, RETRIES));
  });

  it('blockbook (HTTP faults)', async () => {
    await run('blockbook', blockbookServer.url, httpProxy(() => blockbookServer.url), (url) => blockbook(url, { timeoutMs: 2_000 }, RETRIES));
  });

  it('electrum (TCP faults, padded lines)', async () => {
    const target = { host: electrumServer.host, port: electrumServer.port };
    await run(
      'electrum',
      electrumServer.url,
      (seed) => startFaultProxy({ target, rate: RATE, seed, faults: TCP_FAULTS.filter((f) => f !== 'range-limit'), padLines: true }),
      // A window is one line (history and balance together): batchSize 2 splits it, so the proxy has lines to break.
      (url) => electrum(url, { batchSize: 2 }, { timeoutMs: 1_000, retries: RETRIES }),
    );
  });
});
