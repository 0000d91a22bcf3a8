/**
 * The scan benchmark's world: one local Bitcoin chain (ChainModel) with used addresses laid out on a few
 * branches of the public "abandon … about" seed, served by local Esplora and Electrum servers, and optionally one
 * anvil node serving several EVM network ids, each network through its own proxy, and optionally a litesvm world
 * with its Solana RPC and DAS servers, each through its own proxy. Every proxy adds a fixed
 * latency per request and enforces a rate limit (the "provider"). The engine's config carries matching
 * requestsPerSecond / maxConcurrency, so a correct client never meets the proxy's limit.
 */
import { HDKey } from '@scure/bip32';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { payloadFromPublicKey } from '../../chains/address.js';
import { NETWORKS } from '../../chains/networks.js';
import { scriptPubKey, type BitcoinScriptType } from '../../chains/bitcoin/script.js';
import type { Config, IndexerConfig, IndexerType, NetworkConfig } from '../../config/indexer-types.js';
import { ChainModel } from '../../devnet/bitcoin/chain-model.js';
import { bitcoinMainnet } from '../../devnet/bitcoin/chain/networks.js';
import { startElectrum } from '../../devnet/bitcoin/electrum-server.js';
import { startEsplora } from '../../devnet/bitcoin/esplora-server.js';
import { applyScenario, type ScenarioEntry } from '../../devnet/bitcoin/scenarios.js';
import { startFaultProxy, type FaultProxy } from '../../devnet/fault-proxy.js';
import type { BenchChains } from './bench-sources.js';
import { buildEvmWorld, EVM_ACCOUNT_PATH, type EvmLayout } from './evm-world.js';
import { buildSolanaWorld, type SolanaWorld } from './solana-world.js';

/** Account purposes of the card (Bitcoin, account 0) and their scripts. */
export const PURPOSE_SCRIPT = Object.freeze({ 44: 'p2pkh', 49: 'p2sh-p2wpkh', 84: 'p2wpkh', 86: 'p2tr' } as const satisfies Record<number, BitcoinScriptType>);
export type Purpose = keyof typeof PURPOSE_SCRIPT;
export type BenchIndexer = 'esplora' | 'electrum';

/** Used addresses on one branch: indices 0, every, 2·every, … and lastUsed itself. */
export interface BranchLayout {
  purpose: Purpose;
  branch: 0 | 1;
  lastUsed: number;
  every: number;
}

export interface ScanWorldOptions {
  /** Branches with used addresses (default: five, used up to index 200 every 10). */
  branches?: readonly BranchLayout[];
  /** Indexer types served (default both: the engine asks every type of a network). */
  indexers?: readonly BenchIndexer[];
  /** Fixed latency the proxy adds to every request (default 50 ms). */
  latencyMs?: number;
  /** Per-provider rate limit, enforced by the proxy and configured in the client (default 200/s). */
  requestsPerSecond?: number;
  /** Per-provider concurrency cap configured in the client (default 16). */
  maxConcurrency?: number;
  /**
   * Requests a provider accepts back to back (default 1), set alike in the proxy and in the clients' token
   * buckets. With 1 the client spaces every request by 1/rate of real time, so event-loop lateness is lost rate;
   * a burst lets it catch up that many intervals without ever exceeding the proxy's limit.
   */
  burst?: number;
  gapLimit?: number;
  /**
   * EVM network ids served by one local anvil node, each through its own proxy (default none). The card then
   * also carries m/44'/60'/0', which every EVM scheme of those networks scans.
   */
  evmNetworks?: readonly string[];
  /** Used indices on m/44'/60'/0'/0, the same on every EVM network (default 0, 7, 25; see defaultEvmUsed). */
  evmUsed?: readonly number[];
  /**
   * Solana accounts on the card, m/44'/501'/k'/0' for k < solanaKeys (default 0: no Solana); every other one is
   * used (solana-world.ts). Served by a litesvm world's solana-rpc and solana-das, each through its own proxy.
   */
  solanaKeys?: number;
}

export interface ScanWorldLimits {
  latencyMs: number;
  requestsPerSecond: number;
  maxConcurrency: number;
  burst: number;
  gapLimit: number;
}

export interface BenchProvider {
  /** Bitcoin: the indexer type; EVM: `network evm-rpc`; Solana: `solana-rpc`, `solana-das`. */
  name: string;
  network: string;
  indexer: IndexerType;
  proxy: FaultProxy;
}

