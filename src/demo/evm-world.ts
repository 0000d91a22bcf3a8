import type { Address } from 'viem';
import type { NetworkConfig } from '../config/indexer-types.js';
import { startAnvilNetworks, type AnvilNetwork } from '../devnet/evm/anvil.js';
import { evmClients } from '../devnet/evm/clients.js';
import { deployMulticall3 } from '../devnet/evm/multicall3.js';
import { deployTokens, fund, mint1155, mintErc20, mintNft, transferOut } from '../devnet/evm/world.js';
import { DEMO_MISSING_PATH, evmAddressAt, evmPrivateKeyAt } from './demo-wallet.js';
import type { Closers } from './closers.js';

/** The local EVM networks: restore-scan's own ids and their real chain ids (the scan checks eth_chainId). */
export const DEMO_EVM_NETWORKS = Object.freeze([
  { name: 'ethereum', chainId: 1 },
  { name: 'arbitrum', chainId: 42161 },
  { name: 'base', chainId: 8453 },
  { name: 'polygon', chainId: 137 },
] as const);

export type DemoEvmNetwork = (typeof DEMO_EVM_NETWORKS)[number]['name'];

const ETHER = 10n ** 18n;
const metamask = (index: number) => `m/44'/60'/0'/0/${index}`;

/** Contracts the demo deployed, by network (for the test and for the curious). */
export interface DemoEvmFacts {
  readonly usdc: Address;
  readonly arb: Address;
  readonly explorers: Address;
  readonly badges: Address;
}

async function buildEthereum(node: AnvilNetwork): Promise<Address> {
  const tokens = await deployTokens(node, { erc20: { name: 'USD Coin (demo)', symbol: 'USDC', decimals: 6 } });
  const [a0, a1] = [evmAddressAt(metamask(0)), evmAddressAt(metamask(1))];
  await fund(node, a0, (125n * ETHER) / 100n);
  await mintErc20(node, tokens.erc20, a0, 2_500_000_000n); // 2,500 USDC
  // An older address that paid someone: history, and what is left after the payment and its fee.
  await fund(node, a1, (3n * ETHER) / 10n);
  const { faucet } = await evmClients(node);
  await transferOut(node, { privateKey: evmPrivateKeyAt(metamask(1)), to: faucet, asset: { kind: 'native', amount: ETHER / 10n } });
  return tokens.erc20;
}

async function buildArbitrum(node: AnvilNetwork): Promise<{ arb: Address; explorers: Address }> {
  const tokens = await deployTokens(node, {
    erc20: { name: 'Arbitrum (demo)', symbol: 'ARB', decimals: 18 },
    erc721: { name: 'Demo Explorers', symbol: 'DEXP', baseURI: 'https://nft.invalid/explorers/' },
  });
  const a0 = evmAddressAt(metamask(0));
  await fund(node, a0, ETHER / 5n);
  await mintErc20(node, tokens.erc20, a0, 150n * ETHER);
  await mintNft(node, tokens.erc721, evmAddressAt(metamask(1)), 7n);
  // Tangem V1 kept Arbitrum on coin type 9001; the card exported that path, so this is found.
  await fund(node, evmAddressAt("m/44'/9001'/0'/0/0"), ETHER / 20n);
  return { arb: tokens.erc20, explorers: tokens.erc721 };
}

async function buildBase(node: AnvilNetwork): Promise<Address> {
  const tokens = await deployTokens(node, { erc1155: { uri: 'https://nft.invalid/badges/{id}.json' } });
  await mint1155(node, tokens.erc1155, evmAddressAt(metamask(2)), 3n, 5n); // an address that holds only NFTs
  return tokens.erc1155;
}

async function buildPolygon(node: AnvilNetwork): Promise<void> {
  // Tangem V1 put Polygon on coin type 966. The demo card did not export it: the scan cannot see these funds,
  // and its report asks for that export.
  await fund(node, evmAddressAt(`${DEMO_MISSING_PATH}/0/0`), 120n * ETHER);
}

/** Four anvil nodes (Ethereum, Arbitrum, Base, Polygon) with Multicall3 and the demo holdings. */
export async function startDemoEvm(closers: Closers): Promise<{ configs: Record<DemoEvmNetwork, NetworkConfig>; facts: DemoEvmFacts }> {
  const nets = await startAnvilNetworks(DEMO_EVM_NETWORKS);
  closers.add(nets.stop);
  const node = (name: DemoEvmNetwork) => nets.get(name);
  await Promise.all(DEMO_EVM_NETWORKS.map(({ name }) => deployMulticall3(node(name))));
  const [usdc, { arb, explorers }, badges] = await Promise.all([
    buildEthereum(node('ethereum')),
    buildArbitrum(node('arbitrum')),
    buildBase(node('base')),
    buildPolygon(node('polygon')),
  ]);
  const configs = Object.fromEntries(
    DEMO_EVM_NETWORKS.map(({ name }) => [name, { indexers: [{ type: 'evm-rpc', url: node(name).url }] } satisfies NetworkConfig]),
  ) as Record<DemoEvmNetwork, NetworkConfig>;
  return { configs, facts: Object.freeze({ usdc, arb, explorers, badges }) };
}
