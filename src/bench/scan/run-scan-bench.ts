/**
 * The scan benchmark (CONTRACT §5 `scan`): builds the world, scans it with the engine, then with the naive peer,
 * and relates the engine's wall time to the lower bound computed from the world, the limits, and the requests
 * the providers actually received during the engine's run.
 */
import { scan } from '../../api/scan.js';
import { NETWORKS } from '../../chains/networks.js';
import { createDeriver } from '../../api/deriver.js';
import { loadKeySet } from '../../api/paths.js';
import { rateLimitViolations } from '../../devnet/fault-proxy.js';
import { planCoverage } from '../../paths/index.js';
import { scanLowerBound, type LowerBound, type ProviderLoad } from './lower-bound.js';
import { naiveScan } from './naive-peer.js';
import { sampleRss } from './rss-sampler.js';
import { EVM_ACCOUNT_PATH } from './evm-world.js';
import { startRemoteWorld } from './remote-world.js';
import { accountPath, PURPOSE_SCRIPT, type ScanWorldDescription, type ScanWorldOptions } from './world.js';

/** CONTRACT §5 `scan`. */
export interface ScanBenchSummary {
  latencyMs: number;
  wallMs: number;
  lowerBoundMs: number;
  efficiency: number;
  naiveWallMs: number;
  speedupVsNaive: number;
  requests: number;
  rateViolations: number;
  deriveWaitMs: number;
  peakRssMB: number;
}

export interface ScanBenchResult {
  scan: ScanBenchSummary;
  addressesDerived: number;
  /** Requests as the engine's clients count them (report.stats.requests). */
  clientRequests: number;
  lowerBound: LowerBound;
  providers: (ProviderLoad & { rateViolations: number; naiveRequests: number })[];
  complete: boolean;
  /** Used addresses, sorted: `network path` the world made used; `network path address` the engine and the naive peer found. */
  used: { world: string[]; engine: string[]; naive: string[] };
  naiveRateViolations: number;
  naiveAddressesChecked: number;
  /** Time of the untimed first derivations (table set-up, worker start). */
  deriveWarmupMs: number;
  window: number;
  burst: number;
  /** The first, untimed scan (JIT, connections): what a one-off scan in a fresh process adds. */
  coldWallMs: number;
  /** Every measured run; `scan.wallMs` is their median. */
  runWallsMs: number[];
  /**
   * `scan.deriveWaitMs` is the sum of these: the engine's own wait (windows awaited before ready), and the
   * derivation that ran on the engine's thread (`--workers 0`), which blocked everything else meanwhile.
   */
  deriveWait: { engineMs: number; inThreadMs: number };
  /** Every measured run's derive wait (as `scan.deriveWaitMs`) over its wall time: the target holds in each, not only the median. */
  runDeriveWaitShares: number[];
}

export interface ScanBenchOptions extends ScanWorldOptions {
  /** Engine window: addresses per round per branch, the largest batch the lower bound allows (default: the gap). */
  window?: number;
  /**
   * Derivation threads (default 1): off the engine's thread, as scans run, leaving the other core of a 2-core
   * machine to the world's process. 0 derives on the engine's thread, where it blocks everything else; that
   * time is counted in the derive wait (bench/README.md).
   */
  workers?: number;
  /** Measured scans after the warm-up one (default 3): the median is reported. */
  runs?: number;
  /** Run the naive peer (default true). */
  naive?: boolean;
  log?: (line: string) => void;
}

/**
 * Last used index of every branch the engine walks (on every network), from the world's layout. Single-address
 * targets (Solana keys, Ledger Live's EVM addresses: addressIndex not 'gap') are no branch: each costs one round
 * trip, never more than any gap branch, so leaving them out cannot lower the chain term.
 */
function branchLastUsed(world: ScanWorldDescription, keySet: Awaited<ReturnType<typeof loadKeySet>>): number[] {
  const layout = new Map(world.branches.map((b) => [`${PURPOSE_SCRIPT[b.purpose]}|${accountPath(b.purpose)}/${b.branch}`, b.lastUsed]));
  if (world.evm) layout.set(`evm|${EVM_ACCOUNT_PATH}/0`, world.evm.lastUsed);
  return planCoverage(keySet, { networks: world.networks }).targets
    .filter((t) => t.addressIndex === 'gap')
    .flatMap((t) => (t.branches ?? [0]).map((b) => layout.get(`${t.script}|${t.accountPath}/${b}`) ?? -1));
}

function warmupKey(keySet: Awaited<ReturnType<typeof loadKeySet>>): { publicKey: Uint8Array; chainCode: Uint8Array } {
  const key = keySet.keys.find((k) => k.chainCode);
  if (!key?.chainCode) throw new RangeError('the bench card has no key with a chain code');
  return { publicKey: key.publicKey, chainCode: key.chainCode };
}

