import { InputError, type ErrorCode } from '../errors.js';
import { decodeBase58Check, encodeBase58Check } from './base58check.js';
import { isSecp256k1Point, SECP256K1_N } from './curve-points.js';
import { toHex } from './hex.js';
import { u32Hex } from './hash.js';
import {
  type ExtendedKeyVersion,
  versionByPrivateBytes,
  versionByPublicBytes,
  versionHex,
} from './slip132-versions.js';

/** A BIP-32 extended public key, decoded and checked. */
export interface DecodedExtendedKey {
  version: ExtendedKeyVersion;
  depth: number;
  /** Parent key fingerprint (8 hex). */
  parentFingerprint: string;
  /** Child number of this key (hardened ones ≥ 2^31). */
  childNumber: number;
  chainCode: Uint8Array;
  /** 33-byte compressed secp256k1 point. */
  publicKey: Uint8Array;
}

export type ExtendedKeyProblem = { code: ErrorCode; problem: string };
export type ExtendedKeyInspection = { ok: true; key: DecodedExtendedKey } | ({ ok: false } & ExtendedKeyProblem);

const PAYLOAD_LENGTH = 78;

const fail = (problem: string, code: ErrorCode = 'BAD_INPUT'): ExtendedKeyInspection => ({ ok: false, code, problem });

const privateRefusal = (v: ExtendedKeyVersion): string =>
  `private extended key (${v.privatePrefix}, ${v.coin}) refused: only public keys are accepted, export the ${v.prefix} instead`;

/**
 * Decodes and checks a serialized extended key (BIP-32 "Serialization format" plus its test vector 5 rules),
 * returning a specific problem instead of throwing. Problems never quote the key: it may be private.
 */
export function inspectExtendedKey(text: string): ExtendedKeyInspection {
  const decoded = decodeBase58Check(text);
  if (!decoded.ok && decoded.reason === 'alphabet')
    return fail(`not an extended key: character ${decoded.position} is not a base58 character`);
  if (!decoded.ok && decoded.reason === 'too-short') return fail('not an extended key: far too short');
  const { payload } = decoded;
  if (payload.length !== PAYLOAD_LENGTH)
    return fail(
      `wrong length: decodes to ${payload.length} bytes, an extended key is ${PAYLOAD_LENGTH} bytes plus a 4-byte checksum` +
        (decoded.ok ? '' : ' (and its checksum does not match)'),
    );
  const view = new DataView(payload.buffer, payload.byteOffset, payload.byteLength);
  const version = view.getUint32(0);
  const privateVersion = versionByPrivateBytes(version);
  const publicVersion = versionByPublicBytes(version);
  if (!decoded.ok) {
    if (privateVersion)
      return fail(`invalid base58check checksum, and it is a private extended key (${privateVersion.privatePrefix}): refused`, 'PRIVATE_MATERIAL');
    return fail('invalid base58check checksum: a character is mistyped, missing or swapped');
  }

  const depth = payload[4]!;
  const parentFingerprint = view.getUint32(5);
  const childNumber = view.getUint32(9);
  const chainCode = payload.slice(13, 45);
  const keyData = payload.slice(45, 78);
  const prefixByte = keyData[0]!;
  const masterRule =
    depth === 0 && parentFingerprint !== 0
      ? `zero depth (master key) with non-zero parent fingerprint ${u32Hex(parentFingerprint)}`
      : depth === 0 && childNumber !== 0
        ? `zero depth (master key) with non-zero child number ${childNumber}`
        : undefined;

  if (privateVersion) {
    const base = privateRefusal(privateVersion);
    if (prefixByte === 0x02 || prefixByte === 0x03)
      return fail(`${base}; it is also malformed: private-key version bytes but the key data is a public key (version/key mismatch)`, 'PRIVATE_MATERIAL');
    if (prefixByte !== 0x00)
      return fail(`${base}; it is also malformed: invalid private key prefix ${hexByte(prefixByte)} (must be 00)`, 'PRIVATE_MATERIAL');
    if (masterRule) return fail(`${base}; it is also malformed: ${masterRule}`, 'PRIVATE_MATERIAL');
    const scalar = BigInt('0x' + toHex(keyData.subarray(1)));
    if (scalar === 0n) return fail(`${base}; it is also malformed: private key 0 is not in 1..n-1`, 'PRIVATE_MATERIAL');
    if (scalar >= SECP256K1_N) return fail(`${base}; it is also malformed: private key ≥ n is not in 1..n-1`, 'PRIVATE_MATERIAL');
    return fail(base, 'PRIVATE_MATERIAL');
  }
  if (!publicVersion) {
    if (prefixByte === 0x00)
      return fail(`unknown extended key version bytes ${versionHex(version)}, and its key data looks like a private key: refused`, 'PRIVATE_MATERIAL');
    return fail(`unknown extended key version bytes ${versionHex(version)} (not a registered SLIP-0132 public version)`);
  }
  if (prefixByte === 0x00)
    return fail(
      `public version bytes (${publicVersion.prefix}) but the key data is a private key (version/key mismatch): private material is refused`,
      'PRIVATE_MATERIAL',
    );
  if (prefixByte !== 0x02 && prefixByte !== 0x03)
    return fail(`invalid public key prefix ${hexByte(prefixByte)} (a compressed public key starts with 02 or 03)`);
  if (masterRule) return fail(masterRule);
  if (!isSecp256k1Point(keyData)) return fail('invalid public key: not a point on the secp256k1 curve');
  return {
    ok: true,
    key: { version: publicVersion, depth, parentFingerprint: u32Hex(parentFingerprint), childNumber, chainCode, publicKey: keyData },
  };
}

const hexByte = (b: number): string => b.toString(16).padStart(2, '0');

/** Decodes an extended public key or throws an InputError naming `where` (never quoting the key). */
export function decodeExtendedPublicKey(text: string, where: string): DecodedExtendedKey {
  const result = inspectExtendedKey(text);
  if (!result.ok) throw new InputError(where, result.problem, { code: result.code });
  return result.key;
}

/** Serializes an extended public key with the given version bytes (tests; SLIP-0132 conversions). */
export function encodeExtendedPublicKey(key: Omit<DecodedExtendedKey, 'version'>, version: number): string {
  const payload = new Uint8Array(PAYLOAD_LENGTH);
  const view = new DataView(payload.buffer);
  view.setUint32(0, version >>> 0);
  payload[4] = key.depth;
  view.setUint32(5, parseInt(key.parentFingerprint, 16) >>> 0);
  view.setUint32(9, key.childNumber >>> 0);
  payload.set(key.chainCode, 13);
  payload.set(key.publicKey, 45);
  return encodeBase58Check(payload);
}
