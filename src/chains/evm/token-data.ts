import { decodeAbiParameters, type Hex } from 'viem';

/** Decoders for token view-call return data that tolerate the non-standard tokens found in the wild. */

const WORD_HEX_CHARS = 2 + 64;

/** A uint256 word; undefined for anything that is not exactly one word. */
export function decodeUintWord(data: Hex | undefined): bigint | undefined {
  if (data === undefined || data.length !== WORD_HEX_CHARS) return undefined;
  return BigInt(data);
}

/** decimals(): a uint8 (some tokens return a full uint256 word); undefined when absurd. */
export function decodeDecimals(data: Hex | undefined): number | undefined {
  const value = decodeUintWord(data);
  return value !== undefined && value <= 255n ? Number(value) : undefined;
}

/** ownerOf(): the address in the low 20 bytes of the word (lower-case). */
export function decodeAddressWord(data: Hex | undefined): string | undefined {
  if (data === undefined || data.length !== WORD_HEX_CHARS || !/^0x0{24}/.test(data)) return undefined;
  return `0x${data.slice(-40).toLowerCase()}`;
}

const PRINTABLE = /^[^\u0000-\u001f\u007f]*$/;

function clean(text: string): string | undefined {
  const trimmed = text.replace(/\u0000+$/g, '').trim();
  return trimmed !== '' && PRINTABLE.test(trimmed) ? trimmed : undefined;
}

/**
 * name() / symbol(): an ABI string, or a bytes32 (MKR, SAI and other early tokens). An ABI string needs at least
 * two words (offset, length), so exactly one word means bytes32. Undecodable or unprintable → undefined.
 */
export function decodeTokenText(data: Hex | undefined): string | undefined {
  if (data === undefined || data === '0x') return undefined;
  if (data.length === WORD_HEX_CHARS) {
    const bytes = Buffer.from(data.slice(2), 'hex');
    const end = bytes.indexOf(0);
    try {
      return clean(new TextDecoder('utf-8', { fatal: true }).decode(end < 0 ? bytes : bytes.subarray(0, end)));
    } catch {
      return undefined;
    }
  }
  try {
    const [text] = decodeAbiParameters([{ type: 'string' }], data);
    return clean(text);
  } catch {
    return undefined;
  }
}
