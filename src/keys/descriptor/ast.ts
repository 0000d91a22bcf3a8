import type { DecodedExtendedKey } from '../extended-key.js';
import type { KeyOriginInfo } from '../key-origin.js';

/** A derivation step after an extended key: a fixed child, or a BIP-389 multipath set `<0;1>`. */
export type DerivationStep = { kind: 'fixed'; index: number } | { kind: 'multi'; indexes: number[] };

/** A literal hex public key: 33-byte compressed, 65-byte uncompressed, or 32-byte x-only (tr() only). */
export interface HexKeyExpression {
  type: 'hex';
  origin: KeyOriginInfo | undefined;
  bytes: Uint8Array;
}

/** An extended public key with the unhardened steps after it and an optional unhardened `/*`. */
export interface ExtendedKeyExpression {
  type: 'extended';
  origin: KeyOriginInfo | undefined;
  /** The base58 text as written (kept verbatim in the normalised descriptor). */
  text: string;
  key: DecodedExtendedKey;
  steps: DerivationStep[];
  wildcard: boolean;
}

export type KeyExpression = HexKeyExpression | ExtendedKeyExpression;

export type SingleKeyFunction = 'pk' | 'pkh' | 'wpkh' | 'combo' | 'tr';

export type ScriptExpression =
  | { fn: SingleKeyFunction; key: KeyExpression }
  | { fn: 'multi' | 'sortedmulti'; threshold: number; keys: KeyExpression[] }
  | { fn: 'sh' | 'wsh'; inner: ScriptExpression }
  | { fn: 'addr'; address: string; script: Uint8Array }
  | { fn: 'raw'; script: Uint8Array };

/** A checked descriptor (BIP-380…386, BIP-389). */
export interface ParsedDescriptor {
  script: ScriptExpression;
  /** Canonical text: hardened steps as `'`, hex lowercase, no checksum. */
  normalized: string;
  /** BIP-380 checksum of `normalized`. */
  checksum: string;
  /** True when some key ends in `/*`. */
  ranged: boolean;
  /** Number of paths of its BIP-389 multipath specifiers; 1 when it has none. */
  multipathCount: number;
}

/** Every key expression of a script, in order. */
export function keysOf(script: ScriptExpression): KeyExpression[] {
  switch (script.fn) {
    case 'sh':
    case 'wsh':
      return keysOf(script.inner);
    case 'multi':
    case 'sortedmulti':
      return script.keys;
    case 'addr':
    case 'raw':
      return [];
    default:
      return [script.key];
  }
}
