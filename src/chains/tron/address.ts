import { base58check } from '../bitcoin/address.js';

/** Tron address: base58check(0x41 ‖ the same 20-byte keccak payload as EVM). */
export function encodeTronAddress(payload: Uint8Array): string {
  const bytes = new Uint8Array(21);
  bytes[0] = 0x41;
  bytes.set(payload, 1);
  return base58check.encode(bytes);
}
