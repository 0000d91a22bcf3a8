/**
 * The discovery world of issue 4 ("Done when"), shared by discovery-world.test.ts and discovery-faults.test.ts:
 * one wallet (the public "abandon … about" test mnemonic: the card fixture plus a second card exporting
 * m/44'/60'/1') laid out on local networks — anvil L1 (ethereum, chain id 1) and two L2s (arbitrum 42161,
 * base 8453) with Multicall3 and the fixture tokens, Solana (litesvm RPC + DAS), Esplora + Electrum — and
 * the exact list of addresses and assets a scan must find. The expected lists are derived from the same
 * table that builds the world, so the world and the expectations cannot drift apart.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HDKey } from '@scure/bip32';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import { address as toSolanaAddress } from '@solana/kit';
import type { Address } from 'viem';
import { encodeAddress, payloadFromPublicKey } from '../../src/chains/address.js';
import { createElectrumSource, createEsploraSource, type ElectrumSourceOptions, type EsploraSourceOptions } from '../../src/chains/bitcoin/index.js';
import { scriptPubKey, type BitcoinScriptType } from '../../src/chains/bitcoin/script.js';
import { NETWORKS } from '../../src/chains/networks.js';
import type { EvmNetwork, Network, SolanaNetwork } from '../../src/chains/types.js';
import { createEvmRpcSource } from '../../src/chains/evm/index.js';
import { createSolanaDasSource, createSolanaRpcSource } from '../../src/chains/solana/index.js';
import type { Config, IndexerConfig } from '../../src/config/indexer-types.js';
import type { SourceFactories } from '../../src/discovery/network-sources.js';
import type { AssetKind, Report } from '../../src/report/types.js';
import { ChainModel } from '../../src/devnet/bitcoin/chain-model.js';
import { bitcoinMainnet } from '../../src/devnet/bitcoin/chain/networks.js';
import { applyScenario, type ScenarioKind } from '../../src/devnet/bitcoin/scenarios.js';
import { startElectrum } from '../../src/devnet/bitcoin/electrum-server.js';
import { startEsplora } from '../../src/devnet/bitcoin/esplora-server.js';
import { deployMulticall3, deployTokens, fund, mint1155, mintErc20, mintNft, startAnvilNetworks, DEFAULT_TOKENS } from '../../src/devnet/evm/index.js';
import { SvmWorld, startDas, startSolanaRpc } from '../../src/devnet/solana/index.js';

/** BIP-39 seed of "abandon ×11 about" (public test vector; never fund it on a real network). */
const SEED = hexToBytes('5eb00bbddcf069084889a8ab9155568165f5c453ccb85e70811aaed6f6da5fc19a5ac40b389cd370d086206dec8aa6c43daea6690f20ad3d8d48b2d2ce9e38e4');
const root = HDKey.fromMasterSeed(SEED);

export const GAP = 20;
export const NETWORK_IDS = Object.freeze(['bitcoin', 'ethereum', 'arbitrum', 'base', 'solana']);
type EvmId = 'ethereum' | 'arbitrum' | 'base';
const EVM_CHAIN_IDS = Object.freeze({ ethereum: 1, arbitrum: 42161, base: 8453 } satisfies Record<EvmId, number>);

// Solana owners of the card: m/44'/501'/0'/0' (Phantom) and m/44'/501'/0' (Ledger/Tangem), from the vectors.
const PHANTOM_OWNER = 'HAgk14JpMQLgt6rVgv7cBQFJWFto5Dqxi472uT3DKpqk';
const LEDGER_OWNER = 'GjJyeC1r2RgkuoCWMyPYkCWSGSGLcz266EaAkLA27AhL';

/** Bitcoin: what happens at which path (BIP-84 account 0 unless said otherwise). */
const BITCOIN_CASES = Object.freeze([
  { path: "m/84'/0'/0'/0/0", script: 'p2wpkh', kind: 'receive', value: 150_000, found: true },
  { path: `m/84'/0'/0'/0/${0 + GAP}`, script: 'p2wpkh', kind: 'receive', value: 20_000, found: true }, // last used + 20: at the gap
  { path: `m/84'/0'/0'/0/${GAP + GAP + 1}`, script: 'p2wpkh', kind: 'receive', value: 7_777, found: false }, // one past the gap
  { path: "m/84'/0'/0'/1/1", script: 'p2wpkh', kind: 'spent', value: 9_000, found: true }, // spent change: history, zero balance
  { path: "m/49'/0'/0'/0/0", script: 'p2sh-p2wpkh', kind: 'mempool', value: 5_000, found: true }, // mempool-only receive
] as const satisfies readonly { path: string; script: BitcoinScriptType; kind: ScenarioKind; value: number; found: boolean }[]);

