/** Well-known Solana program ids and the fixed facts the local network reports about itself. */
import { address, type Address } from '@solana/kit';

export const SYSTEM_PROGRAM = address('11111111111111111111111111111111');
export const TOKEN_PROGRAM = address('TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA');
export const TOKEN_2022_PROGRAM = address('TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb');
export const ASSOCIATED_TOKEN_PROGRAM = address('ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL');
export const MEMO_PROGRAM = address('MemoSq4gqABAXKb96qnH8TysNcWxMyWCqXgDLGmfcHr');
export const MEMO_V1_PROGRAM = address('Memo1UhkJRfHyvLMcVucJwxXeuD728EqVDDwQDxFMNo');
/** Metaplex Bubblegum: compressed-NFT asset ids are PDAs of ["asset", tree, leaf index] under it. */
export const BUBBLEGUM_PROGRAM = address('BGUMAp9Gq7iTEuizy4pqaxsTyUCBK68MDfK752saRPUY');

export type TokenProgramName = 'token' | 'token-2022';

export const TOKEN_PROGRAMS: Readonly<Record<TokenProgramName, Address>> = Object.freeze({
  token: TOKEN_PROGRAM,
  'token-2022': TOKEN_2022_PROGRAM,
});

/** The `program` label agave's account decoder puts on parsed token accounts. */
export function parsedProgramLabel(program: Address): 'spl-token' | 'spl-token-2022' | undefined {
  if (program === TOKEN_PROGRAM) return 'spl-token';
  if (program === TOKEN_2022_PROGRAM) return 'spl-token-2022';
  return undefined;
}

/** What the local node claims to be (getVersion / context.apiVersion). Modelled on an agave 2.2 node. */
export const NODE_VERSION = Object.freeze({ solanaCore: '2.2.20', featureSet: 3073396398 });

/** Accounts are rent-exempt forever: agave reports rentEpoch = u64::MAX for them. */
export const RENT_EPOCH_MAX = 18446744073709551615n;

/** A blockhash stays valid for 150 blocks (MAX_PROCESSING_AGE). */
export const BLOCKHASH_VALID_BLOCKS = 150;
