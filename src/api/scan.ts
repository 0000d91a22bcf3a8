import { setMaxListeners } from 'node:events';
import { NETWORKS } from '../chains/networks.js';
import type { ChainSource, VerifyOptions } from '../chains/source.js';
import type { EvmNetwork, Network } from '../chains/types.js';
import { DEFAULT_CONFIG } from '../config/default-endpoints.js';
import type { Config } from '../config/indexer-types.js';
import { loadConfig } from '../config/load-config.js';
import { RestoreScanError } from '../errors.js';
import { holdCheckpoint, openCheckpoint, scanFingerprint } from '../discovery/checkpoint.js';
import type { Deriver } from '../discovery/deriver.js';
import { buildSources, type SourceFactories } from '../discovery/network-sources.js';
import type { ScanProgress } from '../discovery/progress.js';
import { runScan } from '../discovery/scan-engine.js';
import { planCoverage } from '../paths/index.js';
import type { Report } from '../report/types.js';
import { BUILTIN_SOURCE_FACTORIES } from '../discovery/builtin-sources.js';
import { loadKeySet, type KeyInput } from './paths.js';
import { createDeriver } from './deriver.js';

export interface ScanOptions {
  /** Network ids to consider (default: every network the input reaches that has indexers). */
  networks?: readonly string[];
  /** A parsed config, or the path of a config file; default: the built-in public endpoints. */
  config?: Config | string;
  /** Gap limit (default: the config's gapLimit, else 20). */
  gapLimit?: number;
  /** Derivation worker threads; 0 = in this thread (default: available parallelism). */
  workers?: number;
  /** Checkpoint file: resumed when it exists, kept up to date while scanning. */
  resume?: string;
  signal?: AbortSignal;
  onProgress?: (event: ScanProgress) => void;
  /** Replace or add indexer clients (tests, embedding wallets with their own backends). */
  sourceFactories?: SourceFactories;
  /** Use this deriver instead of the worker pool. */
  deriver?: Deriver;
  /** Addresses per query round (default: the gap limit). */
  window?: number;
}

/** Config-defined networks that are not built in (CONTRACT §3 `my-devnet`). */
function customNetworks(config: Config): Network[] {
  return Object.entries(config.networks).flatMap(([id, n]): Network[] => {
    if (NETWORKS[id] || n.family !== 'evm' || n.chainId === undefined) return [];
    const net: EvmNetwork = { id, name: n.name ?? id, family: 'evm', coinType: 60, symbol: n.symbol ?? 'ETH', decimals: 18, chainId: n.chainId, layer: 'l1' };
    return [net];
  });
}

/**
 * Discovers every used address and asset the input's keys control (CONTRACT §1 `scan`), and reports what
 * could not be checked and what to export. Never throws for failed queries: they make `complete` false.
 */
export async function scan(input: KeyInput, options: ScanOptions = {}): Promise<Report> {
  const keySet = await loadKeySet(input);
  // Every query in flight listens for the abort: many listeners at once is the design, not a leak.
  if (options.signal) setMaxListeners(0, options.signal);
  const config = typeof options.config === 'string' ? await loadConfig(options.config) : (options.config ?? DEFAULT_CONFIG);
  const gapLimit = options.gapLimit ?? config.gapLimit ?? 20;
  const custom = customNetworks(config);
  const all = new Map<string, Network>([...Object.values(NETWORKS), ...custom].map((n) => [n.id, n]));
  for (const id of options.networks ?? [])
    if (!all.has(id)) throw new RestoreScanError('USAGE', `unknown network ${JSON.stringify(id)}`, { hint: `known: ${[...all.keys()].join(', ')}` });

  const coverage = planCoverage(keySet, { ...(options.networks && { networks: options.networks }), customNetworks: custom });
  const scope = coverage.networks.map((id) => all.get(id)!);
  const sources = buildSources(config, scope, { ...BUILTIN_SOURCE_FACTORIES, ...options.sourceFactories });
  const gapLimits = Object.fromEntries(Object.entries(config.networks).flatMap(([id, n]) => (n.gapLimit ? [[id, n.gapLimit]] : [])));
  const checkpoint = options.resume
    ? openCheckpoint(options.resume, scanFingerprint(keySet, { networks: coverage.networks, gapLimit, gapLimits, config: config.networks }))
    : undefined;
  const ownDeriver = options.deriver ? undefined : await createDeriver(options.workers);

  // The endpoints are verified alongside the first windows rather than before them (one round trip less on
  // every scan). A mismatch stops the scan at once, before anything is reported, and nothing the scan learnt
  // reaches the checkpoint until every endpoint passed.
  const held = checkpoint && holdCheckpoint(checkpoint);
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  setMaxListeners(0, signal);
  let mismatch: unknown;
  // The scan starts first: it asks the deriver for its first windows (runScan's head start) before the checks'
  // requests are written.
  const scanning = runScan({
    keySet, coverage, sources, gapLimit, gapLimits, customNetworks: custom,
    deriver: options.deriver ?? ownDeriver!.derive,
    ...(options.networks && { networks: options.networks }),
    ...(options.window && { window: options.window }),
    signal,
    ...(options.onProgress && { onProgress: options.onProgress }),
    ...(held && { checkpoint: held }),
  });
  // Aborted once the scan asks nothing more: groups of alternatives then stop waiting for unused ones' checks.
  const scanOver = new AbortController();
  const verification = verifySources(sources, { ...(options.signal && { signal: options.signal }), scanOver: scanOver.signal }).then(
    // Also when the caller cancelled before the checks finished: a run that resumes from the file verifies
    // the same endpoints (the file is tied to them) before it reports anything.
    () => held?.open(),
    (err: unknown) => {
      mismatch = err;
      held?.discard();
      stop.abort(err);
    },
  );
  try {
    let report: Report;
    try {
      report = await scanning;
    } finally {
      scanOver.abort();
      await verification;
      if (mismatch !== undefined) throw mismatch;
    }
    return report;
  } finally {
    if (mismatch === undefined) checkpoint?.flush();
    await ownDeriver?.close();
    await Promise.all([...sources.values()].flat().map((s) => s.close?.()));
  }
}

/** Endpoints serving another chain are refused (CONTRACT §3): the scan stops and reports nothing. */
async function verifySources(sources: ReadonlyMap<string, readonly ChainSource[]>, options: VerifyOptions): Promise<void> {
  const checks = [...sources.values()].flat().map(async (s) => {
    try {
      await s.verify?.(options);
    } catch (err) {
      // A wrong chain is a configuration error; an unreachable endpoint shows up as query failures later.
      if (err instanceof RestoreScanError && err.code === 'CHAIN_MISMATCH') throw err;
    }
  });
  await Promise.all(checks);
}
