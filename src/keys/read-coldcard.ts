import type { ScriptType } from '../chains/types.js';
import { InputError } from '../errors.js';
import { parsePath } from '../paths/derivation-path.js';
import { keysOf } from './descriptor/ast.js';
import { addressToScript } from './descriptor/address-script.js';
import { parseDescriptor } from './descriptor/parse.js';
import { descriptorScripts } from './descriptor/scripts.js';
import { decodeExtendedPublicKey, type DecodedExtendedKey } from './extended-key.js';
import { fingerprintOf } from './hash.js';
import { bytesEqual, toHex } from './hex.js';
import type { JsonObject, JsonValue } from './json-strict.js';
import { originMismatch } from './key-origin.js';
import { emptyPart, exportedKey, type KeySetPart } from './key-set-part.js';
import type { KeyOrigin, MultisigScript } from './types.js';
import { jsonPointer, pointerWhere } from './where.js';

/**
 * Sections of Coldcard's generic wallet export (docs/generic-wallet-export.md): per section the script it
 * implies and, for single-sig ones, the descriptor function its `first` address is checked with.
 */
const SECTIONS: Readonly<Record<string, { scriptHint?: ScriptType; multisig?: MultisigScript; template?: string }>> = Object.freeze({
  bip44: { scriptHint: 'p2pkh', template: 'pkh(@)' },
  bip49: { scriptHint: 'p2sh-p2wpkh', template: 'sh(wpkh(@))' },
  bip84: { scriptHint: 'p2wpkh', template: 'wpkh(@)' },
  bip86: { scriptHint: 'p2tr', template: 'tr(@)' },
  bip45: { multisig: 'p2sh' },
  bip48_1: { multisig: 'p2sh-p2wsh' },
  bip48_2: { multisig: 'p2wsh' },
});

const SECTION_NAME = /^bip\d+(_\d+)?$/;
const FINGERPRINT = /^[0-9a-fA-F]{8}$/;
const isObject = (v: JsonValue | undefined): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** True when a JSON object looks like a Coldcard generic export: an `xfp` and at least one `bipNN` section. */
export function isColdcardExport(doc: JsonObject): boolean {
  return typeof doc.xfp === 'string' && Object.keys(doc).some((k) => SECTION_NAME.test(k) && isObject(doc[k]));
}

/**
 * Each known section becomes one account key at its `deriv`, after cross-checks that catch a damaged or
 * hand-edited file: section `xfp` = fingerprint of its own xpub, depth/child number vs `deriv`, `_pub` = same
 * key, `desc` = same key, `first` = address 0/0.
 */
