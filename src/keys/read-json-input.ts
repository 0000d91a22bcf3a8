import { InputError } from '../errors.js';
import { parseJsonStrict, type JsonObject, type JsonValue } from './json-strict.js';
import type { KeySetPart } from './key-set-part.js';
import { findPrivateMaterial, isPrivateFieldName, privateMaterialError } from './private-material.js';
import { CARD_EXPORT_FORMAT, readCardExport } from './read-card-export.js';
import { isColdcardExport, readColdcardExport } from './read-coldcard.js';
import { jsonPointer, pointerWhere } from './where.js';

/** A JSON input: the card export (by its `format`) or a Coldcard generic export (by its shape). */
export function readJsonInput(file: string, text: string): KeySetPart {
  const doc = parseJsonStrict(text, file);
  assertNoPrivateMaterialInJson(doc, file);
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
    throw new InputError(pointerWhere(file, ''), 'a JSON input must be an object: a restore-scan.keys/1 card export or a Coldcard generic wallet export');
  if (doc.format !== undefined) {
    if (doc.format === CARD_EXPORT_FORMAT) return readCardExport(doc, file);
    const shown = typeof doc.format === 'string' && /^[\w./-]{1,40}$/.test(doc.format) ? ` "${doc.format}"` : '';
    throw new InputError(pointerWhere(file, '/format'), `unsupported format${shown}: expected "${CARD_EXPORT_FORMAT}"`);
  }
  if (isColdcardExport(doc as JsonObject)) return readColdcardExport(doc as JsonObject, file);
  throw new InputError(
    pointerWhere(file, ''),
    'unknown JSON input: neither a restore-scan.keys/1 card export ("format") nor a Coldcard generic export ("xfp" and bip44/49/84/86 sections)',
  );
}

/** Any field named like a secret, or any string holding an xprv, WIF or mnemonic, anywhere in the document. */
function assertNoPrivateMaterialInJson(value: JsonValue, file: string, path: (string | number)[] = []): void {
  if (typeof value === 'string') {
    const found = findPrivateMaterial(value);
    if (found) throw privateMaterialError(pointerWhere(file, jsonPointer(path)), found);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => assertNoPrivateMaterialInJson(v, file, [...path, i]));
  } else if (typeof value === 'object' && value !== null) {
    for (const [k, v] of Object.entries(value)) {
      if (isPrivateFieldName(k) && v !== null && v !== '')
        throw privateMaterialError(pointerWhere(file, jsonPointer([...path, k])), {
          problem: `field ${JSON.stringify(k)} holds private material: refused, export public keys only`,
        });
      assertNoPrivateMaterialInJson(v, file, [...path, k]);
    }
  }
}