/** What the engine's side needs to know of a world (plain data: it crosses to another process). */
export interface ScanWorldDescription {
  limits: ScanWorldLimits;
  branches: readonly BranchLayout[];
  /** Networks the scan covers: bitcoin, then the EVM ids, then solana. */
  networks: readonly string[];
  evm: EvmLayout | undefined;
  /** Solana accounts on the card (0: none). */
  solanaKeys: number;
  /**
   * The card (restore-scan.keys/1) with the four Bitcoin account-0 keys (and m/44'/60'/0' with EVM networks, and
   * the ed25519 keys m/44'/501'/k'/0' with Solana).
   */
  cardText: string;
  config: Config;
  /** The providers, in the order of `logs()`. */
  providers: readonly Omit<BenchProvider, 'proxy'>[];
  /** Addresses the world made used, as `network path` (what a correct scan must find). */
  usedPaths: readonly string[];
  /** What the clients check in verify(): see bench-sources.ts. */
  chains: BenchChains;
}

export interface ScanWorld extends ScanWorldDescription {
  providers: readonly BenchProvider[];
  close(): Promise<void>;
}

/** The BIP-39 "abandon … about" seed: a public test vector, never funded anywhere real. */
const SEED_HEX =
  '5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc19a5ac40b389cd370d086206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4';

export const DEFAULT_BRANCHES: readonly BranchLayout[] = Object.freeze([
  { purpose: 84, branch: 0, lastUsed: 200, every: 10 },
  { purpose: 84, branch: 1, lastUsed: 200, every: 10 },
  { purpose: 86, branch: 0, lastUsed: 200, every: 10 },
  { purpose: 49, branch: 0, lastUsed: 200, every: 10 },
  { purpose: 44, branch: 0, lastUsed: 200, every: 10 },
]);

export const accountPath = (purpose: Purpose): string => `m/${purpose}'/0'/0'`;

/** Indices a layout makes used, ascending. */
export function usedIndices(layout: BranchLayout): number[] {
  if (layout.lastUsed < 0) return [];
  const out: number[] = [];
  for (let i = 0; i < layout.lastUsed; i += Math.max(1, layout.every)) out.push(i);
  out.push(layout.lastUsed);
  return out;
}

function validate(branches: readonly BranchLayout[], gapLimit: number): void {
  const seen = new Set<string>();
  for (const b of branches) {
    const id = `${b.purpose}/${b.branch}`;
    if (!(b.purpose in PURPOSE_SCRIPT)) throw new RangeError(`branch ${id}: purpose must be one of 44, 49, 84, 86`);
    if (seen.has(id)) throw new RangeError(`branch ${id} is listed twice`);
    seen.add(id);
    // A spacing of gap or more would end the branch early: the world would not mean what it says.
    if (b.every < 1 || b.every > gapLimit) throw new RangeError(`branch ${id}: every must be within 1..${gapLimit}, got ${b.every}`);
  }
}

