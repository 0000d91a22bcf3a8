import { InputError } from '../errors.js';

const HEX = /^[0-9a-fA-F]*$/;

/**
 * Strict hex to bytes: even length, hex digits only (no `0x`), optionally one of `byteLengths`.
 * Messages name the field, never echo the value.
 */
export function parseHex(text: string, where: string, what: string, byteLengths?: readonly number[]): Uint8Array {
  if (text === '') throw new InputError(where, `${what} is empty`);
  if (!HEX.test(text)) {
    const bad = [...text].findIndex((c) => !/[0-9a-fA-F]/.test(c));
    throw new InputError(where, `${what} is not hex: character ${bad + 1} is not a hex digit (0-9, a-f)`);
  }
  if (text.length % 2 !== 0) throw new InputError(where, `${what} has an odd number of hex digits (${text.length})`);
  const bytes = new Uint8Array(text.length / 2);
  for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(text.slice(2 * i, 2 * i + 2), 16);
  if (byteLengths && !byteLengths.includes(bytes.length)) {
    const want = byteLengths.map((n) => `${n} bytes (${2 * n} hex digits)`).join(' or ');
    throw new InputError(where, `${what} must be ${want}, got ${bytes.length} bytes`);
  }
  return bytes;
}

export const toHex = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Lexicographic byte order (sortedmulti, BIP-383). */
export function compareBytes(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
