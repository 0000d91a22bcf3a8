import { InputError } from '../errors.js';
import { decodeExtendedPublicKey } from './extended-key.js';
import { fingerprintOf } from './hash.js';
import { originMismatch, parseKeyOrigin } from './key-origin.js';
import { exportedKey } from './key-set-part.js';
import { assumeAccountPath } from './standard-path.js';
import type { ExportedKey } from './types.js';
import { lineWhere } from './where.js';

const LINE = /^(?:\[([^\]]*)\])?(.*)$/;

/**
 * One line `[73c5da0a/84'/0'/0']zpub…` or `zpub…`. Without an origin the standard account path of the
 * version is assumed (and a note says so); a master key (depth 0) needs no assumption.
 */
export function readExtendedKeyLine(text: string, file: string, line: number): { key: ExportedKey; note?: string } {
  const where = lineWhere(file, line);
  const m = LINE.exec(text)!;
  if (text.startsWith('[') && m[1] === undefined) throw new InputError(where, "key origin '[' is not closed by ']'");
  const origin = m[1] === undefined ? undefined : parseKeyOrigin(m[1], where);
  if (m[2]!.includes('/'))
    throw new InputError(where, "derivation steps after an extended key need an output descriptor, e.g. wpkh([73c5da0a/84'/0'/0']xpub…/0/*)");
  const key = decodeExtendedPublicKey(m[2]!, where);
  const v = key.version;
  let path: number[];
  let masterFingerprint: string | undefined;
  let note: string | undefined;
  if (origin) {
    const mismatch = originMismatch(origin, key);
    if (mismatch) throw new InputError(where, mismatch);
    path = origin.path;
    masterFingerprint = origin.fingerprint;
  } else if (key.depth === 0) {
    path = [];
    masterFingerprint = fingerprintOf(key.publicKey);
  } else {
    const assumed = assumeAccountPath(key);
    if (!assumed.ok)
      throw new InputError(where, `no key origin, and the path cannot be assumed: ${assumed.reason}`, {
        hint: `prefix the key with its origin, e.g. [73c5da0a/84'/0'/0']${v.prefix}…`,
      });
    path = assumed.path;
    note = `${where}: ${assumed.note}`;
  }
  return {
    key: exportedKey({
      curve: 'secp256k1',
      path,
      publicKey: key.publicKey,
      chainCode: key.chainCode,
      masterFingerprint,
      scriptHint: v.generic ? undefined : v.scriptHint,
      testnet: v.testnet,
      pathAssumed: note !== undefined,
      multisig: v.multisig,
      origins: [{ file, where: String(line), kind: 'extended-key' }],
    }),
    ...(note ? { note } : {}),
  };
}
