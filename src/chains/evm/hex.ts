import { RestoreScanError } from '../../errors.js';
import { toChecksumAddress } from './address.js';

/** Small, strict conversions at the JSON boundary of EVM answers. */

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const QUANTITY = /^0x[0-9a-fA-F]+$/;

export function isEvmAddress(value: string): boolean {
  return ADDRESS.test(value);
}

/** Lower-case form used as map key and in topics; throws on anything that is not 20 bytes of hex. */
export function lowerAddress(value: string): string {
  if (!ADDRESS.test(value)) throw new RangeError(`not an EVM address: ${value}`);
  return value.toLowerCase();
}

/** EIP-55 form for reports (CONTRACT §4). */
export function checksumAddress(value: string): string {
  const lower = lowerAddress(value);
  return toChecksumAddress(Uint8Array.from(Buffer.from(lower.slice(2), 'hex')));
}

/** A JSON-RPC QUANTITY (`0x1a`) as bigint; `what` names it in the error. */
export function quantity(value: unknown, what: string): bigint {
  if (typeof value !== 'string' || !QUANTITY.test(value))
    throw new RestoreScanError('PROTOCOL', `${what}: expected a hex quantity, got ${JSON.stringify(value)?.slice(0, 80)}`);
  return BigInt(value);
}

/** A decimal string of base units (indexer APIs) as bigint. */
export function decimalAmount(value: unknown, what: string): bigint {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return BigInt(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value))
    throw new RestoreScanError('PROTOCOL', `${what}: expected a decimal amount, got ${JSON.stringify(value)?.slice(0, 80)}`);
  return BigInt(value);
}

export const toQuantity = (value: bigint | number): string => `0x${value.toString(16)}`;

/** 32-byte topic of an address: left-padded, lower-case (providers compare topics byte-exactly). */
export function addressTopic(address: string): string {
  return `0x${'0'.repeat(24)}${lowerAddress(address).slice(2)}`;
}

/** The address in the low 20 bytes of a 32-byte topic. */
export function topicAddress(topic: string): string {
  return `0x${topic.slice(-40).toLowerCase()}`;
}
