/**
 * The shared test scenario: a SOL holder (with memos and a paged history), a 0-lamport owner whose
 * only asset is a Token-2022 balance, an SPL Token balance with metadata, NFTs (one programmable),
 * compressed NFTs, and one transaction that failed on-chain.
 */
import type { Address, KeyPairSigner } from '@solana/kit';
import { getTransferSolInstruction } from '@solana-program/system';
import { SvmWorld, type CompressedNftRecord, type ProcessedTransaction } from '../../src/devnet/solana/svm-world.js';

export const LAMPORTS_PER_SOL = 1_000_000_000n;
export const SOL_HOLDER_TRANSFERS = 7;

export interface Scenario {
  readonly world: SvmWorld;
  readonly solHolder: Address;
  readonly solHolderLamports: bigint;
  readonly solHolderHistory: readonly ProcessedTransaction[];
  readonly token2022Owner: KeyPairSigner;
  readonly token2022Mint: Address;
  readonly splOwner: Address;
  readonly splMint: Address;
  readonly zeroBalanceMint: Address;
  readonly collector: Address;
  readonly nfts: readonly Address[];
  readonly pnft: Address;
  readonly compressed: readonly CompressedNftRecord[];
  readonly broke: Address;
  readonly failed: ProcessedTransaction;
  readonly unused: Address;
}

export async function buildScenario(): Promise<Scenario> {
  const world = await SvmWorld.create({ seed: 'restore-scan/solana-servers-test' });

  const solHolder = (await world.signer('sol-holder')).address;
  const solHolderHistory: ProcessedTransaction[] = [];
  let solHolderLamports = 0n;
  for (let i = 1; i <= SOL_HOLDER_TRANSFERS; i++) {
    const amount = BigInt(i) * (LAMPORTS_PER_SOL / 10n);
    solHolderHistory.push(await world.transferSol(solHolder, amount, i % 3 === 0 ? { memo: `payment ${i}` } : {}));
    solHolderLamports += amount;
  }

  // Owns nothing but a Token-2022 balance: the funder pays the ATA rent and every fee.
  const token2022Owner = await world.signer('token-2022-only');
  const token2022Mint = await world.createMint({ decimals: 6, program: 'token-2022' });
  await world.mintTo(token2022Mint, token2022Owner.address, 1_500_000n);

  const splOwner = (await world.signer('spl-owner')).address;
  const splMint = await world.createMint({ decimals: 9, metadata: { name: 'Test Dollar', symbol: 'TUSD', uri: 'https://example.test/tusd.json' } });
  await world.mintTo(splMint, splOwner, 1_234_500_000n);
  // A token account that exists but is empty (DAS hides it unless showZeroBalance).
  const zeroBalanceMint = await world.createMint({ decimals: 2 });
  await world.createAta(splOwner, zeroBalanceMint);

  const collector = (await world.signer('collector')).address;
  const nfts: Address[] = [];
  for (let i = 1; i <= 3; i++) nfts.push(await world.createNft(collector, { name: `Local Ape #${i}`, symbol: 'LAPE', uri: `https://example.test/ape/${i}.json` }));
  const pnft = await world.createNft(collector, { name: 'Locked Ape', symbol: 'LAPE', uri: 'https://example.test/ape/locked.json', programmable: true });
  const compressed: CompressedNftRecord[] = [];
  for (let i = 1; i <= 2; i++) compressed.push(await world.addCompressedNft(collector, { name: `Tiny #${i}`, symbol: 'TINY', uri: `https://example.test/tiny/${i}.json` }));

  // Lands on-chain with an error: the signer has no lamports to send.
  const brokeSigner = await world.signer('broke');
  const failed = await world.send([getTransferSolInstruction({ source: brokeSigner, destination: world.funder.address, amount: 1n })]);

  const unused = (await world.signer('never-used')).address;
  return {
    world,
    solHolder,
    solHolderLamports,
    solHolderHistory,
    token2022Owner,
    token2022Mint,
    splOwner,
    splMint,
    zeroBalanceMint,
    collector,
    nfts,
    pnft,
    compressed,
    broke: brokeSigner.address,
    failed,
    unused,
  };
}
