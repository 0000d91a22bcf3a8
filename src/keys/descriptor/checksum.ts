/**
 * BIP-380 descriptor checksum: a BCH code over the descriptor's characters (8 symbols of the bech32 charset).
 * Port of the reference `descsum_create` / `DescriptorChecksum`.
 */
const INPUT_CHARSET = "0123456789()[],'/*abcdefgh@:$%{}IJKLMNOPQRSTUVWXYZ&+-.;<=>?!^_|~ijklmnopqrstuvwxyzABCDEFGH`#\"\\ ";
const CHECKSUM_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const GENERATOR = [0xf5dee51989n, 0xa9fdca3312n, 0x1bab10e32dn, 0x3706b1677an, 0x644d626ffdn] as const;

function polymod(c: bigint, value: bigint): bigint {
  const top = c >> 35n;
  c = ((c & 0x7ffffffffn) << 5n) ^ value;
  for (let i = 0; i < 5; i++) if ((top >> BigInt(i)) & 1n) c ^= GENERATOR[i]!;
  return c;
}

/** 1-based position of the first character outside the BIP-380 input charset, or 0 when all are valid. */
export function invalidCharPosition(body: string): number {
  for (let i = 0; i < body.length; i++) if (!INPUT_CHARSET.includes(body[i]!)) return i + 1;
  return 0;
}

/** The 8-character checksum of `body` (the descriptor without `#…`); undefined if a character is not allowed. */
export function descriptorChecksum(body: string): string | undefined {
  let c = 1n;
  let cls = 0n;
  let clsCount = 0;
  for (const ch of body) {
    const pos = INPUT_CHARSET.indexOf(ch);
    if (pos === -1) return undefined;
    c = polymod(c, BigInt(pos & 31));
    cls = cls * 3n + BigInt(pos >> 5);
    if (++clsCount === 3) {
      c = polymod(c, cls);
      cls = 0n;
      clsCount = 0;
    }
  }
  if (clsCount > 0) c = polymod(c, cls);
  for (let j = 0; j < 8; j++) c = polymod(c, 0n);
  c ^= 1n;
  let out = '';
  for (let j = 0; j < 8; j++) out += CHECKSUM_CHARSET[Number((c >> (5n * BigInt(7 - j))) & 31n)];
  return out;
}

export const CHECKSUM_LENGTH = 8;
