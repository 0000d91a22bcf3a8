/** Solana program ids and chain facts the clients rely on. */
export const TOKEN_PROGRAM_ID = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA';
export const TOKEN_2022_PROGRAM_ID = 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb';
/** Metaplex Token Metadata: metadata accounts are PDAs of ["metadata", this program, mint]. */
export const TOKEN_METADATA_PROGRAM_ID = 'metaqbxxUerdq28cj1RbAWkYQm3ybzjb6a8bt518x1s';

/** mainnet-beta's genesis hash (getGenesisHash). */
export const SOLANA_MAINNET_GENESIS_HASH = '5eykt4UsFv8P8NJdTREpY1vzqKqZKvdpKuc147dw2N9d';

/** The token programs an owner's accounts live under; getTokenAccountsByOwner takes one filter per call. */
export const TOKEN_PROGRAMS: readonly { readonly id: string; readonly kind: 'spl' | 'spl-2022' }[] = Object.freeze([
  Object.freeze({ id: TOKEN_PROGRAM_ID, kind: 'spl' as const }),
  Object.freeze({ id: TOKEN_2022_PROGRAM_ID, kind: 'spl-2022' as const }),
]);

/** The asset kind of a token program id; undefined for anything else. */
export function tokenKindOf(programId: string): 'spl' | 'spl-2022' | undefined {
  if (programId === TOKEN_PROGRAM_ID) return 'spl';
  if (programId === TOKEN_2022_PROGRAM_ID) return 'spl-2022';
  return undefined;
}