export async function runScanBench(options: ScanBenchOptions = {}): Promise<ScanBenchResult> {
  const log = options.log ?? (() => undefined);
  const world = await startRemoteWorld(options);
  const { limits } = world;
  const window = options.window ?? limits.gapLimit;
  const input = { files: [{ name: 'bench-card.json', text: world.cardText }] };
  const keySet = await loadKeySet(input);
  const pool = await createDeriver(options.workers ?? 1);
  try {
    const evmNote = world.evm ? `; EVM m/44'/60'/0'/0 used at ${world.evm.used.join(', ')} on ${world.networks.filter((id) => NETWORKS[id]?.family === 'evm').length} networks (one anvil)` : '';
    log(`world: ${world.branches.length} used branches, ${world.usedPaths.length} used addresses${evmNote}, ${world.providers.length} providers, ` +
      `${limits.latencyMs} ms latency, ${limits.requestsPerSecond}/s (burst ${limits.burst}) and ${limits.maxConcurrency} in flight per provider`);
    // The first derivation builds tables (in every worker): a once-per-process cost, reported apart. Calls run
    // side by side, several per worker, so that each worker gets some.
    const warmStart = performance.now();
    const key = warmupKey(keySet);
    await Promise.all((['p2pkh', 'p2sh-p2wpkh', 'p2wpkh', 'p2tr', ...(world.evm ? ['evm' as const] : [])] as const).flatMap((script) =>
      Array.from({ length: 4 }, (_, k) => pool.derive({ ...key, script, from: k * 64, count: 64 }))));
    const deriveWarmupMs = performance.now() - warmStart;
    // One scan to warm up (JIT, connections, the world's caches) reported as `coldWallMs`, then `runs` measured
    // scans of the same world; the median one is reported. Every run's requests are checked for rate violations.
    const engineRun = async () => {
      const before = (await world.logs()).map((l) => l.length);
      const inThreadBefore = pool.inThreadMs();
      const rss = sampleRss();
      const started = performance.now();
      const report = await scan(input, {
        networks: [...world.networks], config: world.config, sourceFactories: world.sourceFactories, deriver: pool.derive, window,
      });
      const wallMs = performance.now() - started;
      const peakRssMB = rss.stop();
      const inThreadMs = pool.inThreadMs() - inThreadBefore;
      const logs = (await world.logs()).map((l, i) => l.slice(before[i]));
      return { report, wallMs, peakRssMB, logs, inThreadMs };
    };
    const cold = await engineRun();
    log(`engine, first run (cold): ${Math.round(cold.wallMs)} ms`);
    const runs: Awaited<ReturnType<typeof engineRun>>[] = [];
    for (let i = 0; i < (options.runs ?? 3); i++) runs.push(await engineRun());
    const median = [...runs].sort((a, b) => a.wallMs - b.wallMs)[Math.floor(runs.length / 2)] ?? cold;
    const { report, wallMs } = median;
    const engineLogs = median.logs;
    const peakRssMB = Math.max(cold.peakRssMB, ...runs.map((r) => r.peakRssMB));
    const rateViolations = [cold, ...runs].reduce((n, r) => n + r.logs.reduce((m, l) => m + rateLimitViolations(l), 0), 0);
    if (runs.length > 0) log(`engine: ${runs.map((r) => Math.round(r.wallMs)).join(', ')} ms (median ${Math.round(wallMs)} ms)`);

    const naiveStart = (await world.logs()).map((l) => l.length);
    // The naive peer can be left out (memory runs over 100,000 addresses, where it would take hours): its figures are then 0.
    const naive = options.naive === false
      ? { wallMs: 0, used: [] as string[], addressesChecked: 0 }
      : await naiveScan({ keySet, networks: world.networks, config: world.config, sourceFactories: world.sourceFactories, gapLimit: limits.gapLimit });
    log(options.naive === false ? 'naive peer: skipped' : `naive peer: ${Math.round(naive.wallMs)} ms`);

    const allLogs = await world.logs();
    const naiveLogs = allLogs.map((l, i) => l.slice(naiveStart[i]));
    const providers = world.providers.map((p, i) => {
      const engineLog = engineLogs[i]!;
      const naiveLog = naiveLogs[i]!;
      return {
        name: p.name, requests: engineLog.length, requestsPerSecond: limits.requestsPerSecond, maxConcurrency: limits.maxConcurrency,
        rateViolations: [cold, ...runs].reduce((n, r) => n + rateLimitViolations(r.logs[i]!), 0), naiveRequests: naiveLog.length,
      };
    });
    const naiveRateViolations = naiveLogs.reduce((n, log) => n + rateLimitViolations(log), 0);
    const lowerBound = scanLowerBound({
      latencyMs: limits.latencyMs, gapLimit: limits.gapLimit, window, branchLastUsed: branchLastUsed(world, keySet), providers,
    });
    const engineUsed = [...new Set(report.addresses.map((a) => `${a.network} ${a.path} ${a.address}`))].sort();
    const round = (x: number, digits = 0) => Number(x.toFixed(digits));
    return {
      scan: {
        latencyMs: limits.latencyMs,
        wallMs: round(wallMs),
        lowerBoundMs: round(lowerBound.boundMs),
        efficiency: round(lowerBound.boundMs / wallMs, 3),
        naiveWallMs: round(naive.wallMs),
        speedupVsNaive: round(naive.wallMs / wallMs, 2),
        requests: providers.reduce((n, p) => n + p.requests, 0),
        rateViolations,
        // Conservative: the engine's own wait plus all derivation that ran on its thread (overlaps count twice).
        deriveWaitMs: round((report.stats.deriveWaitMs ?? 0) + median.inThreadMs),
        peakRssMB: round(peakRssMB, 1),
      },
      addressesDerived: report.stats.addressesDerived,
      clientRequests: report.stats.requests,
      lowerBound,
      providers,
      complete: report.complete,
      used: { world: [...world.usedPaths].sort(), engine: engineUsed, naive: naive.used },
      naiveRateViolations,
      deriveWarmupMs: round(deriveWarmupMs, 1),
      naiveAddressesChecked: naive.addressesChecked,
      window,
      burst: limits.burst,
      coldWallMs: round(cold.wallMs),
      deriveWait: { engineMs: report.stats.deriveWaitMs ?? 0, inThreadMs: round(median.inThreadMs) },
      runWallsMs: runs.map((r) => round(r.wallMs)),
      runDeriveWaitShares: runs.map((r) => round(((r.report.stats.deriveWaitMs ?? 0) + r.inThreadMs) / r.wallMs, 4)),
    };
  } finally {
    await pool.close();
    await world.close();
  }
}
