import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** EVM address payload: the last 20 bytes of keccak256 of the 64-byte uncompressed key (no 0x04 prefix). */
export function evmPayload(uncompressed64: Uint8Array): Uint8Array {
  if (uncompressed64.length !== 64) throw new RangeError('evmPayload: expected 64 bytes (x ‖ y)');
  return keccak_256(uncompressed64).subarray(12);
}

/** EIP-55 checksummed address. Internally addresses stay lowercase; checksum only for display and reports. */
export function toChecksumAddress(payload: Uint8Array): string {
  const lower = bytesToHex(payload);
  const hash = keccak_256(new TextEncoder().encode(lower));
  let out = '0x';
  for (let i = 0; i < 40; i++) {
    const nibble = (hash[i >> 1]! >> (i % 2 === 0 ? 4 : 0)) & 0xf;
    const ch = lower[i]!;
    out += nibble >= 8 ? ch.toUpperCase() : ch;
  }
  return out;
}

export const toLowerAddress = (payload: Uint8Array): string => `0x${bytesToHex(payload)}`;
