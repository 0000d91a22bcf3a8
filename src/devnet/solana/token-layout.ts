/**
 * Decodes SPL Token / Token-2022 account bytes: the 165-byte token account, the 82-byte mint, and the
 * Token-2022 TLV extensions that follow byte 165 (account-type byte, then u16 type + u16 length + value).
 * Layouts: spl-token `state.rs` (Pack) and spl-token-2022 `extension/mod.rs`.
 */
import { getAddressDecoder, type Address } from '@solana/kit';

export const TOKEN_ACCOUNT_LENGTH = 165;
export const MINT_LENGTH = 82;
/** Multisig accounts are 355 bytes; Token-2022 pads extended accounts so they never have that length. */
const MULTISIG_LENGTH = 355;
const ACCOUNT_TYPE_OFFSET = 165;
const ACCOUNT_TYPE_MINT = 1;
const ACCOUNT_TYPE_ACCOUNT = 2;

export type TokenAccountState = 'uninitialized' | 'initialized' | 'frozen';
const ACCOUNT_STATES: readonly TokenAccountState[] = Object.freeze(['uninitialized', 'initialized', 'frozen']);

/** One Token-2022 extension as found in the TLV area. */
export interface RawExtension {
  readonly type: number;
  readonly value: Uint8Array;
}

export interface DecodedTokenAccount {
  readonly mint: Address;
  readonly owner: Address;
  readonly amount: bigint;
  readonly delegate: Address | null;
  readonly state: TokenAccountState;
  /** Some(rent-exempt reserve) for wrapped-SOL accounts. */
  readonly isNative: bigint | null;
  readonly delegatedAmount: bigint;
  readonly closeAuthority: Address | null;
  readonly extensions: readonly RawExtension[];
}

export interface DecodedMint {
  readonly mintAuthority: Address | null;
  readonly supply: bigint;
  readonly decimals: number;
  readonly isInitialized: boolean;
  readonly freezeAuthority: Address | null;
  readonly extensions: readonly RawExtension[];
}

const addressDecoder = getAddressDecoder();

function view(data: Uint8Array): DataView {
  return new DataView(data.buffer, data.byteOffset, data.byteLength);
}

export function readAddress(data: Uint8Array, offset: number): Address {
  return addressDecoder.decode(data.subarray(offset, offset + 32));
}

/** `COption<Pubkey>`: u32 tag (0 = None, 1 = Some) then 32 bytes. */
function readOptionalAddress(data: Uint8Array, offset: number): Address | null {
  return view(data).getUint32(offset, true) === 1 ? readAddress(data, offset + 4) : null;
}

function readTlv(data: Uint8Array): RawExtension[] {
  const extensions: RawExtension[] = [];
  let offset = ACCOUNT_TYPE_OFFSET + 1;
  while (offset + 4 <= data.length) {
    const type = view(data).getUint16(offset, true);
    // spl-token-2022 stops at the first Uninitialized entry: the rest is zero padding.
    if (type === 0) break;
    const length = view(data).getUint16(offset + 2, true);
    extensions.push({ type, value: data.slice(offset + 4, offset + 4 + length) });
    offset += 4 + length;
  }
  return extensions;
}

/** True when `data` (owned by a token program) is a token account, false for mints, multisigs and junk. */
export function isTokenAccountData(data: Uint8Array): boolean {
  if (data.length === TOKEN_ACCOUNT_LENGTH) return true;
  if (data.length === MULTISIG_LENGTH) return false;
  return data.length > TOKEN_ACCOUNT_LENGTH && data[ACCOUNT_TYPE_OFFSET] === ACCOUNT_TYPE_ACCOUNT;
}

export function isMintData(data: Uint8Array): boolean {
  if (data.length === MINT_LENGTH) return true;
  if (data.length === MULTISIG_LENGTH) return false;
  return data.length > TOKEN_ACCOUNT_LENGTH && data[ACCOUNT_TYPE_OFFSET] === ACCOUNT_TYPE_MINT;
}

export function decodeTokenAccount(data: Uint8Array): DecodedTokenAccount | undefined {
  if (!isTokenAccountData(data)) return undefined;
  const dv = view(data);
  const state = ACCOUNT_STATES[data[108] ?? 0];
  if (state === undefined || state === 'uninitialized') return undefined;
  return {
    mint: readAddress(data, 0),
    owner: readAddress(data, 32),
    amount: dv.getBigUint64(64, true),
    delegate: readOptionalAddress(data, 72),
    state,
    isNative: dv.getUint32(109, true) === 1 ? dv.getBigUint64(113, true) : null,
    delegatedAmount: dv.getBigUint64(121, true),
    closeAuthority: readOptionalAddress(data, 129),
    extensions: data.length > TOKEN_ACCOUNT_LENGTH ? readTlv(data) : [],
  };
}

export function decodeMint(data: Uint8Array): DecodedMint | undefined {
  if (!isMintData(data)) return undefined;
  const isInitialized = data[45] === 1;
  if (!isInitialized) return undefined;
  return {
    mintAuthority: readOptionalAddress(data, 0),
    supply: view(data).getBigUint64(36, true),
    decimals: data[44] ?? 0,
    isInitialized,
    freezeAuthority: readOptionalAddress(data, 46),
    extensions: data.length > TOKEN_ACCOUNT_LENGTH ? readTlv(data) : [],
  };
}
