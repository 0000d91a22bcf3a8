import { InputError } from '../errors.js';
import { formatPath, parsePath } from '../paths/derivation-path.js';
import type { DecodedExtendedKey } from './extended-key.js';
import { fingerprintOf } from './hash.js';

/** A BIP-380 key origin `[73c5da0a/84'/0'/0']`: master fingerprint and the path from it. */
export interface KeyOriginInfo {
  /** 8 lowercase hex. */
  fingerprint: string;
  path: number[];
}

const FINGERPRINT = /^[0-9a-fA-F]{8}$/;

/** Parses the text between the brackets of a key origin (`73c5da0a/84'/0'/0'` or `73c5da0a/84h/0h/0h`). */
export function parseKeyOrigin(inner: string, where: string): KeyOriginInfo {
  const slash = inner.indexOf('/');
  const fingerprint = slash === -1 ? inner : inner.slice(0, slash);
  if (!FINGERPRINT.test(fingerprint))
    throw new InputError(where, `key origin must start with an 8-hex-digit master fingerprint, got ${fingerprint.length} characters${fingerprint.length === 8 ? ' that are not all hex' : ''}`);
  if (slash !== -1 && inner.slice(slash + 1) === '') throw new InputError(where, 'key origin ends with "/" but has no path step');
  const path = slash === -1 ? [] : parsePath(inner.slice(slash + 1), where);
  return { fingerprint: fingerprint.toLowerCase(), path };
}

export const formatKeyOrigin = (o: KeyOriginInfo): string => `[${o.fingerprint}${formatPath(o.path).slice(1)}]`;

/**
 * How a key origin disagrees with the extended key it labels, or undefined when consistent: BIP-32 depth is
 * the path length, the child number is the last step, a depth-1 key's parent is the master, and a depth-0 key
 * is the master itself.
 */
export function originMismatch(origin: KeyOriginInfo, key: DecodedExtendedKey): string | undefined {
  const shown = formatPath(origin.path);
  if (origin.path.length !== key.depth)
    return `key depth ${key.depth} does not match the origin path ${shown} (${origin.path.length} step${origin.path.length === 1 ? '' : 's'})`;
  if (key.depth === 0) {
    const own = fingerprintOf(key.publicKey);
    return own === origin.fingerprint ? undefined : `origin fingerprint ${origin.fingerprint} is not this master key's fingerprint ${own}`;
  }
  const last = origin.path[origin.path.length - 1]!;
  if (last !== key.childNumber)
    return `the origin path ${shown} ends in ${formatPath([last]).slice(2)} but the key's child number is ${formatPath([key.childNumber]).slice(2)}`;
  if (key.depth === 1 && key.parentFingerprint !== origin.fingerprint)
    return `origin fingerprint ${origin.fingerprint} is not the parent fingerprint ${key.parentFingerprint} of this depth-1 key`;
  return undefined;
}
