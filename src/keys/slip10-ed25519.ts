import { ed25519 } from '@noble/curves/ed25519.js';
import { hmac } from '@noble/hashes/hmac.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { formatPath, isHardened, type Path } from '../paths/derivation-path.js';

/** A SLIP-0010 ed25519 node. Holds a private key: for fixtures and --mnemonic-stdin demos only, never logged. */
export interface Slip10Ed25519Node {
  privateKey: Uint8Array;
  chainCode: Uint8Array;
  /** 32-byte ed25519 public key (SLIP-0010 prints it with a leading 00 byte). */
  publicKey: Uint8Array;
}

const MASTER_SECRET = new TextEncoder().encode('ed25519 seed');

/**
 * SLIP-0010 ed25519 derivation: I = HMAC-SHA512(chain code, 00 || key || ser32(i)) for hardened i only
 * (ed25519 has no public, non-hardened derivation).
 */
export function slip10Ed25519(seed: Uint8Array, path: Path): Slip10Ed25519Node {
  let I = hmac(sha512, MASTER_SECRET, seed);
  for (const index of path) {
    if (!isHardened(index)) throw new RangeError(`SLIP-0010 ed25519 derives hardened children only: ${formatPath(path)}`);
    const data = new Uint8Array(37);
    data.set(I.subarray(0, 32), 1);
    new DataView(data.buffer).setUint32(33, index >>> 0);
    I = hmac(sha512, I.subarray(32), data);
  }
  const privateKey = I.slice(0, 32);
  return { privateKey, chainCode: I.slice(32), publicKey: ed25519.getPublicKey(privateKey) };
}
