import { getProgramDerivedAddress, getAddressEncoder, getU64Encoder, type Address } from '@solana/kit';
import { beforeAll, describe, expect, test } from 'vitest';
import { RestoreScanError } from '../../src/errors.js';
import { ASSOCIATED_TOKEN_PROGRAM, BUBBLEGUM_PROGRAM, TOKEN_2022_PROGRAM, TOKEN_PROGRAM } from '../../src/devnet/solana/constants.js';
import { SvmWorld } from '../../src/devnet/solana/svm-world.js';
import { readMint, tokenAccountsOwnedBy } from '../../src/devnet/solana/token-accounts.js';
import { decodeTokenAccount } from '../../src/devnet/solana/token-layout.js';
import { buildScenario, SOL_HOLDER_TRANSFERS, type Scenario } from './scenario.js';

let s: Scenario;
beforeAll(async () => {
  s = await buildScenario();
});

function tokenAccount(world: SvmWorld, address: Address) {
  const account = world.svm.getAccount(address);
  if (!account.exists) throw new Error(`${address} does not exist`);
  return { account, token: decodeTokenAccount(new Uint8Array(account.data)) };
}

describe('litesvm world', () => {
  test('litesvm loads the real SPL Token, Token-2022 and ATA programs by default', () => {
    for (const program of [TOKEN_PROGRAM, TOKEN_2022_PROGRAM, ASSOCIATED_TOKEN_PROGRAM]) {
      const account = s.world.svm.getAccount(program);
      expect(account.exists && account.executable).toBe(true);
    }
  });

  test('a 0-lamport owner holds a Token-2022 balance in a 170-byte ATA with immutableOwner', async () => {
    const owner = s.token2022Owner.address;
    expect(s.world.svm.getAccount(owner).exists).toBe(false);
    const ata = await s.world.associatedTokenAddress(owner, s.token2022Mint);
    const { account, token } = tokenAccount(s.world, ata);
    expect(account.exists && account.programAddress).toBe(TOKEN_2022_PROGRAM);
    expect(account.exists && account.data.length).toBe(170);
    expect(token?.owner).toBe(owner);
    expect(token?.amount).toBe(1_500_000n);
    expect(token?.extensions.map((e) => e.type)).toEqual([7]);
  });

  test('every transaction is recorded once, in its own slot, with its account keys', () => {
    const txs = s.world.transactions;
    expect(new Set(txs.map((t) => t.signature)).size).toBe(txs.length);
    for (let i = 1; i < txs.length; i++) {
      expect(txs[i]!.slot).toBeGreaterThan(txs[i - 1]!.slot);
      expect(txs[i]!.blockTime).toBeGreaterThanOrEqual(txs[i - 1]!.blockTime);
    }
    expect(txs.every((t) => t.accountKeys[0] === s.world.funder.address)).toBe(true);
    const history = s.world.signaturesFor(s.solHolder);
    expect(history).toHaveLength(SOL_HOLDER_TRANSFERS);
    expect(history.map((t) => t.signature)).toEqual([...s.solHolderHistory].reverse().map((t) => t.signature));
    expect(history.find((t) => t.memo !== null)?.memo).toBe('[9] payment 6');
    expect(s.world.signaturesFor(s.unused)).toEqual([]);
  });

  test('a transaction that fails on-chain is recorded with its error and charged its fee', () => {
    expect(s.failed.err).toEqual({ InstructionError: [0, { Custom: 1 }] });
    expect(s.failed.logs.some((line) => line.includes('insufficient lamports'))).toBe(true);
    expect(s.world.signaturesFor(s.broke).map((t) => t.signature)).toEqual([s.failed.signature]);
  });

  test('NFTs are 0-decimals mints with supply 1 and no mint authority; a pNFT holding is frozen', async () => {
    for (const mint of [...s.nfts, s.pnft]) {
      const state = readMint(s.world.svm, mint);
      expect(state?.mint).toMatchObject({ decimals: 0, supply: 1n, mintAuthority: null });
      const ata = await s.world.associatedTokenAddress(s.collector, mint);
      expect(tokenAccount(s.world, ata).token?.state).toBe(mint === s.pnft ? 'frozen' : 'initialized');
    }
  });

  test('compressed NFTs get Bubblegum asset ids and a transaction touching owner and tree', async () => {
    const [leaf] = s.compressed;
    const [id] = await getProgramDerivedAddress({
      programAddress: BUBBLEGUM_PROGRAM,
      seeds: ['asset', getAddressEncoder().encode(leaf!.tree), getU64Encoder().encode(0n)],
    });
    expect(leaf!.id).toBe(id);
    expect(s.compressed.map((c) => c.leafId)).toEqual([0, 1]);
    const touching = s.world.transactions.filter((t) => t.slot === leaf!.createdSlot);
    expect(touching[0]?.accountKeys).toEqual(expect.arrayContaining([s.collector, leaf!.tree]));
  });

  test('a 0-lamport owner can send tokens: it signs, the funder pays', async () => {
    // Read first: the world keeps program accounts between transactions, and this one must refresh them.
    expect(tokenAccountsOwnedBy(s.world, s.token2022Owner.address, TOKEN_2022_PROGRAM)[0]?.token.amount).toBe(1_500_000n);
    expect(tokenAccountsOwnedBy(s.world, s.splOwner, TOKEN_2022_PROGRAM)).toEqual([]);
    const tx = await s.world.transferTokens(s.token2022Mint, s.token2022Owner, s.splOwner, 500_000n);
    expect(tx.err).toBeNull();
    expect(s.world.svm.getAccount(s.token2022Owner.address).exists).toBe(false);
    const [sent] = tokenAccountsOwnedBy(s.world, s.token2022Owner.address, TOKEN_2022_PROGRAM);
    const [received] = tokenAccountsOwnedBy(s.world, s.splOwner, TOKEN_2022_PROGRAM);
    expect(sent?.token.amount).toBe(1_000_000n);
    expect(received?.token.amount).toBe(500_000n);
    expect(s.world.signaturesFor(s.token2022Owner.address)[0]?.signature).toBe(tx.signature);
  });

  test('a helper whose transaction fails on-chain throws, after recording it', async () => {
    const before = s.world.transactions.length;
    const attempt = s.world.transferTokens(s.token2022Mint, s.token2022Owner, s.splOwner, 10n ** 12n);
    await expect(attempt).rejects.toThrow(RestoreScanError);
    await expect(attempt).rejects.toThrow('transfer tokens failed on-chain');
    expect(s.world.transactions).toHaveLength(before + 1);
    expect(s.world.transactions.at(-1)?.err).toEqual({ InstructionError: [1, { Custom: 1 }] });
  });

  test('the same seed builds the same world: addresses and signatures', async () => {
    const build = async (seed: string) => {
      const world = await SvmWorld.create({ seed });
      const mint = await world.createMint({ decimals: 3 });
      const tx = await world.transferSol((await world.signer('x')).address, 1_000_000_000n);
      return { funder: world.funder.address, mint, signature: tx.signature };
    };
    const [a, b, c] = await Promise.all([build('same'), build('same'), build('other')]);
    expect(b).toEqual(a);
    expect(c.mint).not.toBe(a.mint);
    expect(c.funder).not.toBe(a.funder);
  });
});
