/**
 * The naive peer: how a simple script, or a wallet that syncs address by address, would scan the same world.
 * One loop per scheme (and network): derive one address, ask each indexer about it, one request at a time,
 * stop a branch after `gap` unused addresses. Loops of different schemes run side by side.
 * It uses the same indexer clients as the engine, with the same limits.
 */
import { HDKey } from '@scure/bip32';
import { NETWORKS } from '../../chains/networks.js';
import type { ChainSource } from '../../chains/source.js';
import type { Network } from '../../chains/types.js';
import type { Config } from '../../config/indexer-types.js';
import type { KeySet } from '../../keys/types.js';
import type { SourceFactories } from '../../discovery/network-sources.js';
import { addressRef } from '../../discovery/window-probe.js';
import { payloadFromPublicKey } from '../../chains/address.js';
import { formatPath, planCoverage, targetAddressPath, type ScanTarget } from '../../paths/index.js';

export interface NaiveScanResult {
  wallMs: number;
  /** Used addresses found, as `path address`, sorted. */
  used: string[];
  addressesChecked: number;
}

export interface NaiveScanOptions {
  keySet: KeySet;
  network: string;
  config: Config;
  sourceFactories: SourceFactories;
  gapLimit: number;
}

/**
 * One client per indexer of the network, shared by the loops (so they share the provider's rate limit, as
 * separate scripts on one machine would have to): at most one request in flight per loop.
 */
function sharedSources(options: NaiveScanOptions, network: Network, loops: number): ChainSource[] {
  const netConfig = options.config.networks[network.id];
  if (!netConfig) throw new RangeError(`no indexers configured for ${network.id}`);
  return netConfig.indexers.map((indexer) => {
    const factory = options.sourceFactories[indexer.type];
    if (!factory) throw new RangeError(`no client for indexer type ${indexer.type}`);
    return factory(network, { ...indexer, maxConcurrency: loops }, netConfig);
  });
}

function nodeOf(target: ScanTarget, steps: readonly number[]): Uint8Array {
  const key = target.key;
  if (steps.length === 0) return key.publicKey;
  if (!key.chainCode) throw new RangeError(`target ${target.scheme} needs a chain code`);
  let node = new HDKey({ publicKey: key.publicKey, chainCode: key.chainCode });
  for (const step of steps) node = node.deriveChild(step);
  return node.publicKey!;
}

export async function naiveScan(options: NaiveScanOptions): Promise<NaiveScanResult> {
  const network = NETWORKS[options.network];
  if (!network) throw new RangeError(`unknown network ${options.network}`);
  const targets = planCoverage(options.keySet, { networks: [network.id] }).targets;
  const byScheme = new Map<string, ScanTarget[]>();
  for (const t of targets) byScheme.set(t.scheme, [...(byScheme.get(t.scheme) ?? []), t]);
  const used: string[] = [];
  let addressesChecked = 0;
  const started = performance.now();

  async function isUsed(sources: readonly ChainSource[], target: ScanTarget, steps: readonly number[], path: string): Promise<boolean> {
    const ref = addressRef(network!, target.script, payloadFromPublicKey(target.script, nodeOf(target, steps)));
    addressesChecked++;
    let hit = false;
    for (const source of sources) {
      const [answer] = await source.activity([ref]);
      if (answer?.used) hit = true;
    }
    if (hit) used.push(`${path} ${ref.address}`);
    return hit;
  }

  const sources = sharedSources(options, network, byScheme.size);
  try {
    await Promise.all([...byScheme.values()].map(async (schemeTargets) => {
        for (const target of schemeTargets) {
          if (target.addressIndex !== 'gap') {
            const index = target.addressIndex ?? undefined;
            const steps = [...target.derivationFromKey, ...(index === undefined ? [] : [index])];
            await isUsed(sources, target, steps, formatPath(targetAddressPath(target, undefined, index)));
            continue;
          }
          for (const branch of target.branches ?? [undefined]) {
            let unusedRun = 0;
            for (let index = 0; unusedRun < options.gapLimit; index++) {
              const steps = [...target.derivationFromKey, ...(branch === undefined ? [] : [branch]), index];
              const hit = await isUsed(sources, target, steps, formatPath(targetAddressPath(target, branch, index)));
              unusedRun = hit ? 0 : unusedRun + 1;
            }
          }
        }
    }));
  } finally {
    await Promise.all(sources.map((s) => s.close?.()));
  }
  return { wallMs: performance.now() - started, used: used.sort(), addressesChecked };
}
