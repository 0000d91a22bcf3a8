import { base58 } from '@scure/base';
import { bytesEqual } from './hex.js';
import { sha256d } from './hash.js';

export const BASE58_CHARS = /^[1-9A-HJ-NP-Za-km-z]+$/;

/**
 * Decodes base58check without throwing, so callers can tell "not base58" from "bad checksum" and still look
 * at the unchecked payload (a mistyped xprv is still a private key).
 */
export type Base58CheckResult =
  | { ok: true; payload: Uint8Array }
  | { ok: false; reason: 'alphabet'; position: number }
  | { ok: false; reason: 'too-short'; length: number }
  | { ok: false; reason: 'checksum'; payload: Uint8Array };

export function decodeBase58Check(text: string): Base58CheckResult {
  if (!BASE58_CHARS.test(text)) {
    const position = [...text].findIndex((c) => !BASE58_CHARS.test(c)) + 1;
    return { ok: false, reason: 'alphabet', position };
  }
  const raw = base58.decode(text);
  if (raw.length < 5) return { ok: false, reason: 'too-short', length: raw.length };
  const payload = raw.subarray(0, raw.length - 4);
  const checksum = raw.subarray(raw.length - 4);
  if (!bytesEqual(sha256d(payload).subarray(0, 4), checksum)) return { ok: false, reason: 'checksum', payload };
  return { ok: true, payload };
}

export function encodeBase58Check(payload: Uint8Array): string {
  const out = new Uint8Array(payload.length + 4);
  out.set(payload);
  out.set(sha256d(payload).subarray(0, 4), payload.length);
  return base58.encode(out);
}
