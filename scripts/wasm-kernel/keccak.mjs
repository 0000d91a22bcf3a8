// AssemblyScript for the EVM/Tron payload (appended to kernel.as.ts by generate-as.mjs): the last 20 bytes of
// Keccak-256 of a 64-byte uncompressed key, one block, the 25 lanes as native 64-bit locals (the JavaScript version,
// src/workers/hash/keccak.generated.ts, splits each lane into two int32 halves).

/** ρ rotation of lane x + 5y (FIPS 202 §3.2.2). */
const ROTATION = [0, 1, 62, 28, 27, 36, 44, 6, 55, 20, 3, 10, 43, 25, 39, 41, 45, 15, 21, 8, 18, 2, 61, 56, 14];

/** The 24 ι round constants from the degree-8 LFSR of FIPS 202 §3.2.5. */
function roundConstants() {
  const out = [];
  let r = 1;
  for (let round = 0; round < 24; round++) {
    let c = 0n;
    for (let j = 0; j < 7; j++) {
      if (r & 1) c ^= 1n << BigInt((1 << j) - 1);
      r = r & 0x80 ? (r << 1) ^ 0x171 : r << 1;
    }
    out.push(c);
  }
  return out;
}

const lanes = [...Array(25).keys()];
const rotl = (v, r) => (r === 0 ? v : `rotl<u64>(${v}, ${r})`);

function round() {
  const out = [];
  // θ
  out.push([0, 1, 2, 3, 4].map((x) => `const c${x} = a${x} ^ a${x + 5} ^ a${x + 10} ^ a${x + 15} ^ a${x + 20};`).join(' '));
  out.push([0, 1, 2, 3, 4].map((x) => `const d${x} = c${(x + 4) % 5} ^ rotl<u64>(c${(x + 1) % 5}, 1);`).join(' '));
  // θ applied, then ρ and π: lane (x, y) moves to (y, 2x + 3y)
  out.push(lanes.map((i) => {
    const x = i % 5;
    const y = Math.floor(i / 5);
    return `const b${y + 5 * ((2 * x + 3 * y) % 5)} = ${rotl(`(a${i} ^ d${x})`, ROTATION[i])};`;
  }).join(' '));
  // χ
  out.push(lanes.map((i) => {
    const x = i % 5;
    const y5 = i - x;
    return `a${i} = b${i} ^ (~b${y5 + ((x + 1) % 5)} & b${y5 + ((x + 2) % 5)});`;
  }).join(' '));
  // ι
  out.push('a0 ^= unchecked(KECCAK_RC[round]);');
  return out.join('\n    ');
}

export const keccakSource = () => `
// ---- Keccak-256 of a 64-byte key, last 20 bytes (scripts/wasm-kernel/keccak.mjs) ----
const KECCAK_RC: StaticArray<u64> = [${roundConstants().map((c) => `0x${c.toString(16)}`).join(', ')}];

/** out[0…20] = the last 20 bytes of Keccak-256 of the 64 bytes at input (one 136-byte block, Keccak padding). */
export function keccakLast20Of64(input: usize, out: usize): void {
  ${lanes.map((i) => `let a${i}: u64 = ${i < 8 ? `load<u64>(input + ${8 * i})` : i === 8 ? '1' : i === 16 ? '0x8000000000000000' : '0'};`).join(' ')}
  for (let round = 0; round < 24; round++) {
    ${round()}
  }
  // The digest is lanes 0–3, little-endian: its last 20 bytes are the top half of lane 1, then lanes 2 and 3.
  store<u32>(out, <u32>(a1 >> 32));
  store<u64>(out + 4, a2);
  store<u64>(out + 12, a3);
}
`;
