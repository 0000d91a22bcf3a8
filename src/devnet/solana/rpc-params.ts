/**
 * Parameter checks for the Solana RPC facade, with agave's error texts (code -32602):
 * "`params` should have at least N argument(s)" (jsonrpc-derive), serde's
 * "Invalid params: invalid type: …, expected …", and agave's "Invalid param: WrongSize" style
 * messages for bad public keys and signatures (`verify_pubkey`, `verify_signature` in rpc/src/rpc.rs).
 */
import { base58 } from '@scure/base';
import type { Address, Signature } from '@solana/kit';
import { INVALID_PARAMS, JsonRpcError } from './json-rpc-http.js';

export type Commitment = 'processed' | 'confirmed' | 'finalized';

/** Deprecated names agave still maps onto the three levels. */
const COMMITMENTS: Readonly<Record<string, Commitment>> = Object.freeze({
  processed: 'processed',
  confirmed: 'confirmed',
  finalized: 'finalized',
  recent: 'processed',
  single: 'confirmed',
  singleGossip: 'confirmed',
  root: 'finalized',
  max: 'finalized',
});

export function invalidParams(message: string): JsonRpcError {
  return new JsonRpcError(INVALID_PARAMS, message);
}

/** serde's description of an unexpected JSON value. */
export function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  if (typeof value === 'boolean') return `boolean \`${value}\``;
  if (typeof value === 'number') return Number.isInteger(value) ? `integer \`${value}\`` : `floating point \`${value}\``;
  if (Array.isArray(value)) return 'sequence';
  return 'map';
}

export function invalidType(value: unknown, expected: string): JsonRpcError {
  return invalidParams(`Invalid params: invalid type: ${describe(value)}, expected ${expected}.`);
}

/** Positional params: at least `required`, at most `max`. */
export function positional(params: unknown, required: number, max: number): readonly unknown[] {
  const list = params === undefined || params === null ? [] : params;
  if (!Array.isArray(list)) throw invalidType(list, `a tuple of size ${max}`);
  if (list.length < required) throw invalidParams(`\`params\` should have at least ${required} argument(s)`);
  if (list.length > max) throw invalidParams(`Invalid params: invalid length ${list.length}, expected fewer elements in array.`);
  return list;
}

export function stringParam(value: unknown): string {
  if (typeof value !== 'string') throw invalidType(value, 'a string');
  return value;
}

export function unsignedParam(value: unknown, expected: 'usize' | 'u64'): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) throw invalidType(value, expected);
  return value;
}

/** An optional config object; absent or null means defaults. */
export function configParam(value: unknown, structName: string): Readonly<Record<string, unknown>> {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidType(value, `struct ${structName}`);
  return value as Record<string, unknown>;
}

export function enumParam<T extends string>(value: unknown, variants: readonly string[]): T {
  if (typeof value !== 'string') throw invalidType(value, 'a string');
  if (!variants.includes(value))
    throw invalidParams(`Invalid params: unknown variant \`${value}\`, expected one of ${variants.map((v) => `\`${v}\``).join(', ')}.`);
  return value as T;
}

export function commitmentParam(value: unknown): Commitment {
  if (value === undefined || value === null) return 'finalized';
  const name = enumParam<string>(value, Object.keys(COMMITMENTS));
  return COMMITMENTS[name] as Commitment;
}

/** solana `Pubkey::from_str`: >44 chars or ≠32 bytes → WrongSize, bad base58 → Invalid. */
export function pubkeyParam(value: unknown): Address {
  const text = stringParam(value);
  if (text.length > 44) throw invalidParams('Invalid param: WrongSize');
  let bytes: Uint8Array;
  try {
    bytes = base58.decode(text);
  } catch {
    throw invalidParams('Invalid param: Invalid');
  }
  if (bytes.length !== 32) throw invalidParams('Invalid param: WrongSize');
  return text as Address;
}

/** solana `Signature::from_str`: >88 chars or ≠64 bytes → WrongSize, bad base58 → Invalid. */
export function signatureParam(value: unknown): Signature {
  const text = stringParam(value);
  if (text.length > 88) throw invalidParams('Invalid param: WrongSize');
  let bytes: Uint8Array;
  try {
    bytes = base58.decode(text);
  } catch {
    throw invalidParams('Invalid param: Invalid');
  }
  if (bytes.length !== 64) throw invalidParams('Invalid param: WrongSize');
  return text as Signature;
}

/** agave `RpcCustomError::MinContextSlotNotReached`. */
export function checkMinContextSlot(config: Readonly<Record<string, unknown>>, slot: bigint): void {
  const min = config.minContextSlot;
  if (min === undefined || min === null) return;
  if (BigInt(unsignedParam(min, 'u64')) > slot)
    throw new JsonRpcError(-32016, 'Minimum context slot has not been reached', { contextSlot: slot });
}
