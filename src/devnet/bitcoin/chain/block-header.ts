import { bytesToHex, dsha256, hexToBytes } from './hashes.js';

/** The fields of an 80-byte block header; hashes in display (reversed) hex. */
export interface BlockHeaderFields {
  readonly version: number;
  readonly prevHash: string;
  readonly merkleRoot: string;
  readonly time: number;
  readonly bits: number;
  readonly nonce: number;
}

/** Regtest's proof-of-work limit: every model block meets it, so a header is never "invalid PoW" to a client. */
export const REGTEST_BITS = 0x207fffff;

export function serializeHeader(h: BlockHeaderFields): Uint8Array {
  const out = new Uint8Array(80);
  const view = new DataView(out.buffer);
  view.setUint32(0, h.version >>> 0, true);
  out.set(hexToBytes(h.prevHash).reverse(), 4);
  out.set(hexToBytes(h.merkleRoot).reverse(), 36);
  view.setUint32(68, h.time, true);
  view.setUint32(72, h.bits, true);
  view.setUint32(76, h.nonce >>> 0, true);
  return out;
}

export function parseHeader(headerHex: string): BlockHeaderFields {
  const bytes = hexToBytes(headerHex);
  if (bytes.length !== 80) throw new RangeError(`a block header has 80 bytes, got ${bytes.length}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, 80);
  return {
    version: view.getInt32(0, true),
    prevHash: bytesToHex(bytes.slice(4, 36).reverse()),
    merkleRoot: bytesToHex(bytes.slice(36, 68).reverse()),
    time: view.getUint32(68, true),
    bits: view.getUint32(72, true),
    nonce: view.getUint32(76, true),
  };
}

/** Block hash in display order. */
export function headerHash(header: Uint8Array): string {
  return bytesToHex(dsha256(header).reverse());
}

/** Grinds the nonce until the hash meets `bits` (two tries on average at the regtest limit). */
export function mineHeader(fields: Omit<BlockHeaderFields, 'nonce'>): { header: Uint8Array; hash: string } {
  const target = targetFromBits(fields.bits);
  for (let nonce = 0; nonce <= 0xffffffff; nonce++) {
    const header = serializeHeader({ ...fields, nonce });
    const hash = headerHash(header);
    if (BigInt(`0x${hash}`) <= target) return { header, hash };
  }
  throw new RangeError(`no nonce meets bits ${fields.bits.toString(16)}`);
}

function targetFromBits(bits: number): bigint {
  const exponent = BigInt(bits >>> 24);
  const mantissa = BigInt(bits & 0x7fffff);
  return exponent <= 3n ? mantissa >> (8n * (3n - exponent)) : mantissa << (8n * (exponent - 3n));
}