/**
 * EVM: MetaMask indices m/44'/60'/0'/0/i, and Ledger Live account 1 (m/44'/60'/1'/0/0, the second card).
 * The L1 alone shows activity at 0 and 4, so it would stop after 24; index 16 (ERC-721 on Arbitrum) carries
 * the gap on to 36, where index 30 holds one ERC-20 on Base and nothing else.
 */
type EvmCase =
  | { path: string; network: EvmId; kind: 'native'; amount: bigint }
  | { path: string; network: EvmId; kind: 'erc20'; amount: bigint }
  | { path: string; network: EvmId; kind: 'erc721'; tokenId: bigint }
  | { path: string; network: EvmId; kind: 'erc1155'; tokenId: bigint; amount: bigint };
const EVM_CASES: readonly EvmCase[] = Object.freeze([
  { path: "m/44'/60'/0'/0/0", network: 'ethereum', kind: 'native', amount: 1_500_000_000_000_000_000n },
  { path: "m/44'/60'/0'/0/4", network: 'ethereum', kind: 'erc1155', tokenId: 7n, amount: 3n }, // only an ERC-1155
  { path: "m/44'/60'/0'/0/16", network: 'arbitrum', kind: 'erc721', tokenId: 42n }, // only an ERC-721
  { path: "m/44'/60'/0'/0/30", network: 'base', kind: 'erc20', amount: 1_500_000n }, // only one ERC-20, on an L2, past 4 + 20
  { path: "m/44'/60'/1'/0/0", network: 'ethereum', kind: 'native', amount: 250_000_000_000_000_000n }, // Ledger Live account 1
]);

/** The card fixture, and a second card exporting m/44'/60'/1' (Ledger Live account 1). */
export const CARD_TEXT = readFileSync(new URL('../../fixtures/inputs/abandon-card.json', import.meta.url), 'utf8');

/** A restore-scan.keys/1 card export of m/44'/60'/1', derived here from the test seed. */
export function secondCardText(): string {
  const account = root.derive("m/44'/60'/1'");
  return JSON.stringify({
    format: 'restore-scan.keys/1',
    source: { kind: 'card', label: 'abandon … about, Ledger Live account 1 (test vector)' },
    keys: [{
      curve: 'secp256k1', path: "m/44'/60'/1'",
      publicKey: bytesToHex(account.publicKey!), chainCode: bytesToHex(account.chainCode!),
      masterFingerprint: root.fingerprint.toString(16).padStart(8, '0'),
    }],
  }, null, 2);
}

const pubKeyAt = (path: string): Uint8Array => root.derive(path).publicKey!;
const btcScriptHex = (script: BitcoinScriptType, path: string) => bytesToHex(scriptPubKey(script, payloadFromPublicKey(script, pubKeyAt(path))));
const addressAt = (network: Network, script: BitcoinScriptType | 'evm', path: string) => encodeAddress(network, script, payloadFromPublicKey(script, pubKeyAt(path)));
const evmAddressAt = (path: string) => addressAt(NETWORKS.ethereum!, 'evm', path) as Address;

/** What the comparisons look at: one used address. */
export interface AddressRow { network: string; path: string; address: string }
/** What the comparisons look at: one asset (amounts as strings, as in the report). */
export interface AssetRow { network: string; path: string; address: string; kind: AssetKind; id: string; amount: string }

export const addressRows = (r: Report): AddressRow[] =>
  r.addresses.map((a) => ({ network: a.network, path: a.path, address: a.address })).sort(byRow);
export const assetRows = (r: Report): AssetRow[] =>
  r.assets.map((a) => ({ network: a.network, path: a.path, address: a.address, kind: a.kind, id: assetId(a), amount: a.amount })).sort(byRow);

const assetId = (a: { contract?: string; mint?: string; tokenId?: string }): string =>
  [a.contract?.toLowerCase() ?? a.mint ?? '', a.tokenId ?? ''].join('#');
const byRow = (a: object, b: object): number => JSON.stringify(a).localeCompare(JSON.stringify(b));

export interface World {
  /** Real endpoints of every local indexer, per network. */
  config: Config;
  /** Factories that make the Bitcoin clients expect the local genesis; `tuning` goes to every client's transport. */
  sourceFactories(tuning?: ClientTuning): SourceFactories;
  input: { files: { name: string; text: string }[] };
  expected: { addresses: AddressRow[]; assets: AssetRow[]; tokens: { network: EvmId; erc20: string; symbol: string; decimals: number }[] };
  /** Endpoints by network and indexer type, to put proxies in front of. */
  endpoints: { network: string; indexer: IndexerConfig }[];
  close(): Promise<void>;
}