export async function buildScanWorld(options: ScanWorldOptions = {}): Promise<ScanWorld> {
  const limits: ScanWorldLimits = {
    latencyMs: options.latencyMs ?? 50,
    requestsPerSecond: options.requestsPerSecond ?? 200,
    maxConcurrency: options.maxConcurrency ?? 16,
    burst: options.burst ?? 1,
    gapLimit: options.gapLimit ?? 20,
  };
  const rateLimit = { requestsPerSecond: limits.requestsPerSecond, burst: limits.burst };
  const branches = options.branches ?? DEFAULT_BRANCHES;
  validate(branches, limits.gapLimit);
  const indexers = options.indexers ?? ['electrum', 'esplora'];
  if (indexers.length === 0) throw new RangeError('the world needs at least one indexer type');
  const evmNetworks = [...(options.evmNetworks ?? [])];
  for (const id of evmNetworks)
    if (NETWORKS[id]?.family !== 'evm') throw new RangeError(`evmNetworks: ${JSON.stringify(id)} is not an EVM network id`);
  if (new Set(evmNetworks).size !== evmNetworks.length) throw new RangeError('evmNetworks lists a network twice');
  const solanaKeys = options.solanaKeys ?? 0;
  if (!Number.isInteger(solanaKeys) || solanaKeys < 0) throw new RangeError(`solanaKeys must be an integer ≥ 0, got ${solanaKeys}`);

  const root = HDKey.fromMasterSeed(hexToBytes(SEED_HEX));
  const model = new ChainModel({ network: bitcoinMainnet });
  const entries: ScenarioEntry[] = [];
  const usedPaths: string[] = [];
  for (const b of branches) {
    const script = PURPOSE_SCRIPT[b.purpose];
    for (const [k, index] of usedIndices(b).entries()) {
      const path = `${accountPath(b.purpose)}/${b.branch}/${index}`;
      const payload = payloadFromPublicKey(script, root.derive(path).publicKey!);
      entries.push({ scriptPubKeyHex: bytesToHex(scriptPubKey(script, payload)), kind: k % 3 === 2 ? 'spent' : 'receive', value: 10_000 + index });
      usedPaths.push(`bitcoin ${path}`);
    }
  }
  applyScenario(model, entries);

  const closers: (() => Promise<void>)[] = [];
  const providers: BenchProvider[] = [];
  const indexerConfigs: IndexerConfig[] = [];
  const networkConfigs: Record<string, NetworkConfig> = { bitcoin: { indexers: indexerConfigs } };
  let evm: Awaited<ReturnType<typeof buildEvmWorld>> | undefined;
  let solana: SolanaWorld | undefined;
  try {
    for (const indexer of indexers) {
      const server = indexer === 'esplora' ? await startEsplora(model) : await startElectrum(model);
      closers.push(server.close);
      const target = indexer === 'esplora' ? server.url : { host: '127.0.0.1', port: Number(new URL(server.url).port) };
      const proxy = await startFaultProxy({ target, latencyMs: limits.latencyMs, rateLimit });
      closers.push(proxy.close);
      providers.push({ name: indexer, network: 'bitcoin', indexer, proxy });
      indexerConfigs.push({ type: indexer, url: proxy.url, requestsPerSecond: limits.requestsPerSecond, maxConcurrency: limits.maxConcurrency });
    }
    if (evmNetworks.length > 0) {
      evm = await buildEvmWorld(root, { networks: evmNetworks, used: options.evmUsed, gapLimit: limits.gapLimit });
      closers.push(evm.close);
      for (const network of evmNetworks) {
        const proxy = await startFaultProxy({ target: evm.url, latencyMs: limits.latencyMs, rateLimit });
        closers.push(proxy.close);
        providers.push({ name: `${network} evm-rpc`, network, indexer: 'evm-rpc', proxy });
        networkConfigs[network] = { indexers: [{ type: 'evm-rpc', url: proxy.url, requestsPerSecond: limits.requestsPerSecond, maxConcurrency: limits.maxConcurrency }] };
        for (const index of evm.layout.used) usedPaths.push(`${network} ${EVM_ACCOUNT_PATH}/0/${index}`);
      }
    }
    if (solanaKeys > 0) {
      solana = await buildSolanaWorld({ keys: solanaKeys, seed: hexToBytes(SEED_HEX) });
      closers.push(solana.close);
      const solanaIndexers: IndexerConfig[] = [];
      // solana-rpc answers activity and holdings; solana-das complements it (compressed NFTs), so both are asked.
      for (const [indexer, url] of [['solana-rpc', solana.rpcUrl], ['solana-das', solana.dasUrl]] as const) {
        // The Solana clients take no burst (their transport overrides do not include it): they space requests
        // with burst 1, so the proxy enforces burst 1 too, whatever the world's burst.
        const proxy = await startFaultProxy({ target: url, latencyMs: limits.latencyMs, rateLimit: { requestsPerSecond: limits.requestsPerSecond } });
        closers.push(proxy.close);
        providers.push({ name: indexer, network: 'solana', indexer, proxy });
        solanaIndexers.push({ type: indexer, url: proxy.url, requestsPerSecond: limits.requestsPerSecond, maxConcurrency: limits.maxConcurrency });
      }
      networkConfigs.solana = { indexers: solanaIndexers };
      usedPaths.push(...solana.usedPaths);
    }
  } catch (err) {
    await Promise.all(closers.map((c) => c()));
    throw err;
  }

  const chains: BenchChains = {
    bitcoinGenesis: model.genesisHash, burst: limits.burst,
    ...(evm && { evmChainId: evm.chainId }), ...(solana && { solanaGenesis: solana.genesisHash }),
  };

  const card = {
    format: 'restore-scan.keys/1',
    source: { kind: 'card', label: 'abandon … about test mnemonic (public test vector, never fund it)' },
    keys: [
      ...[...([84, 49, 44, 86] as const).map(accountPath), ...(evm ? [EVM_ACCOUNT_PATH] : [])].map((path) => {
        const node = root.derive(path);
        return {
          curve: 'secp256k1', path, publicKey: bytesToHex(node.publicKey!), chainCode: bytesToHex(node.chainCode!),
          masterFingerprint: root.fingerprint.toString(16).padStart(8, '0'),
        };
      }),
      ...(solana?.cardKeys ?? []),
    ],
  };

  return {
    limits, branches, usedPaths,
    networks: ['bitcoin', ...evmNetworks, ...(solana ? ['solana'] : [])],
    evm: evm?.layout,
    solanaKeys,
    cardText: JSON.stringify(card),
    config: { gapLimit: limits.gapLimit, networks: networkConfigs },
    providers, chains,
    close: async () => {
      await Promise.all(closers.map((c) => c()));
    },
  };
}
