import { sha256 } from '@noble/hashes/sha2.js';
import { hash160 } from './hashes.js';

const compareBytes = (a: Uint8Array, b: Uint8Array): number => Buffer.compare(a, b);

/** scriptPubKey templates (Bitcoin script bytes): one place for descriptors and address payloads alike. */
const OP_0 = 0x00;
const OP_1 = 0x51;
const OP_DUP = 0x76;
const OP_HASH160 = 0xa9;
const OP_EQUAL = 0x87;
const OP_EQUALVERIFY = 0x88;
const OP_CHECKSIG = 0xac;
const OP_CHECKMULTISIG = 0xae;

/** Concatenates opcodes and byte strings (sized once: this runs for every address a scan asks about). */
function cat(...parts: (number | Uint8Array)[]): Uint8Array {
  let length = 0;
  for (const p of parts) length += typeof p === 'number' ? 1 : p.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const p of parts) {
    if (typeof p === 'number') out[at++] = p;
    else {
      out.set(p, at);
      at += p.length;
    }
  }
  return out;
}

/** Minimal push of up to 75 bytes (every key, hash and program here). */
const push = (data: Uint8Array): Uint8Array => cat(data.length, data);

/** Minimal encoding of a small number (multisig k and n, up to 20). */
export const pushNumber = (n: number): Uint8Array => (n === 0 ? cat(OP_0) : n <= 16 ? cat(OP_1 - 1 + n) : cat(1, n));

export const p2pk = (publicKey: Uint8Array): Uint8Array => cat(push(publicKey), OP_CHECKSIG);
export const p2pkh = (publicKey: Uint8Array): Uint8Array => p2pkhFromHash(hash160(publicKey));
export const p2pkhFromHash = (h: Uint8Array): Uint8Array => cat(OP_DUP, OP_HASH160, push(h), OP_EQUALVERIFY, OP_CHECKSIG);
export const p2wpkh = (publicKey: Uint8Array): Uint8Array => witnessProgram(0, hash160(publicKey));
export const p2sh = (redeemScript: Uint8Array): Uint8Array => p2shFromHash(hash160(redeemScript));
export const p2shFromHash = (h: Uint8Array): Uint8Array => cat(OP_HASH160, push(h), OP_EQUAL);
export const p2wsh = (witnessScript: Uint8Array): Uint8Array => witnessProgram(0, sha256(witnessScript));
export const p2tr = (outputKey: Uint8Array): Uint8Array => witnessProgram(1, outputKey);

export const witnessProgram = (version: number, program: Uint8Array): Uint8Array =>
  cat(version === 0 ? OP_0 : OP_1 - 1 + version, push(program));

/** multi / sortedmulti (BIP-383): OP_k <keys> OP_n OP_CHECKMULTISIG. */
export function multisig(threshold: number, keys: readonly Uint8Array[], sorted: boolean): Uint8Array {
  const ordered = sorted ? [...keys].sort(compareBytes) : keys;
  return cat(pushNumber(threshold), ...ordered.map(push), pushNumber(keys.length), OP_CHECKMULTISIG);
}
