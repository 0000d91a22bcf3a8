/**
 * Metaplex Token Metadata accounts: where a mint's name, symbol and token standard live. Read so the RPC client can
 * name tokens and call a 0-decimals, amount-1 holding an NFT only when its metadata says so (a bare 0-decimals
 * token is just an SPL token). Layout (Borsh, mpl-token-metadata `Metadata`): key u8 = 4 (MetadataV1),
 * update_authority [32], mint [32], name / symbol / uri (u32 length + UTF-8, padded with NULs),
 * seller_fee_basis_points u16, creators Option<Vec<{address [32], verified u8, share u8}>>, primary_sale_happened
 * u8, is_mutable u8, edition_nonce Option<u8>, token_standard Option<u8>, … Older accounts end before
 * token_standard: then it is unknown.
 */
import { base58 } from '@scure/base';
import { findProgramAddress } from './pda.js';
import { TOKEN_METADATA_PROGRAM_ID } from './programs.js';

const METADATA_V1_KEY = 4;
const CREATOR_BYTES = 34;

/** mpl-token-metadata `TokenStandard`, in declaration order. */
export const TOKEN_STANDARDS = Object.freeze([
  'NonFungible',
  'FungibleAsset',
  'Fungible',
  'NonFungibleEdition',
  'ProgrammableNonFungible',
  'ProgrammableNonFungibleEdition',
  'ProgrammableFungible',
] as const);
export type TokenStandard = (typeof TOKEN_STANDARDS)[number];

const NON_FUNGIBLE: ReadonlySet<TokenStandard> = new Set<TokenStandard>([
  'NonFungible',
  'NonFungibleEdition',
  'ProgrammableNonFungible',
  'ProgrammableNonFungibleEdition',
]);

export interface MetaplexMetadata {
  readonly mint: string;
  readonly name?: string;
  readonly symbol?: string;
  readonly tokenStandard?: TokenStandard;
}

export function isNonFungibleStandard(standard: TokenStandard | undefined): boolean {
  return standard !== undefined && NON_FUNGIBLE.has(standard);
}

export function metadataAddress(mint: string): string {
  const seeds = [new TextEncoder().encode('metadata'), base58.decode(TOKEN_METADATA_PROGRAM_ID), base58.decode(mint)];
  return findProgramAddress(seeds, TOKEN_METADATA_PROGRAM_ID);
}

/** A bounds-checked little-endian reader; `undefined` once the data runs out (older, shorter layouts). */
class BorshReader {
  #at = 0;
  constructor(private readonly data: Uint8Array) {}
  get remaining(): number {
    return this.data.length - this.#at;
  }
  bytes(n: number): Uint8Array | undefined {
    if (this.remaining < n) return undefined;
    const out = this.data.subarray(this.#at, this.#at + n);
    this.#at += n;
    return out;
  }
  u8(): number | undefined {
    return this.bytes(1)?.[0];
  }
  u32(): number | undefined {
    const b = this.bytes(4);
    return b === undefined ? undefined : new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true);
  }
  string(): string | undefined {
    const length = this.u32();
    if (length === undefined) return undefined;
    const b = this.bytes(length);
    return b === undefined ? undefined : new TextDecoder().decode(b);
  }
}

function cleanText(text: string | undefined): string | undefined {
  const cleaned = text?.replace(/\0+$/g, '').trim();
  return cleaned === undefined || cleaned === '' ? undefined : cleaned;
}

/** Parses a metadata account for `mint`; undefined when it is not a MetadataV1 account of that mint. */
export function parseMetaplexMetadata(data: Uint8Array, mint: string): MetaplexMetadata | undefined {
  const r = new BorshReader(data);
  if (r.u8() !== METADATA_V1_KEY || r.bytes(32) === undefined) return undefined;
  const mintBytes = r.bytes(32);
  if (mintBytes === undefined || base58.encode(mintBytes) !== mint) return undefined;
  const name = cleanText(r.string());
  const symbol = cleanText(r.string());
  const result: { mint: string; name?: string; symbol?: string; tokenStandard?: TokenStandard } = { mint };
  if (name !== undefined) result.name = name;
  if (symbol !== undefined) result.symbol = symbol;
  // uri, seller fee, creators, primary sale, mutable, edition nonce: skipped to reach token_standard.
  if (r.string() === undefined || r.bytes(2) === undefined) return result;
  const hasCreators = r.u8();
  if (hasCreators === 1) {
    const count = r.u32();
    if (count === undefined || r.bytes(count * CREATOR_BYTES) === undefined) return result;
  } else if (hasCreators !== 0) return result;
  if (r.bytes(2) === undefined) return result;
  const hasNonce = r.u8();
  if (hasNonce === 1) r.u8();
  else if (hasNonce !== 0) return result;
  if (r.u8() !== 1) return result;
  const standard = r.u8();
  if (standard !== undefined && standard < TOKEN_STANDARDS.length) result.tokenStandard = TOKEN_STANDARDS[standard];
  return result;
}
