/** Program-derived addresses (Solana `find_program_address`): sha256 seeds, bump down from 255 until off-curve. */
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base58 } from '@scure/base';

const PDA_MARKER = new TextEncoder().encode('ProgramDerivedAddress');
const MAX_SEED_BYTES = 32;

/** Solana decompresses with curve25519-dalek, which reduces y mod p like ZIP-215; so does this check. */
function isOnCurve(bytes: Uint8Array): boolean {
  try {
    ed25519.Point.fromBytes(bytes, true);
    return true;
  } catch {
    return false;
  }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** The canonical PDA (highest bump) of `seeds` under `programId`, as base58. */
export function findProgramAddress(seeds: readonly Uint8Array[], programId: string): string {
  if (seeds.some((seed) => seed.length > MAX_SEED_BYTES)) throw new RangeError(`a PDA seed is at most ${MAX_SEED_BYTES} bytes`);
  const program = base58.decode(programId);
  for (let bump = 255; bump >= 0; bump--) {
    const hash = sha256(concat([...seeds, Uint8Array.of(bump), program, PDA_MARKER]));
    if (!isOnCurve(hash)) return base58.encode(hash);
  }
  throw new RangeError(`no program address found for these seeds under ${programId}`);
}
