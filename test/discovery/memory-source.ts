import type { AddressActivity, AddressRef, ChainSource, FoundAsset } from '../../src/chains/source.js';
import type { Network } from '../../src/chains/types.js';

/**
 * An in-memory indexer for engine unit tests: answers from a table of address → holdings/history. The
 * engine's behaviour against real protocol servers is tested end to end elsewhere; this isolates its rules.
 */
export function memorySource(network: Network, table: Record<string, { txCount?: number; assets?: FoundAsset[] }>, opts: { failFrom?: () => boolean } = {}): ChainSource & { asked: string[] } {
  const asked: string[] = [];
  let requests = 0;
  const answer = (ref: AddressRef): AddressActivity => {
    asked.push(ref.address);
    const hit = table[ref.address] ?? table[ref.address.toLowerCase()];
    const assets = (hit?.assets ?? []).filter((a) => a.amount !== 0n);
    return { address: ref.address, used: (hit?.txCount ?? 0) > 0 || assets.length > 0, txCount: hit?.txCount ?? 0, assets };
  };
  const call = async (refs: readonly AddressRef[]) => {
    requests++;
    if (opts.failFrom?.()) throw new Error(`${network.id} memory indexer: simulated outage`);
    return refs.map(answer);
  };
  return { id: `memory ${network.id}`, type: 'memory', family: network.family, network, activity: call, holdings: call, requests: () => requests, asked };
}
