import { getAddressEncoder, getProgramDerivedAddress, address } from '@solana/kit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { solana } from '../../src/chains/networks.js';
import {
  createSolanaDasSource,
  createSolanaRpcSource,
  mergeSolanaActivity,
  metadataAddress,
  parseMetaplexMetadata,
  SOLANA_MAINNET_GENESIS_HASH,
  TOKEN_METADATA_PROGRAM_ID,
} from '../../src/chains/solana/index.js';
import type { AddressActivity, ChainSource, FoundAsset } from '../../src/chains/source.js';
import type { Network } from '../../src/chains/types.js';
import { RestoreScanError } from '../../src/errors.js';
import { startFaultProxy, type FaultProxy } from '../../src/devnet/fault-proxy.js';
import { startDas, startSolanaRpc, type RunningServer } from '../../src/devnet/solana/index.js';
import { encodeMetadataAccount } from './metaplex-fixture.js';
import { buildSolanaScenario, SOL_HOLDER_TRANSFERS, unusedKey, type SolanaScenario } from './scenario.js';

let s: SolanaScenario;
let rpcServer: RunningServer;
let dasServer: RunningServer;
let rpc: ChainSource;
let das: ChainSource;

const fast = { baseDelayMs: 5, maxDelayMs: 40 };
const rpcSource = (url: string, extra: { network?: Network; expectedGenesisHash?: string; batchSize?: number } = {}) =>
  createSolanaRpcSource({
    network: extra.network ?? solana,
    config: { type: 'solana-rpc', url, timeoutMs: 5000, batchSize: extra.batchSize },
    transport: fast,
    expectedGenesisHash: extra.expectedGenesisHash,
  });
const dasSource = (url: string, pageLimit?: number, batchSize?: number) =>
  createSolanaDasSource({ network: solana, config: { type: 'solana-das', url, timeoutMs: 5000, batchSize }, transport: fast, pageLimit });

beforeAll(async () => {
  s = await buildSolanaScenario();
  rpcServer = await startSolanaRpc(s.world);
  dasServer = await startDas(s.world);
  rpc = rpcSource(rpcServer.url);
  das = dasSource(dasServer.url);
});

afterAll(async () => {
  await rpcServer?.close();
  await dasServer?.close();
});

const refs = (...keys: string[]) => keys.map((a) => ({ address: a }));
const byAddress = (answers: AddressActivity[]) => new Map(answers.map((a) => [a.address, a]));
const lamportsOf = (key: string) => s.world.svm.getBalance(address(key)) ?? 0n;

describe('solana-rpc activity', () => {
  test('used / unused and what each address holds', async () => {
    const keys = [s.solHolder, s.token2022Owner, s.splOwner, s.emptyOwner, s.collector, s.unused];
    const answers = await rpc.activity(refs(...keys));
    expect(answers.map((a) => a.address)).toEqual(keys);
    const at = byAddress(answers);

    const total = SOL_HOLDER_TRANSFERS.reduce((a, b) => a + b, 0n);
    expect(at.get(s.solHolder)).toEqual({
      address: s.solHolder, used: true, txCount: 1,
      assets: [{ kind: 'native', amount: total, decimals: 9, symbol: 'SOL' }],
    });
    // 0 lamports, only a Token-2022 balance.
    expect(lamportsOf(s.token2022Owner)).toBe(0n);
    expect(at.get(s.token2022Owner)).toMatchObject({ used: true, assets: [{ kind: 'spl-2022', mint: s.token2022Mint, amount: 1_500_000n, decimals: 6 }] });
    expect(at.get(s.splOwner)?.assets).toEqual([{ kind: 'spl', mint: s.splMint, amount: 1_234_500_000n, decimals: 9 }]);
    // No signature, no lamports: only an empty token account proves use.
    expect(at.get(s.emptyOwner)).toEqual({ address: s.emptyOwner, used: true, txCount: 0, assets: [] });
    // RPC alone sees the NFT as a 0-decimals SPL holding and cannot see the compressed one.
    expect(at.get(s.collector)?.assets).toEqual([{ kind: 'spl', mint: s.nft, amount: 1n, decimals: 0 }]);
    expect(at.get(s.unused)).toEqual({ address: s.unused, used: false, txCount: 0, assets: [] });
  });

  test('more than 100 addresses in a window: several getMultipleAccounts calls, answers in order', async () => {
    const proxy = await startFaultProxy({ target: rpcServer.url });
    try {
      const keys = [...Array.from({ length: 140 }, (_, i) => unusedKey(`window-${i}`)), s.solHolder, s.splOwner];
      const answers = await rpcSource(proxy.url).activity(refs(...keys));
      expect(answers.map((a) => a.address)).toEqual(keys);
      expect(answers.filter((a) => a.used).map((a) => a.address)).toEqual([s.solHolder, s.splOwner]);
      const accountCalls = proxy.log.flatMap((entry) => entry.rpcMethods).filter((m) => m === 'getMultipleAccounts');
      expect(accountCalls).toHaveLength(2); // 100 + 42 keys; the server refuses more than 100
    } finally {
      await proxy.close();
    }
  });

  test('an empty window asks nothing', async () => {
    const before = rpc.requests();
    expect(await rpc.activity([])).toEqual([]);
    expect(rpc.requests()).toBe(before);
  });
});

