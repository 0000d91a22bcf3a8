/**
 * Key pairs derived from a seed and a label (`sha256("<seed>/<label>")` as the Ed25519 secret), so a
 * world built twice from the same script has the same mints, trees and signatures — the demo prints
 * stable addresses. These are throw-away local-network keys, never real wallets.
 */
import { createKeyPairSignerFromPrivateKeyBytes, type KeyPairSigner } from '@solana/kit';
import { sha256 } from '@noble/hashes/sha2.js';

export class DeterministicSigners {
  readonly #seed: string;
  readonly #cache = new Map<string, Promise<KeyPairSigner>>();
  readonly #counters = new Map<string, number>();

  constructor(seed: string) {
    this.#seed = seed;
  }

  /** The same label always gives the same signer. */
  signer(label: string): Promise<KeyPairSigner> {
    let signer = this.#cache.get(label);
    if (signer === undefined) {
      signer = createKeyPairSignerFromPrivateKeyBytes(sha256(new TextEncoder().encode(`${this.#seed}/${label}`)));
      this.#cache.set(label, signer);
    }
    return signer;
  }

  /** A fresh signer per call: `<prefix>/0`, `<prefix>/1`, … */
  next(prefix: string): Promise<KeyPairSigner> {
    const index = this.#counters.get(prefix) ?? 0;
    this.#counters.set(prefix, index + 1);
    return this.signer(`${prefix}/${index}`);
  }
}
