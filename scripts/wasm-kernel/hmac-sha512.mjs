// AssemblyScript for the BIP-32 child step's HMAC-SHA512 (appended to kernel.as.ts by generate-as.mjs).
// HMAC(chainCode, serP(K) ‖ ser32(i)) costs two SHA-512 compressions per index once the key's two pad blocks are
// compressed (the midstates, once per parent); node:crypto hashes all four blocks and crosses into C++ twice.

import { rootFractions } from './sha2-constants.mjs';
// SHA-512's round constants and initial value (FIPS 180-4 §4.2.3, §5.3.5).
const K = rootFractions(80, 3, 64);
const IV = rootFractions(8, 2, 64);
const hex = (x) => `0x${x.toString(16).padStart(16, '0')}`;

const vars = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];

export const hmacSha512Source = () => `
// ---- HMAC-SHA512 of the BIP-32 public child step (scripts/wasm-kernel/hmac-sha512.mjs) ----
const K512: StaticArray<u64> = [${K.map(hex).join(', ')}];

/** Big-endian 64-bit word at p. */
@inline function loadBE(p: usize): u64 { return bswap<u64>(load<u64>(p)); }

/** One SHA-512 compression of the 128-byte block at \`block\` into the 8-word state at \`state\`; w: 640 free bytes. */
function sha512Compress(state: usize, block: usize, w: usize): void {
  for (let i = 0; i < 16; i++) store<u64>(w + (<usize>i << 3), loadBE(block + (<usize>i << 3)));
  for (let i = 16; i < 80; i++) {
    const w15 = load<u64>(w + (<usize>(i - 15) << 3));
    const w2 = load<u64>(w + (<usize>(i - 2) << 3));
    const s0 = rotr<u64>(w15, 1) ^ rotr<u64>(w15, 8) ^ (w15 >> 7);
    const s1 = rotr<u64>(w2, 19) ^ rotr<u64>(w2, 61) ^ (w2 >> 6);
    store<u64>(w + (<usize>i << 3), load<u64>(w + (<usize>(i - 16) << 3)) + s0 + load<u64>(w + (<usize>(i - 7) << 3)) + s1);
  }
  ${vars.map((v, i) => `let ${v}: u64 = load<u64>(state + ${8 * i});`).join(' ')}
  for (let i = 0; i < 80; i++) {
    const t1 = h + (rotr<u64>(e, 14) ^ rotr<u64>(e, 18) ^ rotr<u64>(e, 41)) + ((e & f) ^ (~e & g)) + unchecked(K512[i]) + load<u64>(w + (<usize>i << 3));
    const t2 = (rotr<u64>(a, 28) ^ rotr<u64>(a, 34) ^ rotr<u64>(a, 39)) + ((a & b) ^ (a & c) ^ (b & c));
    h = g; g = f; f = e; e = d + t1; d = c; c = b; b = a; a = t1 + t2;
  }
  ${vars.map((v, i) => `store<u64>(state + ${8 * i}, load<u64>(state + ${8 * i}) + ${v});`).join(' ')}
}

/** The state after one 128-byte block: the chain code (32 bytes at key) XOR pad, then pad bytes. */
function padMidstate(state: usize, key: usize, pad: u8, block: usize, w: usize): void {
  ${IV.map((x, i) => `store<u64>(state + ${8 * i}, ${hex(x)});`).join(' ')}
  for (let i = 0; i < 128; i++) store<u8>(block + <usize>i, (i < 32 ? load<u8>(key + <usize>i) : 0) ^ pad);
  sha512Compress(state, block, w);
}

/** The inner and outer midstates of HMAC-SHA512 keyed by the 32-byte chain code at key (64 bytes each, at mids). */
export function hmacMidstates(key: usize, mids: usize, block: usize, w: usize): void {
  padMidstate(mids, key, 0x36, block, w);
  padMidstate(mids + 64, key, 0x5c, block, w);
}

/**
 * IL (the first 32 bytes of I = HMAC-SHA512(chainCode, serP(K) ‖ ser32(i))) for i = from … from + count − 1, into
 * out + 32·k. mids: hmacMidstates of the chain code; pub: the 33-byte compressed parent key; scratch: 1,088 free bytes.
 */
export function childScalars(mids: usize, pub: usize, from: u32, count: i32, out: usize, scratch: usize): void {
  const inner = scratch, outer = scratch + 128, state = scratch + 256, w = scratch + 320;
  // Inner block: serP(K) ‖ ser32(i) ‖ 0x80 ‖ 0… ‖ bit length (128 + 37 bytes); outer: inner digest ‖ 0x80 ‖ 0… ‖ (128 + 64 bytes).
  memory.fill(inner, 0, 256);
  memory.copy(inner, pub, 33);
  store<u8>(inner + 37, 0x80);
  store<u64>(inner + 120, bswap<u64>((128 + 37) * 8));
  store<u8>(outer + 64, 0x80);
  store<u64>(outer + 120, bswap<u64>((128 + 64) * 8));
  for (let k = 0; k < count; k++) {
    store<u32>(inner + 33, bswap<u32>(from + <u32>k));
    memory.copy(state, mids, 64);
    sha512Compress(state, inner, w);
    for (let j = 0; j < 8; j++) store<u64>(outer + (<usize>j << 3), bswap<u64>(load<u64>(state + (<usize>j << 3))));
    memory.copy(state, mids + 64, 64);
    sha512Compress(state, outer, w);
    for (let j = 0; j < 4; j++) store<u64>(out + (<usize>k << 5) + (<usize>j << 3), bswap<u64>(load<u64>(state + (<usize>j << 3))));
  }
}
`;
