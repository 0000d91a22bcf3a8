/**
 * Renders Token-2022 TLV extensions the way agave's account decoder does (`UiExtension`, serde
 * `tag = "extension", content = "state"`, camelCase): `{"extension":"immutableOwner"}`,
 * `{"extension":"mintCloseAuthority","state":{"closeAuthority":…}}`.
 * Extension type numbers: spl-token-2022 `ExtensionType` (repr u16).
 */
import type { Address } from '@solana/kit';
import { readAddress, type RawExtension } from './token-layout.js';

export type UiExtension = { readonly extension: string; readonly state?: Readonly<Record<string, unknown>> };

const ACCOUNT_STATE_NAMES = Object.freeze(['uninitialized', 'initialized', 'frozen']);

/** `OptionalNonZeroPubkey`: 32 bytes, all-zero meaning None. */
function optionalAddress(value: Uint8Array, offset: number): Address | null {
  const bytes = value.subarray(offset, offset + 32);
  return bytes.every((b) => b === 0) ? null : readAddress(value, offset);
}

function dataView(value: Uint8Array): DataView {
  return new DataView(value.buffer, value.byteOffset, value.byteLength);
}

/** Borsh string: u32 length + UTF-8 bytes. Returns the string and the offset after it. */
function borshString(value: Uint8Array, offset: number): [string, number] {
  const length = dataView(value).getUint32(offset, true);
  const start = offset + 4;
  return [new TextDecoder().decode(value.subarray(start, start + length)), start + length];
}

function transferFee(value: Uint8Array, offset: number): Record<string, unknown> {
  const dv = dataView(value);
  return {
    epoch: dv.getBigUint64(offset, true),
    maximumFee: dv.getBigUint64(offset + 8, true),
    transferFeeBasisPoints: dv.getUint16(offset + 16, true),
  };
}

function tokenMetadata(value: Uint8Array): Record<string, unknown> {
  const updateAuthority = optionalAddress(value, 0);
  const mint = readAddress(value, 32);
  let offset = 64;
  const [name, afterName] = borshString(value, offset);
  const [symbol, afterSymbol] = borshString(value, afterName);
  const [uri, afterUri] = borshString(value, afterSymbol);
  offset = afterUri;
  const count = dataView(value).getUint32(offset, true);
  offset += 4;
  const additionalMetadata: [string, string][] = [];
  for (let i = 0; i < count; i++) {
    const [key, afterKey] = borshString(value, offset);
    const [entry, afterEntry] = borshString(value, afterKey);
    additionalMetadata.push([key, entry]);
    offset = afterEntry;
  }
  return { updateAuthority, mint, name, symbol, uri, additionalMetadata };
}

type Renderer = (value: Uint8Array) => UiExtension;

const unit = (extension: string): Renderer => () => ({ extension });
const withState =
  (extension: string, state: (value: Uint8Array) => Record<string, unknown>): Renderer =>
  (value) => ({ extension, state: state(value) });

const RENDERERS: ReadonlyMap<number, Renderer> = new Map<number, Renderer>([
  [1, withState('transferFeeConfig', (v) => ({
    transferFeeConfigAuthority: optionalAddress(v, 0),
    withdrawWithheldAuthority: optionalAddress(v, 32),
    withheldAmount: dataView(v).getBigUint64(64, true),
    olderTransferFee: transferFee(v, 72),
    newerTransferFee: transferFee(v, 90),
  }))],
  [2, withState('transferFeeAmount', (v) => ({ withheldAmount: dataView(v).getBigUint64(0, true) }))],
  [3, withState('mintCloseAuthority', (v) => ({ closeAuthority: optionalAddress(v, 0) }))],
  [6, withState('defaultAccountState', (v) => ({ accountState: ACCOUNT_STATE_NAMES[v[0] ?? 0] }))],
  [7, unit('immutableOwner')],
  [8, withState('memoTransfer', (v) => ({ requireIncomingTransferMemos: v[0] === 1 }))],
  [9, unit('nonTransferable')],
  [10, withState('interestBearingConfig', (v) => ({
    rateAuthority: optionalAddress(v, 0),
    initializationTimestamp: dataView(v).getBigInt64(32, true),
    preUpdateAverageRate: dataView(v).getInt16(40, true),
    lastUpdateTimestamp: dataView(v).getBigInt64(42, true),
    currentRate: dataView(v).getInt16(50, true),
  }))],
  [11, withState('cpiGuard', (v) => ({ lockCpi: v[0] === 1 }))],
  [12, withState('permanentDelegate', (v) => ({ delegate: optionalAddress(v, 0) }))],
  [13, unit('nonTransferableAccount')],
  [14, withState('transferHook', (v) => ({ authority: optionalAddress(v, 0), programId: optionalAddress(v, 32) }))],
  [15, withState('transferHookAccount', (v) => ({ transferring: v[0] === 1 }))],
  [18, withState('metadataPointer', (v) => ({ authority: optionalAddress(v, 0), metadataAddress: optionalAddress(v, 32) }))],
  [19, withState('tokenMetadata', tokenMetadata)],
  [20, withState('groupPointer', (v) => ({ authority: optionalAddress(v, 0), groupAddress: optionalAddress(v, 32) }))],
  [22, withState('groupMemberPointer', (v) => ({ authority: optionalAddress(v, 0), memberAddress: optionalAddress(v, 32) }))],
]);

/** Confidential-transfer and token-group states are not decoded here; agave would; our worlds never create them. */
export function renderExtension(raw: RawExtension): UiExtension {
  const render = RENDERERS.get(raw.type);
  if (render === undefined) return { extension: 'unparseableExtension' };
  try {
    return render(raw.value);
  } catch {
    // Truncated or malformed value: agave falls back to this variant as well.
    return { extension: 'unparseableExtension' };
  }
}
