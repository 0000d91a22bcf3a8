/**
 * The shared EVM scenario: three real anvil chains (an L1 and an L2 with Multicall3, a bare devnet without it),
 * addresses with the activity patterns the clients must tell apart, and the expected verdicts and holdings,
 * derived from what the scenario did (amounts sent, fees paid), never read back from the clients under test.
 */
import { getAddress, keccak256, toHex, type Address, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import type { AddressActivity, AddressRef } from '../../src/chains/source.js';
import { base, ethereum } from '../../src/chains/networks.js';
import type { EvmNetwork } from '../../src/chains/types.js';
import { startAnvilNetworks, type AnvilNetworks } from '../../src/devnet/evm/anvil.js';
import type { EvmNode } from '../../src/devnet/evm/clients.js';
import { deployMulticall3 } from '../../src/devnet/evm/multicall3.js';
import {
  deployTokens,
  fund,
  mint1155,
  mint1155Batch,
  mintErc20,
  mintNft,
  sendErc20,
  transferOut,
  type TokenContracts,
  type TokenOptions,
  type TxResult,
} from '../../src/devnet/evm/world.js';

export type ChainName = 'l1' | 'l2' | 'bare';
export type Label = 'erc20-on-l2' | 'nft-only' | 'batch-1155' | 'round-trip' | 'partial-1155' | 'sink' | 'unused';
export const LABELS: readonly Label[] = Object.freeze(['erc20-on-l2', 'nft-only', 'batch-1155', 'round-trip', 'partial-1155', 'sink', 'unused']);

/** A devnet outside the built-in list, as a config file would define it (CONTRACT §3 "my-devnet"). */
export const bareDevnet: EvmNetwork = Object.freeze({
  id: 'bare-devnet', name: 'Bare devnet', family: 'evm', coinType: 60, symbol: 'DEV', decimals: 18, chainId: 31337, layer: 'l1',
});

export const NETWORKS: Readonly<Record<ChainName, EvmNetwork>> = Object.freeze({ l1: ethereum, l2: base, bare: bareDevnet });

/** Token parameters per chain; L2 and bare chain differ from the defaults so metadata is really read per contract. */
const TOKENS: Readonly<Record<ChainName, Required<TokenOptions>>> = Object.freeze({
  l1: {
    erc20: { name: 'Test Dollar', symbol: 'TUSD', decimals: 6 },
    erc721: { name: 'Test Kittens', symbol: 'TKIT', baseURI: 'https://nft.invalid/kittens/' },
    erc1155: { uri: 'https://nft.invalid/items/{id}.json' },
  },
  l2: {
    erc20: { name: 'Bridged Dollar', symbol: 'bUSD', decimals: 18 },
    erc721: { name: 'Layer Two Punks', symbol: 'L2P', baseURI: 'https://nft.invalid/punks/' },
    erc1155: { uri: 'https://nft.invalid/l2/{id}.json' },
  },
  bare: {
    erc20: { name: 'Devnet Gold', symbol: 'DGLD', decimals: 8 },
    erc721: { name: 'Devnet Deeds', symbol: 'DEED', baseURI: 'https://nft.invalid/deeds/' },
    erc1155: { uri: 'https://nft.invalid/bare/{id}.json' },
  },
});

/** An asset as compared across clients: amounts as strings, contract checksummed (what reports show). */
export interface ExpectedAsset {
  kind: 'native' | 'erc20' | 'erc721' | 'erc1155';
  amount: string;
  contract?: string;
  tokenId?: string;
  decimals?: number;
  symbol?: string;
  name?: string;
}

export interface Expected {
  used: boolean;
  assets: ExpectedAsset[];
}

export interface Scenario {
  readonly nets: AnvilNetworks;
  readonly nodes: Readonly<Record<ChainName, EvmNode>>;
  readonly tokens: Readonly<Record<ChainName, TokenContracts>>;
  readonly addresses: Readonly<Record<Label, Address>>;
  readonly refs: readonly AddressRef[];
  /** Expected answer per chain, in LABELS order. */
  readonly expected: Readonly<Record<ChainName, readonly Expected[]>>;
  stop(): Promise<void>;
}

/** Test-only keys, derived from labels (never real funds). */
function keyOf(label: Label): Hex {
  return keccak256(toHex(`restore-scan evm-clients ${label}`));
}

const ONE_ETH = 10n ** 18n;
const feesOf = (results: readonly TxResult[]): bigint => results.reduce((sum, r) => sum + r.fee, 0n);

/** Normalised form of a client's answer, for comparison with `Expected`. */
export function normalize(activity: AddressActivity): Expected {
  return {
    used: activity.used,
    assets: activity.assets.map((a) => {
      const out: ExpectedAsset = { kind: a.kind as ExpectedAsset['kind'], amount: a.amount.toString() };
      if (a.contract !== undefined) out.contract = a.contract;
      if (a.tokenId !== undefined) out.tokenId = a.tokenId;
      if (a.decimals !== undefined) out.decimals = a.decimals;
      if (a.symbol !== undefined) out.symbol = a.symbol;
      if (a.name !== undefined) out.name = a.name;
      return out;
    }),
  };
}

export async function buildScenario(): Promise<Scenario> {
  const nets = await startAnvilNetworks([
    { name: 'l1', chainId: NETWORKS.l1.chainId },
    { name: 'l2', chainId: NETWORKS.l2.chainId },
    { name: 'bare', chainId: NETWORKS.bare.chainId },
  ]);
  try {
    const nodes = { l1: nets.get('l1'), l2: nets.get('l2'), bare: nets.get('bare') };
    const keys = Object.fromEntries(LABELS.map((l) => [l, keyOf(l)])) as Record<Label, Hex>;
    const addresses = Object.fromEntries(LABELS.map((l) => [l, privateKeyToAccount(keys[l]).address])) as Record<Label, Address>;
    // Per node one after the other: deployMulticall3 funds its deployer from the faucet outside the world
    // builder's per-sender queue, so it must not overlap other faucet transactions (nonces). Nodes in parallel.
    const withMulticall3 = async (node: EvmNode, options: TokenOptions) => {
      await deployMulticall3(node);
      return deployTokens(node, options);
    };
    const [tokensL1, tokensL2, tokensBare] = await Promise.all([
      withMulticall3(nodes.l1, TOKENS.l1),
      withMulticall3(nodes.l2, TOKENS.l2),
      deployTokens(nodes.bare, TOKENS.bare),
    ]);
    const tokens = { l1: tokensL1, l2: tokensL2, bare: tokensBare };
    const { sink } = addresses;

    // L2: an address that only ever received an ERC-20; an ERC-1155 batch mint.
    const l2 = (async () => {
      await mintErc20(nodes.l2, tokens.l2.erc20, addresses['erc20-on-l2'], 1_500_000n);
      await mint1155Batch(nodes.l2, tokens.l2.erc1155, addresses['batch-1155'], [1n, 2n, 3n], [5n, 6n, 7n]);
    })();

    // L1: an NFT-only address; an address that received everything and sent everything away (ends empty).
    const l1 = (async () => {
      await mintNft(nodes.l1, tokens.l1.erc721, addresses['nft-only'], 7n);
      const roundTrip = addresses['round-trip'];
      const out = (asset: Parameters<typeof transferOut>[1]['asset']) =>
        transferOut(nodes.l1, { privateKey: keys['round-trip'], to: sink, asset });
      await fund(nodes.l1, roundTrip, ONE_ETH);
      await sendErc20(nodes.l1, tokens.l1.erc20, roundTrip, 2_000_000n);
      await mintNft(nodes.l1, tokens.l1.erc721, roundTrip, 9n);
      await mint1155(nodes.l1, tokens.l1.erc1155, roundTrip, 4n, 10n);
      await mint1155Batch(nodes.l1, tokens.l1.erc1155, roundTrip, [5n, 6n], [1n, 2n]);
      const sent = [
        await out({ kind: 'erc20', token: tokens.l1.erc20, amount: 2_000_000n }),
        await out({ kind: 'erc721', token: tokens.l1.erc721, tokenId: 9n }),
        await out({ kind: 'erc1155', token: tokens.l1.erc1155, id: 4n, amount: 10n }),
        await out({ kind: 'erc1155-batch', token: tokens.l1.erc1155, ids: [5n, 6n], amounts: [1n, 2n] }),
        await out({ kind: 'native', amount: 'all' }),
      ];
      return ONE_ETH - feesOf(sent); // what the sink received in native coin
    })();

    // Bare devnet (no Multicall3): part of a batch sent on, coins left over, an ERC-20 mint.
    const bare = (async () => {
      const partial = addresses['partial-1155'];
      const out = (asset: Parameters<typeof transferOut>[1]['asset']) =>
        transferOut(nodes.bare, { privateKey: keys['partial-1155'], to: sink, asset });
      await fund(nodes.bare, partial, ONE_ETH);
      await mint1155Batch(nodes.bare, tokens.bare.erc1155, partial, [1n, 2n, 3n], [5n, 6n, 7n]);
      await mintErc20(nodes.bare, tokens.bare.erc20, partial, 42n);
      const sent = [
        await out({ kind: 'erc1155', token: tokens.bare.erc1155, id: 2n, amount: 6n }),
        await out({ kind: 'erc1155-batch', token: tokens.bare.erc1155, ids: [3n], amounts: [2n] }),
      ];
      return ONE_ETH - feesOf(sent); // what partial-1155 keeps
    })();

    const [, sinkNativeL1, partialNative] = await Promise.all([l2, l1, bare]);

    const t = (chain: ChainName) => tokens[chain];
    const native = (chain: ChainName, amount: bigint): ExpectedAsset => ({
      kind: 'native', amount: amount.toString(), decimals: NETWORKS[chain].decimals, symbol: NETWORKS[chain].symbol,
    });
    const erc20 = (chain: ChainName, amount: bigint): ExpectedAsset => ({
      kind: 'erc20', amount: amount.toString(), contract: getAddress(t(chain).erc20),
      decimals: TOKENS[chain].erc20.decimals, symbol: TOKENS[chain].erc20.symbol, name: TOKENS[chain].erc20.name,
    });
    const nft = (chain: ChainName, id: bigint): ExpectedAsset => ({
      kind: 'erc721', amount: '1', contract: getAddress(t(chain).erc721), tokenId: id.toString(),
      symbol: TOKENS[chain].erc721.symbol, name: TOKENS[chain].erc721.name,
    });
    const multi = (chain: ChainName, id: bigint, amount: bigint): ExpectedAsset => ({
      kind: 'erc1155', amount: amount.toString(), contract: getAddress(t(chain).erc1155), tokenId: id.toString(),
    });
    const unused: Expected = { used: false, assets: [] };
    const row = (entries: Partial<Record<Label, Expected>>): Expected[] => LABELS.map((l) => entries[l] ?? unused);

    const expected: Record<ChainName, Expected[]> = {
      l1: row({
        'nft-only': { used: true, assets: [nft('l1', 7n)] },
        'round-trip': { used: true, assets: [] },
        sink: {
          used: true,
          assets: [
            native('l1', sinkNativeL1), erc20('l1', 2_000_000n), nft('l1', 9n),
            multi('l1', 4n, 10n), multi('l1', 5n, 1n), multi('l1', 6n, 2n),
          ],
        },
      }),
      l2: row({
        'erc20-on-l2': { used: true, assets: [erc20('l2', 1_500_000n)] },
        'batch-1155': { used: true, assets: [multi('l2', 1n, 5n), multi('l2', 2n, 6n), multi('l2', 3n, 7n)] },
      }),
      bare: row({
        'partial-1155': {
          used: true,
          assets: [native('bare', partialNative), erc20('bare', 42n), multi('bare', 1n, 5n), multi('bare', 3n, 5n)],
        },
        sink: { used: true, assets: [multi('bare', 2n, 6n), multi('bare', 3n, 2n)] },
      }),
    };

    return Object.freeze({
      nets,
      nodes,
      tokens,
      addresses,
      refs: LABELS.map((l) => ({ address: addresses[l] })),
      expected,
      stop: () => nets.stop(),
    });
  } catch (err) {
    await nets.stop();
    throw err;
  }
}
