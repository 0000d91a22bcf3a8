import { RestoreScanError } from '../errors.js';
import type { AddressRef, ChainSource, SourceCallOptions } from '../chains/source.js';
import type { Network } from '../chains/types.js';
import type { Config, IndexerConfig, IndexerType, NetworkConfig } from '../config/indexer-types.js';

/** Makes a client for one configured indexer. */
export type SourceFactory = (network: Network, indexer: IndexerConfig, networkConfig: NetworkConfig) => ChainSource;
export type SourceFactories = Partial<Record<IndexerType, SourceFactory>>;

const isAbort = (err: unknown): boolean => err instanceof RestoreScanError && err.code === 'ABORTED';

/**
 * Endpoints of one indexer type on one network are alternatives: the next is tried when one fails after its
 * own retries. (Indexers of different types complement each other and are all asked: see `buildSources`.)
 */
export function failoverSource(alternatives: readonly ChainSource[]): ChainSource {
  const [first] = alternatives;
  if (!first) throw new RangeError('failoverSource needs at least one source');
  if (alternatives.length === 1) return first;
  let preferred = 0;
  const attempt = async <T>(fn: (s: ChainSource) => Promise<T>): Promise<T> => {
    let lastError: unknown;
    for (let k = 0; k < alternatives.length; k++) {
      const i = (preferred + k) % alternatives.length;
      try {
        const result = await fn(alternatives[i]!);
        preferred = i;
        return result;
      } catch (err) {
        if (isAbort(err)) throw err;
        lastError = err;
      }
    }
    throw lastError;
  };
  return {
    id: alternatives.map((s) => s.id).join(' | '),
    type: first.type,
    family: first.family,
    network: first.network,
    activity: (refs: readonly AddressRef[], o?: SourceCallOptions) => attempt((s) => s.activity(refs, o)),
    holdings: (refs: readonly AddressRef[], o?: SourceCallOptions) => attempt((s) => s.holdings(refs, o)),
    verify: async (o?: SourceCallOptions) => {
      await Promise.all(alternatives.map((s) => s.verify?.(o)));
    },
    requests: () => alternatives.reduce((n, s) => n + s.requests(), 0),
    close: async () => {
      await Promise.all(alternatives.map((s) => s.close?.()));
    },
  };
}

/** The indexers of each network: one source per indexer type (endpoints of a type fail over to each other). */
export function buildSources(config: Config, networks: readonly Network[], factories: SourceFactories): Map<string, ChainSource[]> {
  const out = new Map<string, ChainSource[]>();
  for (const network of networks) {
    const netConfig = config.networks[network.id];
    if (!netConfig) continue;
    const byType = new Map<IndexerType, ChainSource[]>();
    netConfig.indexers.forEach((indexer, i) => {
      const factory = factories[indexer.type];
      if (!factory)
        throw new RestoreScanError('CONFIG', `networks.${network.id}.indexers[${i}]: indexer type ${indexer.type} is not available in this build`);
      const list = byType.get(indexer.type) ?? [];
      list.push(factory(network, indexer, netConfig));
      byType.set(indexer.type, list);
    });
    out.set(network.id, [...byType.values()].map(failoverSource));
  }
  return out;
}
