/**
 * RIPEMD-160 of exactly 32 bytes — a SHA-256 digest, the second half of HASH160 — given as the eight
 * big-endian words sha256.ts produces. One compression on int32 locals (see sha256.ts for why).
 */

// Message word order and rotations of the left and right lines, by step.
const ZL = Int32Array.of(
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 7, 4, 13, 1, 10, 6, 15, 3, 12, 0, 9, 5, 2, 14, 11, 8,
  3, 10, 14, 4, 9, 15, 8, 1, 2, 7, 0, 6, 13, 11, 5, 12, 1, 9, 11, 10, 0, 8, 12, 4, 13, 3, 7, 15, 14, 5, 6, 2,
  4, 0, 5, 9, 7, 12, 2, 10, 14, 1, 3, 8, 11, 6, 15, 13,
);
const ZR = Int32Array.of(
  5, 14, 7, 0, 9, 2, 11, 4, 13, 6, 15, 8, 1, 10, 3, 12, 6, 11, 3, 7, 0, 13, 5, 10, 14, 15, 8, 12, 4, 9, 1, 2,
  15, 5, 1, 3, 7, 14, 6, 9, 11, 8, 12, 2, 10, 0, 4, 13, 8, 6, 4, 1, 3, 11, 15, 0, 5, 12, 2, 13, 9, 7, 10, 14,
  12, 15, 10, 4, 1, 5, 8, 7, 6, 2, 13, 14, 0, 3, 9, 11,
);
const SL = Int32Array.of(
  11, 14, 15, 12, 5, 8, 7, 9, 11, 13, 14, 15, 6, 7, 9, 8, 7, 6, 8, 13, 11, 9, 7, 15, 7, 12, 15, 9, 11, 7, 13, 12,
  11, 13, 6, 7, 14, 9, 13, 15, 14, 8, 13, 6, 5, 12, 7, 5, 11, 12, 14, 15, 14, 15, 9, 8, 9, 14, 5, 6, 8, 6, 5, 12,
  9, 15, 5, 11, 6, 8, 13, 12, 5, 12, 13, 14, 11, 8, 5, 6,
);
const SR = Int32Array.of(
  8, 9, 9, 11, 13, 15, 15, 5, 7, 7, 8, 11, 14, 14, 12, 6, 9, 13, 15, 7, 12, 8, 9, 11, 7, 7, 12, 7, 6, 15, 13, 11,
  9, 7, 15, 11, 8, 6, 6, 14, 12, 13, 5, 14, 13, 13, 7, 5, 15, 5, 8, 11, 14, 14, 6, 14, 6, 9, 12, 9, 12, 5, 15, 8,
  8, 5, 12, 9, 12, 5, 14, 6, 8, 13, 6, 5, 15, 13, 11, 11,
);

const X = new Int32Array(16);
const rol = (x: number, n: number): number => (x << n) | (x >>> (32 - n));

/** out[offset…+20] = RIPEMD-160 of the 32 bytes whose big-endian words are `words`. */
export function ripemd160Of32(words: Int32Array, out: Uint8Array, offset: number): void {
  // RIPEMD reads little-endian words; then the padding of a 32-byte message.
  for (let i = 0; i < 8; i++) {
    const w = words[i]!;
    X[i] = ((w >>> 24) & 0xff) | ((w >>> 8) & 0xff00) | ((w << 8) & 0xff0000) | (w << 24);
  }
  X.fill(0, 8);
  X[8] = 0x80;
  X[14] = 256;
  let al = 0x67452301, bl = 0xefcdab89 | 0, cl = 0x98badcfe | 0, dl = 0x10325476, el = 0xc3d2e1f0 | 0;
  let ar = al, br = bl, cr = cl, dr = dl, er = el;
  let t = 0;
  // Five rounds of 16 steps; the boolean function and constant change per round (reversed on the right).
  for (let j = 0; j < 16; j++) {
    t = (rol((al + (bl ^ cl ^ dl) + X[ZL[j]!]!) | 0, SL[j]!) + el) | 0;
    al = el; el = dl; dl = rol(cl, 10); cl = bl; bl = t;
    t = (rol((ar + (br ^ (cr | ~dr)) + X[ZR[j]!]! + 0x50a28be6) | 0, SR[j]!) + er) | 0;
    ar = er; er = dr; dr = rol(cr, 10); cr = br; br = t;
  }
  for (let j = 16; j < 32; j++) {
    t = (rol((al + ((bl & cl) | (~bl & dl)) + X[ZL[j]!]! + 0x5a827999) | 0, SL[j]!) + el) | 0;
    al = el; el = dl; dl = rol(cl, 10); cl = bl; bl = t;
    t = (rol((ar + ((br & dr) | (cr & ~dr)) + X[ZR[j]!]! + 0x5c4dd124) | 0, SR[j]!) + er) | 0;
    ar = er; er = dr; dr = rol(cr, 10); cr = br; br = t;
  }
  for (let j = 32; j < 48; j++) {
    t = (rol((al + ((bl | ~cl) ^ dl) + X[ZL[j]!]! + 0x6ed9eba1) | 0, SL[j]!) + el) | 0;
    al = el; el = dl; dl = rol(cl, 10); cl = bl; bl = t;
    t = (rol((ar + ((br | ~cr) ^ dr) + X[ZR[j]!]! + 0x6d703ef3) | 0, SR[j]!) + er) | 0;
    ar = er; er = dr; dr = rol(cr, 10); cr = br; br = t;
  }
  for (let j = 48; j < 64; j++) {
    t = (rol((al + ((bl & dl) | (cl & ~dl)) + X[ZL[j]!]! + (0x8f1bbcdc | 0)) | 0, SL[j]!) + el) | 0;
    al = el; el = dl; dl = rol(cl, 10); cl = bl; bl = t;
    t = (rol((ar + ((br & cr) | (~br & dr)) + X[ZR[j]!]! + 0x7a6d76e9) | 0, SR[j]!) + er) | 0;
    ar = er; er = dr; dr = rol(cr, 10); cr = br; br = t;
  }
  for (let j = 64; j < 80; j++) {
    t = (rol((al + (bl ^ (cl | ~dl)) + X[ZL[j]!]! + (0xa953fd4e | 0)) | 0, SL[j]!) + el) | 0;
    al = el; el = dl; dl = rol(cl, 10); cl = bl; bl = t;
    t = (rol((ar + (br ^ cr ^ dr) + X[ZR[j]!]!) | 0, SR[j]!) + er) | 0;
    ar = er; er = dr; dr = rol(cr, 10); cr = br; br = t;
  }
  writeLE(out, offset, (0xefcdab89 + cl + dr) | 0);
  writeLE(out, offset + 4, (0x98badcfe + dl + er) | 0);
  writeLE(out, offset + 8, (0x10325476 + el + ar) | 0);
  writeLE(out, offset + 12, (0xc3d2e1f0 + al + br) | 0);
  writeLE(out, offset + 16, (0x67452301 + bl + cr) | 0);
}

function writeLE(out: Uint8Array, offset: number, w: number): void {
  out[offset] = w & 0xff;
  out[offset + 1] = (w >>> 8) & 0xff;
  out[offset + 2] = (w >>> 16) & 0xff;
  out[offset + 3] = w >>> 24;
}