export function readColdcardExport(doc: JsonObject, file: string): KeySetPart {
  const at = (...parts: (string | number)[]): string => pointerWhere(file, jsonPointer(parts));
  const xfp = doc.xfp as string;
  if (!FINGERPRINT.test(xfp)) throw new InputError(at('xfp'), 'xfp must be 8 hex digits (the master key fingerprint)');
  const masterFingerprint = xfp.toLowerCase();
  if (doc.chain !== undefined && !['BTC', 'XTN', 'XRT'].includes(doc.chain as string))
    throw new InputError(at('chain'), 'chain must be BTC, XTN (testnet) or XRT (regtest)');
  const testnet = doc.chain === 'XTN' || doc.chain === 'XRT';
  const part = emptyPart();
  const origin = (where: string): KeyOrigin => ({ file, where, kind: 'coldcard' });

  if (doc.xpub !== undefined) {
    const master = decodeString(doc, 'xpub', [], at);
    if (master.depth !== 0) throw new InputError(at('xpub'), `top-level xpub must be the master key (depth 0), got depth ${master.depth}`);
    if (fingerprintOf(master.publicKey) !== masterFingerprint)
      throw new InputError(at('xfp'), `xfp ${masterFingerprint} is not the fingerprint ${fingerprintOf(master.publicKey)} of the top-level xpub`);
    part.keys.push(exportedKey({ curve: 'secp256k1', path: [], publicKey: master.publicKey, chainCode: master.chainCode, masterFingerprint, testnet, origins: [origin('/xpub')] }));
  }

  for (const [name, value] of Object.entries(doc)) {
    if (!SECTION_NAME.test(name) || !isObject(value)) continue;
    const spec = SECTIONS[name];
    if (!spec) {
      part.notes.push(`${at(name)}: Coldcard section "${name}" is not one restore-scan reads; ignored`);
      continue;
    }
    const derivText = value.deriv;
    if (typeof derivText !== 'string') throw new InputError(at(name, 'deriv'), 'missing "deriv" (the section derivation path)');
    const path = parsePath(derivText, at(name, 'deriv'));
    const key = decodeString(value, 'xpub', [name], at);
    const mismatch = originMismatch({ fingerprint: masterFingerprint, path }, key);
    if (mismatch) throw new InputError(at(name, 'deriv'), mismatch);
    const ownFp = fingerprintOf(key.publicKey);
    if (value.xfp !== undefined && String(value.xfp).toLowerCase() !== ownFp)
      throw new InputError(at(name, 'xfp'), `section xfp is not the fingerprint ${ownFp} of its xpub`);
    if (value._pub !== undefined) {
      const slip132 = decodeString(value, '_pub', [name], at);
      if (!bytesEqual(slip132.publicKey, key.publicKey) || !bytesEqual(slip132.chainCode, key.chainCode))
        throw new InputError(at(name, '_pub'), '_pub is not the same key as xpub');
    }
    if (spec.template) checkSingleSig(value, name, key, spec.template, at, part, origin(jsonPointer([name, 'desc'])));
    part.keys.push(
      exportedKey({
        curve: 'secp256k1', path, publicKey: key.publicKey, chainCode: key.chainCode, masterFingerprint,
        scriptHint: spec.scriptHint, multisig: spec.multisig, testnet: testnet || key.version.testnet,
        origins: [origin(jsonPointer([name]))],
      }),
    );
  }
  if (part.keys.length === 0) throw new InputError(at(), 'no keys: the Coldcard export has no xpub and no bip44/49/84/86/45/48 section');
  return part;
}

function decodeString(o: JsonObject, field: string, base: string[], at: (...p: (string | number)[]) => string): DecodedExtendedKey {
  const v = o[field];
  if (typeof v !== 'string') throw new InputError(at(...base, field), `missing "${field}" (an extended public key)`);
  return decodeExtendedPublicKey(v, at(...base, field));
}

/** `desc` must describe the same key (kept as a descriptor wallet); `first` must be its address 0/0. */
function checkSingleSig(
  section: JsonObject, name: string, key: DecodedExtendedKey, template: string,
  at: (...p: (string | number)[]) => string, part: KeySetPart, descOrigin: KeyOrigin,
): void {
  if (typeof section.desc === 'string') {
    const parsed = parseDescriptor(section.desc, at(name, 'desc'));
    const keys = keysOf(parsed.script);
    if (keys.length !== 1 || keys[0]!.type !== 'extended' || !bytesEqual(keys[0]!.key.publicKey, key.publicKey))
      throw new InputError(at(name, 'desc'), 'desc does not describe the section xpub');
    part.descriptors.push({ descriptor: parsed.normalized, checksum: parsed.checksum, origin: descOrigin });
  }
  if (typeof section.first === 'string') {
    const address = addressToScript(section.first);
    if (!address.ok) throw new InputError(at(name, 'first'), `first: ${address.problem}`);
    const xpub = typeof section.xpub === 'string' ? section.xpub : '';
    const expected = descriptorScripts(parseDescriptor(template.replace('@', `${xpub}/0/*`), at(name, 'xpub')), 0)[0]!;
    if (toHex(expected) !== toHex(address.script))
      throw new InputError(at(name, 'first'), 'first address is not address 0/0 of the section xpub (damaged export?)');
  }
}