describe('solana-rpc holdings', () => {
  test('signatures counted in pages up to the cap; metadata names tokens and marks NFTs', async () => {
    const answers = byAddress(await rpc.holdings(refs(s.solHolder, s.splOwner, s.metadataNftOwner, s.collector)));
    expect(answers.get(s.solHolder)?.txCount).toBe(SOL_HOLDER_TRANSFERS.length);
    expect(answers.get(s.splOwner)?.assets).toEqual([
      { kind: 'spl', mint: s.splMint, amount: 1_234_500_000n, decimals: 9, symbol: 'TUSD', name: 'Test Dollar' },
    ]);
    expect(answers.get(s.metadataNftOwner)?.assets).toEqual([
      { kind: 'nft', mint: s.metadataNftMint, amount: 1n, decimals: 0, symbol: 'CAPE', name: 'Chain Ape' },
    ]);
    // No metadata account on chain for the world's NFT: RPC does not guess.
    expect(answers.get(s.collector)?.assets).toEqual([{ kind: 'spl', mint: s.nft, amount: 1n, decimals: 0 }]);

    const capped = await createSolanaRpcSource({
      network: solana, config: { type: 'solana-rpc', url: rpcServer.url }, maxSignatures: 2, transport: fast,
    }).holdings(refs(s.solHolder));
    expect(capped[0]?.txCount).toBe(2);
  });

  test('metadata parsing: token standard when present, older accounts without it, other mints refused', () => {
    const fixture = { name: 'Old Ape', symbol: 'OAPE', uri: 'https://example.test/old.json' };
    const authority = s.world.funder.address;
    expect(parseMetaplexMetadata(encodeMetadataAccount(s.nft, authority, fixture), s.nft)).toEqual({ mint: s.nft, name: 'Old Ape', symbol: 'OAPE' });
    expect(parseMetaplexMetadata(encodeMetadataAccount(s.nft, authority, { ...fixture, tokenStandard: 'ProgrammableNonFungible' }), s.nft))
      .toMatchObject({ tokenStandard: 'ProgrammableNonFungible' });
    expect(parseMetaplexMetadata(encodeMetadataAccount(s.nft, authority, fixture), s.splMint)).toBeUndefined();
    expect(parseMetaplexMetadata(Uint8Array.of(4, 1, 2), s.nft)).toBeUndefined();
  });

  test('the metadata PDA matches @solana/kit', async () => {
    const [expected] = await getProgramDerivedAddress({
      programAddress: address(TOKEN_METADATA_PROGRAM_ID),
      seeds: ['metadata', getAddressEncoder().encode(address(TOKEN_METADATA_PROGRAM_ID)), getAddressEncoder().encode(s.splMint)],
    });
    expect(metadataAddress(s.splMint)).toBe(expected);
  });
});

