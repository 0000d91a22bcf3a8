// AssemblyScript for HASH160 = RIPEMD-160(SHA-256(m)) of a short message (a 33-byte key, a 22-byte P2WPKH script):
// one SHA-256 block and one RIPEMD-160 block, both unrolled (appended to kernel.as.ts by generate-as.mjs).

import { rootFractions } from './sha2-constants.mjs';
const hex = (x) => `0x${x.toString(16).padStart(8, '0')}`;
// SHA-256's round constants and initial value (FIPS 180-4 §4.2.2, §5.3.3).
const K256 = rootFractions(64, 3, 32);
const IV256 = rootFractions(8, 2, 32);

// RIPEMD-160 (Dobbertin, Bosselaers, Preneel): message word order and rotations of the left and right lines.
const ZL = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 7, 4, 13, 1, 10, 6, 15, 3, 12, 0, 9, 5, 2, 14, 11, 8,
  3, 10, 14, 4, 9, 15, 8, 1, 2, 7, 0, 6, 13, 11, 5, 12, 1, 9, 11, 10, 0, 8, 12, 4, 13, 3, 7, 15, 14, 5, 6, 2,
  4, 0, 5, 9, 7, 12, 2, 10, 14, 1, 3, 8, 11, 6, 15, 13];
const ZR = [5, 14, 7, 0, 9, 2, 11, 4, 13, 6, 15, 8, 1, 10, 3, 12, 6, 11, 3, 7, 0, 13, 5, 10, 14, 15, 8, 12, 4, 9, 1, 2,
  15, 5, 1, 3, 7, 14, 6, 9, 11, 8, 12, 2, 10, 0, 4, 13, 8, 6, 4, 1, 3, 11, 15, 0, 5, 12, 2, 13, 9, 7, 10, 14,
  12, 15, 10, 4, 1, 5, 8, 7, 6, 2, 13, 14, 0, 3, 9, 11];
const SL = [11, 14, 15, 12, 5, 8, 7, 9, 11, 13, 14, 15, 6, 7, 9, 8, 7, 6, 8, 13, 11, 9, 7, 15, 7, 12, 15, 9, 11, 7, 13, 12,
  11, 13, 6, 7, 14, 9, 13, 15, 14, 8, 13, 6, 5, 12, 7, 5, 11, 12, 14, 15, 14, 15, 9, 8, 9, 14, 5, 6, 8, 6, 5, 12,
  9, 15, 5, 11, 6, 8, 13, 12, 5, 12, 13, 14, 11, 8, 5, 6];
const SR = [8, 9, 9, 11, 13, 15, 15, 5, 7, 7, 8, 11, 14, 14, 12, 6, 9, 13, 15, 7, 12, 8, 9, 11, 7, 7, 12, 7, 6, 15, 13, 11,
  9, 7, 15, 11, 8, 6, 6, 14, 12, 13, 5, 14, 13, 13, 7, 5, 15, 5, 8, 11, 14, 14, 6, 14, 6, 9, 12, 9, 12, 5, 15, 8,
  8, 5, 12, 9, 12, 5, 14, 6, 8, 13, 6, 5, 15, 13, 11, 11];
const KL = [0x00000000, 0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xa953fd4e];
const KR = [0x50a28be6, 0x5c4dd124, 0x6d703ef3, 0x7a6d76e9, 0x00000000];
const RIPEMD_IV = [0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0];

/** RIPEMD-160's boolean function of step j. */
const f = (j, x, y, z) =>
  j < 16 ? `(${x} ^ ${y} ^ ${z})`
  : j < 32 ? `((${x} & ${y}) | (~${x} & ${z}))`
  : j < 48 ? `((${x} | ~${y}) ^ ${z})`
  : j < 64 ? `((${x} & ${z}) | (${y} & ~${z}))`
  : `(${x} ^ (${y} | ~${z}))`;

const steps = [...Array(80).keys()];
const rotr = (x, n) => `rotr<u32>(${x}, ${n})`;

