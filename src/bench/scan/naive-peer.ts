/**
 * The naive peer: how a simple script, or a wallet that syncs address by address, would scan the same world.
 * One loop per scheme and network: derive one address, ask each indexer about it, one request at a time,
 * stop a branch after `gap` unused addresses. Loops of different schemes and networks run side by side.
 * On EVM networks that is the evm-rpc source with a window of one address (one JSON-RPC batch: nonce, balance
 * and Transfer logs of that address). A Solana key is one address (SLIP-0010, hardened to the end): one probe each,
 * asking solana-rpc and then solana-das.
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
  /** Used addresses found, as `network path address`, sorted, each once. */
  used: string[];
  addressesChecked: number;
}

export interface NaiveScanOptions {
  keySet: KeySet;
  networks: readonly string[];
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
  const used = new Set<string>();
  let addressesChecked = 0;
  const started = performance.now();
  await Promise.all(options.networks.map(async (id) => {
    const network = NETWORKS[id];
    if (!network) throw new RangeError(`unknown network ${id}`);
    const checked = await naiveNetwork(options, network, used);
    addressesChecked += checked;
  }));
  return { wallMs: performance.now() - started, used: [...used].sort(), addressesChecked };
}

async function naiveNetwork(options: NaiveScanOptions, network: Network, used: Set<string>): Promise<number> {
  const targets = planCoverage(options.keySet, { networks: [network.id] }).targets;
  const byScheme = new Map<string, ScanTarget[]>();
  for (const t of targets) byScheme.set(t.scheme, [...(byScheme.get(t.scheme) ?? []), t]);
  let addressesChecked = 0;

  async function isUsed(sources: readonly ChainSource[], target: ScanTarget, steps: readonly number[], path: string): Promise<boolean> {
    const ref = addressRef(network, target.script, payloadFromPublicKey(target.script, nodeOf(target, steps)));
    addressesChecked++;
    let hit = false;
    for (const source of sources) {
      const [answer] = await source.activity([ref]);
      if (answer?.used) hit = true;
    }
    if (hit) used.add(`${network.id} ${path} ${ref.address}`);
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
  return addressesChecked;
}
