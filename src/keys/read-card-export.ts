import { InputError } from '../errors.js';
import { formatPath, isHardened, parsePath } from '../paths/derivation-path.js';
import { isEd25519Point, isSecp256k1Point } from './curve-points.js';
import { parseHex } from './hex.js';
import type { JsonObject, JsonValue } from './json-strict.js';
import { emptyPart, exportedKey, type KeySetPart } from './key-set-part.js';
import type { Curve, ExportedKey } from './types.js';
import { jsonPointer, pointerWhere } from './where.js';

/** `format` of CONTRACT §2.1. */
export const CARD_EXPORT_FORMAT = 'restore-scan.keys/1';

const TOP_FIELDS = ['format', 'source', 'keys'];
const SOURCE_FIELDS = ['kind', 'label'];
const KEY_FIELDS = ['curve', 'path', 'publicKey', 'chainCode', 'masterFingerprint'];
const CURVES: readonly Curve[] = ['secp256k1', 'ed25519'];

const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The native card export. Strict: unknown fields are errors (a typo must not silently drop a key).
 * On ed25519 a `chainCode` is checked and then ignored with a note: SLIP-0010 ed25519 has no public
 * derivation, so it can never be used, but a card may well export its whole node.
 */
export function readCardExport(doc: JsonObject, file: string): KeySetPart {
  const at = (...parts: (string | number)[]): string => pointerWhere(file, jsonPointer(parts));
  rejectUnknown(doc, TOP_FIELDS, [], at);
  if (doc.source !== undefined) {
    if (!isObject(doc.source)) throw new InputError(at('source'), 'source must be an object { kind, label }');
    rejectUnknown(doc.source, SOURCE_FIELDS, ['source'], at);
    for (const f of SOURCE_FIELDS)
      if (doc.source[f] !== undefined && typeof doc.source[f] !== 'string') throw new InputError(at('source', f), `${f} must be a string`);
  }
  if (!Array.isArray(doc.keys)) throw new InputError(at('keys'), doc.keys === undefined ? 'missing "keys" array' : '"keys" must be an array');
  if (doc.keys.length === 0) throw new InputError(at('keys'), 'no keys: "keys" is empty');
  const part = emptyPart();
  doc.keys.forEach((entry, i) => {
    const key = readCardKey(entry, i, file, at, part.notes);
    part.keys.push(key);
  });
  return part;
}

function rejectUnknown(o: JsonObject, allowed: readonly string[], base: (string | number)[], at: (...p: (string | number)[]) => string): void {
  for (const k of Object.keys(o))
    if (!allowed.includes(k))
      throw new InputError(at(...base, k), `unknown field ${JSON.stringify(k.slice(0, 40))} (allowed: ${allowed.join(', ')})`);
}

function requireString(o: JsonObject, field: string, base: (string | number)[], at: (...p: (string | number)[]) => string): string {
  const v = o[field];
  if (v === undefined) throw new InputError(at(...base), `missing "${field}"`);
  if (typeof v !== 'string') throw new InputError(at(...base, field), `"${field}" must be a string`);
  return v;
}

function readCardKey(entry: JsonValue, i: number, file: string, at: (...p: (string | number)[]) => string, notes: string[]): ExportedKey {
  const base = ['keys', i];
  if (!isObject(entry)) throw new InputError(at(...base), 'each key must be an object { curve, path, publicKey, … }');
  rejectUnknown(entry, KEY_FIELDS, base, at);
  const curve = requireString(entry, 'curve', base, at);
  if (!(CURVES as readonly string[]).includes(curve))
    throw new InputError(at(...base, 'curve'), `unknown curve ${JSON.stringify(curve.slice(0, 20))} (expected ${CURVES.join(' or ')})`);
  const path = parsePath(requireString(entry, 'path', base, at), at(...base, 'path'));
  const publicKeyHex = requireString(entry, 'publicKey', base, at);
  const chainCodeHex = entry.chainCode === undefined ? undefined : requireString(entry, 'chainCode', base, at);
  const chainCode = chainCodeHex === undefined ? undefined : parseHex(chainCodeHex, at(...base, 'chainCode'), 'chainCode', [32]);
  const fp = entry.masterFingerprint === undefined ? undefined : requireString(entry, 'masterFingerprint', base, at);
  if (fp !== undefined && !/^[0-9a-fA-F]{8}$/.test(fp))
    throw new InputError(at(...base, 'masterFingerprint'), 'masterFingerprint must be 8 hex digits');
  const origins = [{ file, where: jsonPointer(base), kind: 'card' as const }];
  const pkWhere = at(...base, 'publicKey');

  if (curve === 'ed25519') {
    const hardenedOnly = path.findIndex((n) => !isHardened(n));
    if (hardenedOnly !== -1)
      throw new InputError(at(...base, 'path'), `ed25519 path ${formatPath(path)} has a non-hardened step at position ${hardenedOnly + 1}: SLIP-0010 ed25519 derives hardened children only`);
    let publicKey = parseHex(publicKeyHex, pkWhere, 'ed25519 publicKey', [32, 33]);
    if (publicKey.length === 33) {
      if (publicKey[0] !== 0x00) throw new InputError(pkWhere, 'a 33-byte ed25519 publicKey must start with the SLIP-0010 00 byte');
      publicKey = publicKey.slice(1);
    }
    if (!isEd25519Point(publicKey)) throw new InputError(pkWhere, 'publicKey is not a valid ed25519 point');
    if (chainCode) notes.push(`${pointerWhere(file, jsonPointer([...base, 'chainCode']))}: ed25519 chainCode ignored (SLIP-0010 ed25519 has no public derivation)`);
    return exportedKey({ curve: 'ed25519', path, publicKey, masterFingerprint: fp?.toLowerCase(), origins });
  }

  const publicKey = parseHex(publicKeyHex, pkWhere, 'secp256k1 publicKey');
  if (publicKey.length === 65)
    throw new InputError(pkWhere, 'uncompressed (65-byte) secp256k1 publicKey: export the 33-byte compressed form (02/03 prefix)');
  if (publicKey.length !== 33)
    throw new InputError(pkWhere, `secp256k1 publicKey must be 33 bytes (66 hex digits, compressed), got ${publicKey.length} bytes`);
  if (publicKey[0] !== 0x02 && publicKey[0] !== 0x03)
    throw new InputError(pkWhere, 'a compressed secp256k1 publicKey starts with 02 or 03');
  if (!isSecp256k1Point(publicKey)) throw new InputError(pkWhere, 'publicKey is not a point on the secp256k1 curve');
  return exportedKey({ curve: 'secp256k1', path, publicKey, chainCode, masterFingerprint: fp?.toLowerCase(), origins });
}
