/**
 * The BIP-32 public child step's HMAC: I = HMAC-SHA512(chainCode, serP(K) ‖ ser32(i)).
 * HMAC is spelled out as two one-shot node:crypto hashes over buffers prepared once per parent
 * (key ⊕ ipad ‖ message, key ⊕ opad ‖ inner digest): no Hmac object per index, and measured ~15%
 * faster than createHmac and ~4× faster than @noble/hashes here (bench/README.md).
 */
import { hash } from 'node:crypto';

/** I for child `index` of the parent: 64 bytes, IL ‖ IR. */
export type ChildTweak = (index: number) => Uint8Array;

const BLOCK = 128; // SHA-512 block size

export function childTweak(publicKey: Uint8Array, chainCode: Uint8Array): ChildTweak {
  if (publicKey.length !== 33) throw new RangeError(`parent public key must be 33 bytes, got ${publicKey.length}`);
  if (chainCode.length !== 32) throw new RangeError(`chain code must be 32 bytes, got ${chainCode.length}`);
  const inner = Buffer.alloc(BLOCK + 37, 0x36);
  const outer = Buffer.alloc(BLOCK + 64, 0x5c);
  for (let i = 0; i < 32; i++) {
    inner[i] = chainCode[i]! ^ 0x36;
    outer[i] = chainCode[i]! ^ 0x5c;
  }
  inner.set(publicKey, BLOCK);
  return (index: number): Uint8Array => {
    inner.writeUInt32BE(index, BLOCK + 33);
    outer.set(hash('sha512', inner, 'buffer'), BLOCK);
    return hash('sha512', outer, 'buffer');
  };
}
