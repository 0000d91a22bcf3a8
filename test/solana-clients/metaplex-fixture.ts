/**
 * Writes a Metaplex Token Metadata account (MetadataV1, the mpl-token-metadata Borsh layout with its fixed
 * padding: name 32, symbol 10, uri 200 bytes) into a litesvm world. litesvm has no Token Metadata program, so
 * tests that need on-chain metadata place the account directly.
 */
import { base58 } from '@scure/base';
import { address, lamports } from '@solana/kit';
import { metadataAddress, TOKEN_METADATA_PROGRAM_ID, TOKEN_STANDARDS, type TokenStandard } from '../../src/chains/solana/index.js';
import type { SvmWorld } from '../../src/devnet/solana/svm-world.js';

/** mpl-token-metadata MAX_METADATA_LEN. */
const METADATA_ACCOUNT_BYTES = 679;

function padded(text: string, width: number): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  if (bytes.length > width) throw new RangeError(`"${text}" is longer than ${width} bytes`);
  const out = [...bytes, ...new Array<number>(width - bytes.length).fill(0)];
  const length = new Uint8Array(4);
  new DataView(length.buffer).setUint32(0, width, true);
  return [...length, ...out];
}

export interface MetadataFixture {
  readonly name: string;
  readonly symbol: string;
  readonly uri: string;
  /** Leave out to write an old-style account that ends before token_standard. */
  readonly tokenStandard?: TokenStandard;
}

export function encodeMetadataAccount(mint: string, updateAuthority: string, fixture: MetadataFixture): Uint8Array {
  const bytes: number[] = [4, ...base58.decode(updateAuthority), ...base58.decode(mint)];
  bytes.push(...padded(fixture.name, 32), ...padded(fixture.symbol, 10), ...padded(fixture.uri, 200));
  bytes.push(0, 0); // seller_fee_basis_points
  bytes.push(1, 1, 0, 0, 0, ...base58.decode(updateAuthority), 1, 100); // Some([creator: verified, 100 %])
  bytes.push(0, 1); // primary_sale_happened, is_mutable
  bytes.push(1, 254); // edition_nonce Some(254)
  if (fixture.tokenStandard === undefined) return Uint8Array.from(bytes);
  bytes.push(1, TOKEN_STANDARDS.indexOf(fixture.tokenStandard));
  bytes.push(0, 0, 0, 0); // collection, uses, collection_details, programmable_config: None
  return Uint8Array.from([...bytes, ...new Array<number>(METADATA_ACCOUNT_BYTES - bytes.length).fill(0)]);
}

export function placeMetadata(world: SvmWorld, mint: string, fixture: MetadataFixture): string {
  const data = encodeMetadataAccount(mint, world.funder.address, fixture);
  const at = metadataAddress(mint);
  world.svm.setAccount({
    address: address(at),
    data,
    executable: false,
    lamports: lamports(world.svm.minimumBalanceForRentExemption(BigInt(data.length))),
    programAddress: address(TOKEN_METADATA_PROGRAM_ID),
    space: BigInt(data.length),
  });
  return at;
}
