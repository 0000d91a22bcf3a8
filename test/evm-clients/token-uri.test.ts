import { encodeAbiParameters, keccak256, toHex, type Hex } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEvmRpcSource } from '../../src/chains/evm/rpc/client.js';
import type { Erc721Asset } from '../../src/chains/evm/rpc/read-holdings.js';
import { decodeTokenUri } from '../../src/chains/evm/rpc/token-uri.js';
import type { ChainSource } from '../../src/chains/source.js';
import { startAnvilNetworks, type AnvilNetworks } from '../../src/devnet/evm/anvil.js';
import type { EvmNode } from '../../src/devnet/evm/clients.js';
import { deployMulticall3 } from '../../src/devnet/evm/multicall3.js';
import { deployTokens, fund, mintNft, transferOut, type TokenContracts } from '../../src/devnet/evm/world.js';
import { bareDevnet } from './scenario.js';
import { FAST_RETRIES } from './sources.js';

/** evm-rpc holdings(): ERC-721 `tokenURI` read in the same view-call batch (Multicall3, or plain eth_calls without it). */
const BASE_URI = 'https://nft.invalid/uri-test/';
const keyOf = (label: string): Hex => keccak256(toHex(`restore-scan token-uri test ${label}`));
const HOLDER_KEY = keyOf('holder');
const GONE_KEY = keyOf('sent-away');
const holder = privateKeyToAccount(HOLDER_KEY).address;
const sentAway = privateKeyToAccount(GONE_KEY).address;
const sink = privateKeyToAccount(keyOf('sink')).address;

describe('evm-rpc holdings: ERC-721 tokenURI', () => {
  let nets: AnvilNetworks;
  const tokens = new Map<string, TokenContracts>();

  beforeAll(async () => {
    nets = await startAnvilNetworks([
      { name: 'multicall', chainId: 31337 },
      { name: 'plain', chainId: 31338 },
    ]);
    const build = async (node: EvmNode, multicall: boolean): Promise<TokenContracts> => {
      if (multicall) await deployMulticall3(node);
      const t = await deployTokens(node, { erc721: { name: 'URI Cats', symbol: 'UCAT', baseURI: BASE_URI } });
      await mintNft(node, t.erc721, holder, 7n);
      await mintNft(node, t.erc721, holder, 1234n);
      await fund(node, sentAway, 10n ** 17n);
      await mintNft(node, t.erc721, sentAway, 9n);
      await transferOut(node, { privateKey: GONE_KEY, to: sink, asset: { kind: 'erc721', token: t.erc721, tokenId: 9n } });
      return t;
    };
    const [withMulticall, without] = await Promise.all([build(nets.get('multicall'), true), build(nets.get('plain'), false)]);
    tokens.set('multicall', withMulticall).set('plain', without);
  }, 60_000);
  afterAll(async () => {
    await nets?.stop();
  });

  const source = (name: string): ChainSource =>
    createEvmRpcSource({
      network: { ...bareDevnet, chainId: nets.get(name).chainId },
      config: { type: 'evm-rpc', url: nets.get(name).url },
      transport: FAST_RETRIES,
    });

  const nfts = (assets: readonly Erc721Asset[]) =>
    assets.filter((a) => a.kind === 'erc721').map((a) => ({ tokenId: a.tokenId, uri: a.uri, name: a.name, contract: a.contract }));

  for (const name of ['multicall', 'plain']) {
    it(`${name === 'multicall' ? 'through Multicall3' : 'without Multicall3 (one eth_call each)'}: tokenURI on each held NFT`, async () => {
      const client = source(name);
      const contract = tokens.get(name)!.erc721;
      const [held, gone, sunk] = await client.holdings([{ address: holder }, { address: sentAway }, { address: sink }]);
      expect(nfts(held!.assets)).toEqual([
        { tokenId: '7', uri: `${BASE_URI}7`, name: 'URI Cats', contract },
        { tokenId: '1234', uri: `${BASE_URI}1234`, name: 'URI Cats', contract },
      ]);
      expect(nfts(gone!.assets)).toEqual([]);
      expect(nfts(sunk!.assets)).toEqual([{ tokenId: '9', uri: `${BASE_URI}9`, name: 'URI Cats', contract }]);
      // activity() stays as it was: no view calls, no URIs.
      const [activity] = await client.activity([{ address: holder }]);
      expect(activity!.used).toBe(true);
    });
  }

  it('the URI costs no extra request: one scan batch and one view-call batch, as before', async () => {
    const client = source('multicall');
    await client.verify?.();
    const before = client.requests();
    await client.holdings([{ address: holder }]);
    expect(client.requests() - before).toBeLessThanOrEqual(3);
    const again = client.requests();
    await client.holdings([{ address: holder }]);
    // Multicall3 known now: the window scan and the view calls, two HTTP requests.
    expect(client.requests() - again).toBe(2);
  });
});

describe('decodeTokenUri tolerates what tokens answer in the wild', () => {
  const abiString = (text: string): Hex => encodeAbiParameters([{ type: 'string' }], [text]);
  it.each([
    ['a revert or empty data (undefined)', undefined, undefined],
    ['an ABI string', abiString('ipfs://bafy/1.json'), 'ipfs://bafy/1.json'],
    ['an empty string', abiString(''), undefined],
    ['a string with control characters', abiString('https://x.invalid/\u001b[31m'), undefined],
    ['one word (not an ABI string)', `0x${'41'.repeat(32)}` as Hex, undefined],
    ['garbage', '0x1234' as Hex, undefined],
  ] as [string, Hex | undefined, string | undefined][])('%s', (_, data, expected) => {
    expect(decodeTokenUri(data)).toBe(expected);
  });
});
