/**
 * Reads token state straight from litesvm account bytes: every token account an owner holds under
 * SPL Token and Token-2022, and mints. Both servers use this so the RPC and DAS views agree.
 */
import { getAddressEncoder, type Address } from '@solana/kit';
import type { LiteSVM } from 'litesvm';
import { TOKEN_2022_PROGRAM, TOKEN_PROGRAM } from './constants.js';
import type { SvmWorld } from './svm-world.js';
import { decodeMint, decodeTokenAccount, type DecodedMint, type DecodedTokenAccount } from './token-layout.js';

export interface OwnedTokenAccount {
  readonly address: Address;
  readonly program: Address;
  readonly lamports: bigint;
  readonly data: Uint8Array;
  readonly token: DecodedTokenAccount;
}

export interface MintState {
  readonly address: Address;
  readonly program: Address;
  readonly mint: DecodedMint;
}

export function isTokenProgram(program: Address): boolean {
  return program === TOKEN_PROGRAM || program === TOKEN_2022_PROGRAM;
}

/** Token accounts of `program` whose bytes at `offset` are `key` (mint at 0, owner at 32). */
function tokenAccountsWhere(world: SvmWorld, program: Address, offset: 0 | 32, key: Address): OwnedTokenAccount[] {
  // Compare raw bytes first: decoding every account's addresses to base58 is the slow part.
  const keyBytes = getAddressEncoder().encode(key);
  const found: OwnedTokenAccount[] = [];
  for (const account of world.programAccounts(program)) {
    const { data } = account;
    if (!keyBytes.every((byte, i) => data[offset + i] === byte)) continue;
    const token = decodeTokenAccount(data);
    if (token === undefined) continue;
    found.push({ address: account.address, program, lamports: account.lamports, data, token });
  }
  return found.sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0));
}

/** Token accounts whose SPL `owner` field is `owner`, under one token program (address order). */
export function tokenAccountsOwnedBy(world: SvmWorld, owner: Address, program: Address): OwnedTokenAccount[] {
  return tokenAccountsWhere(world, program, 32, owner);
}

/** All token accounts of `mint` under its program (to find who holds an NFT). */
export function tokenAccountsOfMint(world: SvmWorld, mint: Address, program: Address): OwnedTokenAccount[] {
  return tokenAccountsWhere(world, program, 0, mint);
}

export function readMint(svm: LiteSVM, address: Address): MintState | undefined {
  const account = svm.getAccount(address);
  if (!account.exists || !isTokenProgram(account.programAddress)) return undefined;
  const mint = decodeMint(new Uint8Array(account.data));
  return mint === undefined ? undefined : { address, program: account.programAddress, mint };
}