describe('solana-rpc verify', () => {
  test('mainnet genesis accepted for `solana`; another genesis is a CHAIN_MISMATCH', async () => {
    await expect(rpc.verify?.()).resolves.toBeUndefined();
    const other = await startSolanaRpc(s.world, { genesisHash: 'EtWTRABZaYq6iMfeYKouRu166VU2xqa1wcaWoxPkrZBG' });
    try {
      const error = await rpcSource(other.url).verify?.().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(RestoreScanError);
      expect(error).toMatchObject({ code: 'CHAIN_MISMATCH' });
      expect(String((error as Error).message)).toContain(SOLANA_MAINNET_GENESIS_HASH);
      const custom: Network = { id: 'solana-devnet', name: 'Solana devnet', family: 'solana', coinType: 501, symbol: 'SOL', decimals: 9 };
      await expect(rpcSource(other.url, { network: custom }).verify?.()).resolves.toBeUndefined();
      await expect(
        rpcSource(other.url, { network: custom, expectedGenesisHash: 'EtWTRABZaYq6iMfeYKouRu166VU2xqa1wcaWoxPkrZBG' }).verify?.(),
      ).resolves.toBeUndefined();
    } finally {
      await other.close();
    }
  });

  test('apiKeyEnv: the key goes as ?api-key= and stays out of ids and errors', async () => {
    const key = 'hk-7d41c0ffee5eed1234';
    const proxy = await startFaultProxy({ target: rpcServer.url });
    try {
      const keyed = createSolanaRpcSource({
        network: solana, config: { type: 'solana-rpc', url: proxy.url, apiKeyEnv: 'HELIUS_KEY' }, env: { HELIUS_KEY: key }, transport: fast,
      });
      await keyed.activity(refs(s.solHolder));
      expect(proxy.log.length).toBeGreaterThan(0);
      expect(proxy.log.every((entry) => entry.path.includes(`api-key=${key}`))).toBe(true);
      expect(keyed.id).not.toContain(key);
      const error = await keyed.activity(refs('not-a-key')).catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'JsonRpcError', rpcCode: -32602 });
      expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain(key);
    } finally {
      await proxy.close();
    }
  });

  test('configs for the wrong family or type are refused', () => {
    const tron: Network = { id: 'tron', name: 'Tron', family: 'tron', coinType: 195, symbol: 'TRX', decimals: 6 };
    expect(() => createSolanaRpcSource({ network: tron, config: { type: 'solana-rpc', url: rpcServer.url } })).toThrow(/Solana networks/);
    expect(() => createSolanaRpcSource({ network: solana, config: { type: 'solana-das', url: rpcServer.url } })).toThrow(/solana-rpc/);
  });
});

