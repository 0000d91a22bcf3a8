import { setMaxListeners } from 'node:events';
import { RestoreScanError } from '../errors.js';
import type { AddressRef, ChainSource, SourceCallOptions, VerifyOptions } from '../chains/source.js';
import type { Network } from '../chains/types.js';
import type { Config, IndexerConfig, IndexerType, NetworkConfig } from '../config/indexer-types.js';
import { coalescingSource } from './coalesce-activity.js';
import { createFailover, type FailoverOptions } from '../net/failover.js';

/** Makes a client for one configured indexer. */
export type SourceFactory = (network: Network, indexer: IndexerConfig, networkConfig: NetworkConfig) => ChainSource;
export type SourceFactories = Partial<Record<IndexerType, SourceFactory>>;

const isAbort = (err: unknown): boolean => err instanceof RestoreScanError && err.code === 'ABORTED';
/** Resolves when `signal` aborts. */
const abortedPromise = (signal: AbortSignal): Promise<void> =>
  signal.aborted ? Promise.resolve() : new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));

export interface FailoverSourceOptions extends Pick<FailoverOptions, 'cooldownMs' | 'clock'> {
  /** How long the group still waits, after the scan, for the checks of alternatives it never used (default 1 s). */
  unusedCheckGraceMs?: number;
}

/**
 * Configured alternatives of one network (indexers that each answer the whole question): a query goes to the
 * first healthy one, and on to the next when it fails after its own retries (net/failover.ts). An alternative
 * that failed is tried last for a cool-down (30 s), so later queries do not each wait out its retries first,
 * and the first in config order is preferred again once it has recovered. Each query walks the order it started
 * with (re-reading a shared preference mid-walk once sent queries back to the endpoint that had just failed them).
 */
export function failoverSource(alternatives: readonly ChainSource[], options: FailoverSourceOptions = {}): ChainSource {
  const [first] = alternatives;
  if (!first) throw new RangeError('failoverSource needs at least one source');
  if (alternatives.length === 1) return first;
  // Any failure of one alternative may be another's success (a malformed page, an API one of them lacks).
  const { unusedCheckGraceMs = 1_000, ...failoverOptions } = options;
  const failover = createFailover(alternatives.map((source, index) => ({ endpoint: source.id, source, index })), { ...failoverOptions, shouldFailover: (err) => !isAbort(err) });
  /** Alternatives an answer was taken from: their checks must pass before the scan reports. */
  const used = alternatives.map(() => false);
  const attempt = <T>(fn: (s: ChainSource) => Promise<T>, o?: SourceCallOptions): Promise<T> =>
    failover.run(async ({ source, index }) => {
      const result = await fn(source);
      used[index] = true;
      return result;
    }, o?.signal);
  return {
    id: alternatives.map((s) => s.id).join(' | '),
    type: first.type,
    family: first.family,
    network: first.network,
    activity: (refs: readonly AddressRef[], o?: SourceCallOptions) => attempt((s) => s.activity(refs, o), o),
    holdings: (refs: readonly AddressRef[], o?: SourceCallOptions) => attempt((s) => s.holdings(refs, o), o),
    // Whichever alternative answers activity, its answer must already be the holdings.
    activityIsHoldings: alternatives.every((s) => s.activityIsHoldings === true),
    verify: (o?: VerifyOptions) => checkAlternatives(alternatives, used, unusedCheckGraceMs, o),
    requests: () => alternatives.reduce((n, s) => n + s.requests(), 0),
    close: async () => {
      await Promise.all(alternatives.map((s) => s.close?.()));
    },
  };
}

/**
 * The checks of a group's alternatives: another chain anywhere rejects at once; an unreachable alternative is no
 * verdict (its queries fail and go on to the others). Once the scan is over (`scanOver`), the checks of the
 * alternatives it took answers from are still waited for, and the others for `graceMs` more: a reachable backup
 * on another chain is still refused, a dead one holds the report that long instead of its retries.
 */
