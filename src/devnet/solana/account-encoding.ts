/**
 * Renders an account as agave's `UiAccount`: `{data, executable, lamports, owner, rentEpoch, space}`.
 * Encodings: `binary` (legacy bare base58 string), `base58` / `base64` (`[text, encoding]`) and
 * `jsonParsed` (`{program, parsed: {type, info}, space}` for SPL Token and Token-2022 accounts and mints;
 * anything else falls back to base64, as agave does for accounts it cannot parse).
 */
import { base58 } from '@scure/base';
import type { Address } from '@solana/kit';
import { parsedProgramLabel, RENT_EPOCH_MAX } from './constants.js';
import { INVALID_PARAMS, JsonRpcError } from './json-rpc-http.js';
import { renderExtension } from './token-extensions.js';
import { decodeMint, decodeTokenAccount } from './token-layout.js';
import { uiTokenAmount } from './ui-amount.js';

export type AccountEncoding = 'binary' | 'base58' | 'base64' | 'jsonParsed';

export const ACCOUNT_ENCODINGS: readonly string[] = Object.freeze(['binary', 'base58', 'base64', 'jsonParsed', 'base64+zstd']);

export interface DataSlice {
  readonly offset: number;
  readonly length: number;
}

export interface AccountBytes {
  readonly lamports: bigint;
  readonly owner: Address;
  readonly executable: boolean;
  readonly data: Uint8Array;
}

/** Decimals of a mint, needed to render token amounts (agave's "additional data"). */
export type MintDecimalsLookup = (mint: Address) => number | undefined;

/** agave `MAX_BASE58_BYTES`: base58 is refused for larger data. */
const MAX_BASE58_BYTES = 128;

/** agave `check_slice_and_encoding`, applied to the largest data length a response will carry. */
export function checkBase58Length(encoding: AccountEncoding, dataLength: number, slice: DataSlice | undefined): void {
  if (encoding !== 'binary' && encoding !== 'base58') return;
  const length = slice === undefined ? dataLength : Math.min(slice.length, Math.max(0, dataLength - slice.offset));
  if (length > MAX_BASE58_BYTES)
    throw new JsonRpcError(
      -32600,
      `Encoded binary (base 58) data should be less than ${MAX_BASE58_BYTES} bytes, please use Base64 encoding.`,
    );
}

function sliced(data: Uint8Array, slice: DataSlice | undefined): Uint8Array {
  if (slice === undefined) return data;
  const start = Math.min(slice.offset, data.length);
  return data.subarray(start, Math.min(data.length, start + slice.length));
}

/** The `parsed` object for token-program accounts, or undefined when agave would not parse it. */
export function parseTokenProgramData(account: AccountBytes, mintDecimals: MintDecimalsLookup): object | undefined {
  const program = parsedProgramLabel(account.owner);
  if (program === undefined) return undefined;
  const space = account.data.length;
  const token = decodeTokenAccount(account.data);
  if (token !== undefined) {
    const decimals = mintDecimals(token.mint);
    if (decimals === undefined) return undefined;
    const info: Record<string, unknown> = {
      isNative: token.isNative !== null,
      mint: token.mint,
      owner: token.owner,
      state: token.state,
      tokenAmount: uiTokenAmount(token.amount, decimals),
    };
    if (token.delegate !== null) {
      info.delegate = token.delegate;
      info.delegatedAmount = uiTokenAmount(token.delegatedAmount, decimals);
    }
    if (token.isNative !== null) info.rentExemptReserve = uiTokenAmount(token.isNative, decimals);
    if (token.closeAuthority !== null) info.closeAuthority = token.closeAuthority;
    if (token.extensions.length > 0) info.extensions = token.extensions.map(renderExtension);
    return { program, parsed: { info, type: 'account' }, space };
  }
  const mint = decodeMint(account.data);
  if (mint !== undefined) {
    const info: Record<string, unknown> = {
      decimals: mint.decimals,
      freezeAuthority: mint.freezeAuthority,
      isInitialized: mint.isInitialized,
      mintAuthority: mint.mintAuthority,
      supply: mint.supply.toString(),
    };
    if (mint.extensions.length > 0) info.extensions = mint.extensions.map(renderExtension);
    return { program, parsed: { info, type: 'mint' }, space };
  }
  return undefined;
}

function encodeData(
  account: AccountBytes,
  encoding: AccountEncoding,
  slice: DataSlice | undefined,
  mintDecimals: MintDecimalsLookup,
): unknown {
  switch (encoding) {
    case 'binary':
      return base58.encode(sliced(account.data, slice));
    case 'base58':
      return [base58.encode(sliced(account.data, slice)), 'base58'];
    case 'base64':
      return [Buffer.from(sliced(account.data, slice)).toString('base64'), 'base64'];
    case 'jsonParsed':
      // agave applies the slice only on the base64 fallback.
      return parseTokenProgramData(account, mintDecimals) ?? [Buffer.from(sliced(account.data, slice)).toString('base64'), 'base64'];
  }
}

export function encodeAccount(
  account: AccountBytes,
  encoding: AccountEncoding,
  slice: DataSlice | undefined,
  mintDecimals: MintDecimalsLookup,
): object {
  return {
    data: encodeData(account, encoding, slice, mintDecimals),
    executable: account.executable,
    lamports: account.lamports,
    owner: account.owner,
    rentEpoch: RENT_EPOCH_MAX,
    space: account.data.length,
  };
}

/** agave `check_slice_and_encoding` (getProgramAccounts, getTokenAccountsBy*): no slices with jsonParsed. */
export function checkSliceWithJsonParsed(encoding: AccountEncoding, slice: DataSlice | undefined): void {
  if (encoding === 'jsonParsed' && slice !== undefined)
    throw new JsonRpcError(-32600, 'Sliced account data can only be encoded using binary (base 58) or base64 encoding.');
}

/** agave answers `base64+zstd` too; Node 20 has no zstd, so this network refuses it explicitly. */
export function unsupportedEncoding(encoding: string): JsonRpcError {
  return new JsonRpcError(INVALID_PARAMS, `Invalid params: encoding ${encoding} is not supported by this local network.`);
}