describe('solana-das', () => {
  test('NFTs, compressed NFTs and fungibles; used only from assets; paging by short page', async () => {
    for (const source of [das, dasSource(dasServer.url, 1)]) {
      const at = byAddress(await source.activity(refs(s.collector, s.token2022Owner, s.emptyOwner, s.solHolder, s.unused)));
      const collector = at.get(s.collector);
      expect(collector?.txCount).toBe(0);
      expect(collector?.assets).toHaveLength(2);
      expect(collector?.assets).toEqual(
        expect.arrayContaining([
          { kind: 'nft', mint: s.nft, amount: 1n, decimals: 0, symbol: 'LAPE', name: 'Local Ape #1' },
          { kind: 'nft', mint: s.compressed.id, amount: 1n, compressed: true, symbol: 'TINY', name: 'Tiny #1' },
        ]),
      );
      expect(at.get(s.token2022Owner)?.assets).toEqual([
        { kind: 'spl-2022', mint: s.token2022Mint, amount: 1_500_000n, decimals: 6, symbol: 'PUSD', name: 'Pay USD' },
      ]);
      // The empty token account is listed (showZeroBalance): used, nothing held.
      expect(at.get(s.emptyOwner)).toEqual({ address: s.emptyOwner, used: true, txCount: 0, assets: [] });
      // SOL and history are invisible to DAS.
      expect(at.get(s.solHolder)?.used).toBe(false);
      expect(at.get(s.unused)?.used).toBe(false);
    }
  });

  test('merged with RPC: the NFT appears once, the compressed NFT once, amounts from the chain', async () => {
    const keys = [s.collector, s.token2022Owner, s.solHolder, s.metadataNftOwner];
    const [fromRpc, fromDas] = await Promise.all([rpc.holdings(refs(...keys)), das.holdings(refs(...keys))]);
    const merged = byAddress(fromRpc.map((a, i) => mergeSolanaActivity(a, fromDas[i] as AddressActivity)));

    const collector = merged.get(s.collector)?.assets ?? [];
    expect(collector).toHaveLength(2);
    expect(collector.filter((a: FoundAsset) => a.mint === s.nft)).toEqual([
      { kind: 'nft', mint: s.nft, amount: 1n, decimals: 0, symbol: 'LAPE', name: 'Local Ape #1' },
    ]);
    expect(collector.filter((a: FoundAsset) => a.compressed === true)).toHaveLength(1);
    expect(merged.get(s.collector)?.txCount).toBeGreaterThan(0);

    expect(merged.get(s.token2022Owner)?.assets).toEqual([
      { kind: 'spl-2022', mint: s.token2022Mint, amount: 1_500_000n, decimals: 6, symbol: 'PUSD', name: 'Pay USD' },
    ]);
    expect(merged.get(s.solHolder)).toMatchObject({ used: true, txCount: SOL_HOLDER_TRANSFERS.length });
    // On-chain metadata says NFT although DAS lists a 0-decimals fungible: one NFT.
    expect(merged.get(s.metadataNftOwner)?.assets).toEqual([
      { kind: 'nft', mint: s.metadataNftMint, amount: 1n, decimals: 0, symbol: 'CAPE', name: 'Chain Ape' },
    ]);
  });
});

describe('through a fault proxy (30 % transient faults)', () => {
  const keys = () => [
    s.solHolder, s.token2022Owner, s.splOwner, s.emptyOwner, s.collector, s.metadataNftOwner, s.unused,
    ...Array.from({ length: 8 }, (_, i) => unusedKey(`faults-${i}`)),
  ];

  test.each([11, 22, 33])('seed %i: the same answers, or a TransportError — never a wrong or empty one', async (seed) => {
    const expectedRpc = await rpc.holdings(refs(...keys()));
    const expectedActivity = await rpc.activity(refs(...keys()));
    const expectedDas = await das.holdings(refs(...keys()));
    const proxies: FaultProxy[] = await Promise.all([
      startFaultProxy({ target: rpcServer.url, rate: 0.3, seed, holdMs: 100, retryAfterSeconds: 0 }),
      startFaultProxy({ target: dasServer.url, rate: 0.3, seed: seed + 1, holdMs: 100, retryAfterSeconds: 0 }),
    ]);
    const [rpcProxy, dasProxy] = proxies as [FaultProxy, FaultProxy];
    try {
      // Small batches: many HTTP requests, so every kind of fault gets its chance (batch faults need ≥ 2 calls).
      const flakyRpc = rpcSource(rpcProxy.url, { batchSize: 4 });
      const flakyDas = dasSource(dasProxy.url, 2, 3);
      const outcomes = await Promise.allSettled([
        flakyRpc.holdings(refs(...keys())),
        flakyRpc.activity(refs(...keys())),
        flakyDas.holdings(refs(...keys())),
      ]);
      const expected = [expectedRpc, expectedActivity, expectedDas];
      outcomes.forEach((outcome, i) => {
        if (outcome.status === 'fulfilled') expect(outcome.value).toEqual(expected[i]);
        else expect(outcome.reason).toMatchObject({ name: expect.stringMatching(/TransportError|JsonRpcError/) });
      });
      expect(rpcProxy.log.some((entry) => entry.fault !== null)).toBe(true);
    } finally {
      await Promise.all(proxies.map((p) => p.close()));
    }
  });
});
