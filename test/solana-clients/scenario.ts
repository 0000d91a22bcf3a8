/**
 * The Solana client scenario on a real litesvm world: a SOL holder, a 0-lamport Token-2022 holder, an SPL holder
 * (with on-chain Metaplex metadata), an owner whose only trace is an empty token account, a collector with an NFT
 * (visible to RPC and DAS) and a compressed NFT (DAS only), a 0-decimals token that on-chain metadata calls an NFT,
 * and never-used keys.
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { base58 } from '@scure/base';
import { address, lamports, type Address } from '@solana/kit';
import { TOKEN_PROGRAM } from '../../src/devnet/solana/constants.js';
import { SvmWorld, type CompressedNftRecord } from '../../src/devnet/solana/svm-world.js';
import { placeMetadata } from './metaplex-fixture.js';

export const SOL_HOLDER_TRANSFERS = [1_500_000_000n, 250_000_000n, 5_000n] as const;

export interface SolanaScenario {
  readonly world: SvmWorld;
  readonly solHolder: Address;
  readonly token2022Owner: Address;
  readonly token2022Mint: Address;
  readonly splOwner: Address;
  readonly splMint: Address;
  readonly emptyOwner: Address;
  readonly collector: Address;
  readonly nft: Address;
  readonly compressed: CompressedNftRecord;
  readonly metadataNftOwner: Address;
  readonly metadataNftMint: Address;
  readonly unused: Address;
}

/** A key nobody holds: sha256 of a label, as base58 (fine as an address; no signer needed). */
export function unusedKey(label: string): Address {
  return address(base58.encode(sha256(new TextEncoder().encode(`restore-scan/solana-clients/unused/${label}`))));
}

/** Copies an existing token account to `at`, owned by `owner`: a token account whose creation never involved the owner. */
function forgeTokenAccount(world: SvmWorld, template: Address, owner: Address, at: Address): void {
  const source = world.svm.getAccount(template);
  if (!source.exists) throw new Error(`no token account at ${template}`);
  const data = new Uint8Array(source.data);
  data.set(base58.decode(owner), 32);
  world.svm.setAccount({
    address: at,
    data,
    executable: false,
    lamports: lamports(BigInt(source.lamports)),
    programAddress: TOKEN_PROGRAM,
    space: BigInt(data.length),
  });
}

export async function buildSolanaScenario(): Promise<SolanaScenario> {
  const world = await SvmWorld.create({ seed: 'restore-scan/solana-clients' });

  const solHolder = (await world.signer('sol-holder')).address;
  for (const amount of SOL_HOLDER_TRANSFERS) await world.transferSol(solHolder, amount);

  const token2022Owner = (await world.signer('token-2022-only')).address;
  const token2022Mint = await world.createMint({ decimals: 6, program: 'token-2022', metadata: { name: 'Pay USD', symbol: 'PUSD', uri: '' } });
  await world.mintTo(token2022Mint, token2022Owner, 1_500_000n);

  const splOwner = (await world.signer('spl-owner')).address;
  const splMint = await world.createMint({ decimals: 9, metadata: { name: 'Test Dollar', symbol: 'TUSD', uri: '' } });
  await world.mintTo(splMint, splOwner, 1_234_500_000n);
  placeMetadata(world, splMint, { name: 'Test Dollar', symbol: 'TUSD', uri: 'https://example.test/tusd.json', tokenStandard: 'Fungible' });

  const emptyMint = await world.createMint({ decimals: 2 });
  const template = await world.createAta(splOwner, emptyMint);
  const emptyOwner = unusedKey('empty-token-account-owner');
  forgeTokenAccount(world, template, emptyOwner, unusedKey('forged-token-account'));

  const collector = (await world.signer('collector')).address;
  const nft = await world.createNft(collector, { name: 'Local Ape #1', symbol: 'LAPE', uri: 'https://example.test/ape/1.json' });
  const compressed = await world.addCompressedNft(collector, { name: 'Tiny #1', symbol: 'TINY', uri: 'https://example.test/tiny/1.json' });

  // A 0-decimals token the world knows nothing about, which on-chain Metaplex metadata calls an NFT.
  const metadataNftOwner = (await world.signer('metadata-nft-owner')).address;
  const metadataNftMint = await world.createMint({ decimals: 0 });
  await world.mintTo(metadataNftMint, metadataNftOwner, 1n);
  placeMetadata(world, metadataNftMint, { name: 'Chain Ape', symbol: 'CAPE', uri: 'https://example.test/cape.json', tokenStandard: 'NonFungible' });

  return {
    world,
    solHolder,
    token2022Owner,
    token2022Mint,
    splOwner,
    splMint,
    emptyOwner,
    collector,
    nft,
    compressed,
    metadataNftOwner,
    metadataNftMint,
    unused: unusedKey('never-used'),
  };
}