async function checkAlternatives(alternatives: readonly ChainSource[], used: readonly boolean[], graceMs: number, o?: VerifyOptions): Promise<void> {
  // The grace timer runs only while the checks are still waited for: it must not keep the process up after.
  let done = false;
  let grace: ReturnType<typeof setTimeout> | undefined;
  const over = o?.scanOver && abortedPromise(o.scanOver).then(() => new Promise<void>((resolve) => {
    if (done) resolve();
    else grace = setTimeout(resolve, graceMs);
  }));
  const checks = alternatives.map(async (s) => {
    try {
      await s.verify?.(o);
    } catch (err) {
      if (err instanceof RestoreScanError && err.code === 'CHAIN_MISMATCH') throw err;
    }
  });
  try {
    await Promise.all(checks.map((check, i) => (over ? Promise.race([check, over.then(() => (used[i] ? check : undefined))]) : check)));
  } finally {
    done = true;
    clearTimeout(grace);
  }
}

/**
 * Stops asking an indexer that keeps failing: after `threshold` queries in a row failed (each after its own
 * retries), queries still in flight are cancelled and later ones fail at once, instead of each waiting out its
 * backoff. They are still failures: the branches stay open and the report says incomplete. A failed query
 * also cancels its own leftover sub-requests.
 */
export function breakerSource(source: ChainSource, threshold = 2): ChainSource {
  let failuresInRow = 0;
  let lastError = '';
  const tripped = new AbortController();
  // Every query in flight listens on it (AbortSignal.any): that is many at once, by design.
  setMaxListeners(0, tripped.signal);
  const openError = () => new RestoreScanError('NETWORK', `not asked: ${source.id} failed ${failuresInRow} times in a row (last: ${lastError})`);
  const guard = async <T>(call: (o: SourceCallOptions) => Promise<T>, options?: SourceCallOptions): Promise<T> => {
    if (tripped.signal.aborted) throw openError();
    const own = new AbortController();
    const signal = AbortSignal.any([own.signal, tripped.signal, ...(options?.signal ? [options.signal] : [])]);
    setMaxListeners(0, signal);
    try {
      const result = await call({ ...options, signal });
      failuresInRow = 0;
      return result;
    } catch (err) {
      own.abort();
      if (options?.signal?.aborted) throw err;
      if (tripped.signal.aborted && isAbort(err)) throw openError();
      failuresInRow++;
      lastError = err instanceof RestoreScanError ? err.shortMessage : err instanceof Error ? err.message : String(err);
      if (failuresInRow >= threshold) tripped.abort();
      throw err;
    }
  };
  return {
    ...source,
    activity: (refs, o) => guard((oo) => source.activity(refs, oo), o),
    holdings: (refs, o) => guard((oo) => source.holdings(refs, oo), o),
    requests: () => source.requests(),
  };
}

/**
 * Indexer types that add what the network's main indexer cannot see (DAS: compressed NFTs). Every other type
 * answers the whole question on its own, so the configured ones are alternatives: asked in config order, the
 * next when one fails — never all at once, which would multiply the requests for the same answer.
 */
const COMPLEMENTS: ReadonlySet<IndexerType> = new Set(['solana-das']);

/** Small activity questions of one turn are merged up to this many addresses: a default gap window. */
const COALESCE_UP_TO = 20;

/** The indexers of each network: one failover group of complete indexers, plus each complementing type. */
export function buildSources(config: Config, networks: readonly Network[], factories: SourceFactories): Map<string, ChainSource[]> {
  const out = new Map<string, ChainSource[]>();
  for (const network of networks) {
    const netConfig = config.networks[network.id];
    if (!netConfig) continue;
    const groups = new Map<string, ChainSource[]>();
    netConfig.indexers.forEach((indexer, i) => {
      const factory = factories[indexer.type];
      if (!factory)
        throw new RestoreScanError('CONFIG', `networks.${network.id}.indexers[${i}]: indexer type ${indexer.type} is not available in this build`);
      const group = COMPLEMENTS.has(indexer.type) ? indexer.type : 'main';
      const list = groups.get(group) ?? [];
      list.push(factory(network, indexer, netConfig));
      groups.set(group, list);
    });
    out.set(network.id, [...groups.values()].map((alternatives) => coalescingSource(breakerSource(failoverSource(alternatives)), COALESCE_UP_TO)));
  }
  return out;
}