/** Backoff knobs every client takes (tests keep them short so faults cost milliseconds, not seconds). */
export interface ClientTuning { baseDelayMs?: number; maxDelayMs?: number; retries?: number }

export async function buildWorld(): Promise<World> {
  const closers: (() => Promise<void>)[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'restore-scan-world-'));
  closers.push(async () => rmSync(dir, { recursive: true, force: true }));
  try {
    const [bitcoin, evm, solana] = await Promise.all([buildBitcoin(closers), buildEvm(closers), buildSolana(closers)]);

    const secondCard = join(dir, 'ledger-live-account-1.json');
    writeFileSync(secondCard, secondCardText());
    const config: Config = { gapLimit: GAP, networks: { ...bitcoin.networks, ...evm.networks, ...solana.networks } };
    const endpoints = Object.entries(config.networks).flatMap(([network, n]) => n.indexers.map((indexer) => ({ network, indexer })));
    return {
      config, endpoints,
      sourceFactories: (tuning = {}) => localFactories(bitcoin.genesis, tuning),
      input: { files: [{ name: 'abandon-card.json', text: CARD_TEXT }, { name: secondCard, text: readFileSync(secondCard, 'utf8') }] },
      expected: {
        addresses: [...bitcoin.addresses, ...evm.addresses, ...solana.addresses].sort(byRow),
        assets: [...bitcoin.assets, ...evm.assets, ...solana.assets].sort(byRow),
        tokens: evm.tokens,
      },
      close: () => closeAll(closers),
    };
  } catch (err) {
    await closeAll(closers);
    throw err;
  }
}

async function closeAll(closers: (() => Promise<void>)[]): Promise<void> {
  await Promise.allSettled(closers.splice(0).reverse().map((c) => c()));
}

/**
 * Every client of the world. The local Bitcoin chain has its own genesis block: those clients are told which
 * one to expect. `tuning` shortens every transport's backoff (faults then cost milliseconds, not seconds).
 */
function localFactories(genesis: string, tuning: ClientTuning): SourceFactories {
  const transport = { transport: tuning };
  return {
    esplora: (network, indexer) =>
      createEsploraSource({ network: network as EsploraSourceOptions['network'], config: indexer, expectedGenesisHash: genesis, ...transport }),
    electrum: (network, indexer) =>
      createElectrumSource({ network: network as ElectrumSourceOptions['network'], config: indexer, expectedGenesisHash: genesis, ...transport }),
    'evm-rpc': (network, indexer, net) =>
      createEvmRpcSource({ network: network as EvmNetwork, config: indexer, ...(net.logsFromBlock !== undefined && { logsFromBlock: net.logsFromBlock }), ...transport }),
    'solana-rpc': (network, indexer) => createSolanaRpcSource({ network: network as SolanaNetwork, config: indexer, ...transport }),
    'solana-das': (network, indexer) => createSolanaDasSource({ network: network as SolanaNetwork, config: indexer, ...transport }),
  };
}

async function buildBitcoin(closers: (() => Promise<void>)[]) {
  const model = new ChainModel({ network: bitcoinMainnet });
  applyScenario(model, BITCOIN_CASES.map((c) => ({ scriptPubKeyHex: btcScriptHex(c.script, c.path), kind: c.kind, value: c.value })));
  const [esplora, electrum] = await Promise.all([startEsplora(model), startElectrum(model)]);
  closers.push(esplora.close, electrum.close);
  const btc = NETWORKS.bitcoin!;
  const found = BITCOIN_CASES.filter((c) => c.found);
  return {
    genesis: model.genesisHash,
    networks: { bitcoin: { indexers: [{ type: 'esplora', url: esplora.url }, { type: 'electrum', url: electrum.url }] } } satisfies Config['networks'],
    addresses: found.map((c): AddressRow => ({ network: 'bitcoin', path: c.path, address: addressAt(btc, c.script, c.path) })),
    // A spent coin leaves history but no balance: not an asset. A mempool receive is a balance.
    assets: found.filter((c) => c.kind !== 'spent').map((c): AssetRow => ({
      network: 'bitcoin', path: c.path, address: addressAt(btc, c.script, c.path), kind: 'native', id: '#', amount: String(c.value),
    })),
  };
}

