// Public API of the input layer: every input format → one KeySet.
export type * from './types.js';
export { readInputs, readInputFiles, readInput, type InputFile } from './read-inputs.js';
export type { KeySetPart } from './key-set-part.js';
export { KeySetBuilder } from './merge-keys.js';
export { readCardExport, CARD_EXPORT_FORMAT } from './read-card-export.js';
export { readColdcardExport, isColdcardExport } from './read-coldcard.js';
export { readTextLines } from './read-text-lines.js';
export { readExtendedKeyLine } from './read-extended-key-line.js';
export { readJsonInput } from './read-json-input.js';
export { parseJsonStrict, type JsonValue, type JsonObject } from './json-strict.js';

export {
  EXTENDED_KEY_VERSIONS, versionByPublicBytes, versionByPrivateBytes, versionHex, type ExtendedKeyVersion,
} from './slip132-versions.js';
export {
  inspectExtendedKey, decodeExtendedPublicKey, encodeExtendedPublicKey,
  type DecodedExtendedKey, type ExtendedKeyInspection,
} from './extended-key.js';
export { parseKeyOrigin, formatKeyOrigin, originMismatch, type KeyOriginInfo } from './key-origin.js';
export { assumeAccountPath, type AssumedPath } from './standard-path.js';
export { findPrivateMaterial, looksLikeMnemonic, isPrivateFieldName, type PrivateFinding } from './private-material.js';
export { decodeBase58Check, encodeBase58Check, type Base58CheckResult } from './base58check.js';
export { fingerprintOf, hash160 } from './hash.js';
export { parseHex, toHex } from './hex.js';
export { isSecp256k1Point, isEd25519Point } from './curve-points.js';
export { formatOrigin, lineWhere, pointerWhere } from './where.js';

export { parseDescriptor, type ParseDescriptorOptions } from './descriptor/parse.js';
export { descriptorChecksum } from './descriptor/checksum.js';
export { descriptorScripts, resolveKey } from './descriptor/scripts.js';
export { expandMultipath } from './descriptor/expand-multipath.js';
export { keysFromDescriptor } from './descriptor/to-keys.js';
export { addressToScript, type AddressScript } from './descriptor/address-script.js';
export { taprootOutputKey } from './descriptor/taproot.js';
export type {
  ParsedDescriptor, ScriptExpression, KeyExpression, ExtendedKeyExpression, HexKeyExpression, DerivationStep,
} from './descriptor/ast.js';

export { slip10Ed25519, type Slip10Ed25519Node } from './slip10-ed25519.js';
export { cardExportFromSeed, type CardExportJson } from './card-from-seed.js';
