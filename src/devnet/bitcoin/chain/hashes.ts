import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';

export { bytesToHex, hexToBytes };

export function dsha256(data: Uint8Array): Uint8Array {
  return sha256(sha256(data));
}

/** Bitcoin shows hashes (txids, block hashes) byte-reversed; this turns internal order into display order and back. */
export function reverseHex(hex: string): string {
  return bytesToHex(hexToBytes(hex).reverse());
}

/** Electrum protocol scripthash: sha256(scriptPubKey), bytes reversed, lower-case hex. */
export function electrumScripthash(scriptPubKeyHex: string): string {
  return bytesToHex(sha256(hexToBytes(scriptPubKeyHex)).reverse());
}

/** Esplora `/scripthash/:hash`: sha256(scriptPubKey) in natural byte order (not reversed, unlike Electrum). */
export function esploraScripthash(scriptPubKeyHex: string): string {
  return bytesToHex(sha256(hexToBytes(scriptPubKeyHex)));
}

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(text)));
}

export const isHex = (value: string, bytes?: number): boolean =>
  /^(?:[0-9a-fA-F]{2})*$/.test(value) && (bytes === undefined || value.length === bytes * 2);