async function buildEvm(closers: (() => Promise<void>)[]) {
  const nets = await startAnvilNetworks((Object.keys(EVM_CHAIN_IDS) as EvmId[]).map((name) => ({ name, chainId: EVM_CHAIN_IDS[name] })));
  closers.push(() => nets.stop());
  const nodeOf = (id: EvmId) => nets.get(id)!;
  const tokens = Object.fromEntries(await Promise.all((Object.keys(EVM_CHAIN_IDS) as EvmId[]).map(async (id) => {
    await deployMulticall3(nodeOf(id));
    return [id, await deployTokens(nodeOf(id))] as const;
  }))) as Record<EvmId, Awaited<ReturnType<typeof deployTokens>>>;

  const assets: AssetRow[] = [];
  for (const c of EVM_CASES) {
    const node = nodeOf(c.network);
    const to = evmAddressAt(c.path);
    const row = { network: c.network, path: c.path, address: to, kind: c.kind };
    switch (c.kind) {
      case 'native':
        await fund(node, to, c.amount);
        assets.push({ ...row, id: '#', amount: String(c.amount) });
        break;
      case 'erc20':
        await mintErc20(node, tokens[c.network].erc20, to, c.amount);
        assets.push({ ...row, id: `${tokens[c.network].erc20.toLowerCase()}#`, amount: String(c.amount) });
        break;
      case 'erc721':
        await mintNft(node, tokens[c.network].erc721, to, c.tokenId);
        assets.push({ ...row, id: `${tokens[c.network].erc721.toLowerCase()}#${c.tokenId}`, amount: '1' });
        break;
      case 'erc1155':
        await mint1155(node, tokens[c.network].erc1155, to, c.tokenId, c.amount);
        assets.push({ ...row, id: `${tokens[c.network].erc1155.toLowerCase()}#${c.tokenId}`, amount: String(c.amount) });
        break;
    }
  }
  const networks: Config['networks'] = Object.fromEntries((Object.keys(EVM_CHAIN_IDS) as EvmId[]).map((id) => [id, { indexers: [{ type: 'evm-rpc', url: nodeOf(id).url }] }]));
  return {
    networks,
    // An EVM address is reported on the networks where it shows activity, not on the others.
    addresses: EVM_CASES.map((c): AddressRow => ({ network: c.network, path: c.path, address: evmAddressAt(c.path) })),
    assets,
    tokens: EVM_CASES.filter((c) => c.kind === 'erc20').map((c) => ({
      network: c.network, erc20: tokens[c.network].erc20, symbol: DEFAULT_TOKENS.erc20.symbol, decimals: DEFAULT_TOKENS.erc20.decimals,
    })),
  };
}

async function buildSolana(closers: (() => Promise<void>)[]) {
  const world = await SvmWorld.create({ seed: 'restore-scan discovery world' });
  const spl = await world.createMint({ decimals: 6 });
  const t22 = await world.createMint({ decimals: 2, program: 'token-2022' });
  await world.mintTo(spl, toSolanaAddress(LEDGER_OWNER), 2_500_000n); // 0 lamports, only a token account
  await world.mintTo(t22, toSolanaAddress(PHANTOM_OWNER), 4_200n); // a Token-2022 balance
  const cnft = await world.addCompressedNft(toSolanaAddress(PHANTOM_OWNER), { name: 'Card Art #1', symbol: 'CART', uri: 'https://example.invalid/1.json' });
  const [rpc, das] = await Promise.all([startSolanaRpc(world), startDas(world)]);
  closers.push(rpc.close, das.close);
  const ledgerPath = "m/44'/501'/0'";
  const phantomPath = "m/44'/501'/0'/0'";
  return {
    networks: { solana: { indexers: [{ type: 'solana-rpc', url: rpc.url }, { type: 'solana-das', url: das.url }] } } satisfies Config['networks'],
    addresses: [
      { network: 'solana', path: ledgerPath, address: LEDGER_OWNER },
      { network: 'solana', path: phantomPath, address: PHANTOM_OWNER },
    ],
    assets: [
      { network: 'solana', path: ledgerPath, address: LEDGER_OWNER, kind: 'spl', id: `${spl}#`, amount: '2500000' },
      { network: 'solana', path: phantomPath, address: PHANTOM_OWNER, kind: 'spl-2022', id: `${t22}#`, amount: '4200' },
      { network: 'solana', path: phantomPath, address: PHANTOM_OWNER, kind: 'nft', id: `${cnft.id}#`, amount: '1' },
    ] satisfies AssetRow[],
  };
}