function sha256Rounds() {
  const out = [];
  for (let i = 16; i < 64; i++)
    out.push(`const w${i}: u32 = (${rotr(`w${i - 2}`, 17)} ^ ${rotr(`w${i - 2}`, 19)} ^ (w${i - 2} >>> 10)) + w${i - 7} + (${rotr(`w${i - 15}`, 7)} ^ ${rotr(`w${i - 15}`, 18)} ^ (w${i - 15} >>> 3)) + w${i - 16};`);
  out.push(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((v, i) => `let ${v}: u32 = ${hex(IV256[i])};`).join(' '));
  for (let i = 0; i < 64; i++)
    out.push(`{ const t1 = h + (${rotr('e', 6)} ^ ${rotr('e', 11)} ^ ${rotr('e', 25)}) + ((e & f) ^ (~e & g)) + ${hex(K256[i])} + w${i}; ` +
      `const t2 = (${rotr('a', 2)} ^ ${rotr('a', 13)} ^ ${rotr('a', 22)}) + ((a & b) ^ (a & c) ^ (b & c)); h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2; }`);
  return out.join('\n  ');
}

function ripemdSteps() {
  const out = [];
  out.push(`let al: u32 = ${hex(RIPEMD_IV[0])}, bl: u32 = ${hex(RIPEMD_IV[1])}, cl: u32 = ${hex(RIPEMD_IV[2])}, dl: u32 = ${hex(RIPEMD_IV[3])}, el: u32 = ${hex(RIPEMD_IV[4])};`);
  out.push('let ar = al, br = bl, cr = cl, dr = dl, er = el;');
  for (const j of steps) {
    out.push(`{ const t = rotl<u32>(al + ${f(j, 'bl', 'cl', 'dl')} + x${ZL[j]} + ${hex(KL[j >> 4])}, ${SL[j]}) + el; al = el; el = dl; dl = rotl<u32>(cl, 10); cl = bl; bl = t; }`);
    out.push(`{ const t = rotl<u32>(ar + ${f(79 - j, 'br', 'cr', 'dr')} + x${ZR[j]} + ${hex(KR[j >> 4])}, ${SR[j]}) + er; ar = er; er = dr; dr = rotl<u32>(cr, 10); cr = br; br = t; }`);
  }
  return out.join('\n  ');
}

export const hash160Source = () => `
// ---- HASH160 of a short message (scripts/wasm-kernel/hash160.mjs) ----
/** out[0…20] = RIPEMD-160(SHA-256(the len ≤ 55 bytes at input)); block: 64 free bytes. */
export function hash160(input: usize, len: i32, out: usize, block: usize): void {
  // SHA-256: one block, the message, 0x80, zeros, its bit length (big-endian)
  memory.fill(block, 0, 64);
  memory.copy(block, input, <usize>len);
  store<u8>(block + <usize>len, 0x80);
  store<u64>(block + 56, bswap<u64>(<u64>len * 8));
  ${[...Array(16).keys()].map((i) => `const w${i}: u32 = bswap<u32>(load<u32>(block + ${4 * i}));`).join(' ')}
  ${sha256Rounds()}
  // RIPEMD-160 of the 32-byte digest: its bytes as little-endian words, then 0x80 and the length, 256 bits
  ${['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((v, i) => `const x${i}: u32 = bswap<u32>(${v} + ${hex(IV256[i])});`).join(' ')}
  const x8: u32 = 0x80, x9: u32 = 0, x10: u32 = 0, x11: u32 = 0, x12: u32 = 0, x13: u32 = 0, x14: u32 = 256, x15: u32 = 0;
  ${ripemdSteps()}
  store<u32>(out, ${hex(RIPEMD_IV[1])} + cl + dr);
  store<u32>(out + 4, ${hex(RIPEMD_IV[2])} + dl + er);
  store<u32>(out + 8, ${hex(RIPEMD_IV[3])} + el + ar);
  store<u32>(out + 12, ${hex(RIPEMD_IV[4])} + al + br);
  store<u32>(out + 16, ${hex(RIPEMD_IV[0])} + bl + cr);
}
`;
