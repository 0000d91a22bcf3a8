// CashAddr (Bitcoin Cash), spec: bitcoincashorg spec/cashaddr.md. Only the encoder: we show addresses, never parse them.
const CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATORS = [0x98f2bc8e61n, 0x79b76d99e2n, 0xf33e5fb3c4n, 0xae2eabe2a8n, 0x1e4f43e470n];

function polymod(values: number[]): bigint {
  let c = 1n;
  for (const d of values) {
    const c0 = c >> 35n;
    c = ((c & 0x07ffffffffn) << 5n) ^ BigInt(d);
    for (let i = 0; i < 5; i++) if ((c0 >> BigInt(i)) & 1n) c ^= GENERATORS[i]!;
  }
  return c ^ 1n;
}

function toBase32(data: Uint8Array): number[] {
  const out: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const b of data) {
    acc = (acc << 8) | b;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out.push((acc >> bits) & 31);
    }
  }
  if (bits > 0) out.push((acc << (5 - bits)) & 31);
  return out;
}

/** Encodes a 20-byte hash; `type` 0 = P2PKH, 1 = P2SH. */
export function encodeCashAddr(prefix: string, type: 0 | 1, hash: Uint8Array): string {
  if (hash.length !== 20) throw new RangeError('cashaddr: only 160-bit hashes are supported');
  const payload = toBase32(Uint8Array.from([type << 3, ...hash]));
  const prefixData = [...prefix].map((ch) => ch.charCodeAt(0) & 31);
  const mod = polymod([...prefixData, 0, ...payload, 0, 0, 0, 0, 0, 0, 0, 0]);
  const checksum: number[] = [];
  for (let i = 0; i < 8; i++) checksum.push(Number((mod >> BigInt(5 * (7 - i))) & 31n));
  return `${prefix}:${[...payload, ...checksum].map((d) => CHARSET[d]).join('')}`;
}
