import type { Path } from '../paths/derivation-path.js';
import type { ScriptType } from '../chains/types.js';

export type Curve = 'secp256k1' | 'ed25519';

/** Which input format a key came from. */
export type InputKind = 'card' | 'extended-key' | 'descriptor' | 'coldcard';

/** Where a key came from, for messages and the report: file name plus line or JSON pointer. */
export interface KeyOrigin {
  file: string;
  where: string;
  kind: InputKind;
}

/**
 * One exported public key: the unit of the KeySet. Plain data only (it crosses worker boundaries).
 * - secp256k1: `publicKey` is 33-byte compressed; `chainCode` (32 bytes) present when public derivation
 *   below `path` is possible.
 * - ed25519 (SLIP-0010): `publicKey` is 32 bytes; never a chain code (no public derivation).
 */
export interface ExportedKey {
  curve: Curve;
  path: Path;
  publicKey: Uint8Array;
  chainCode?: Uint8Array;
  /** Master key fingerprint (8 hex, lowercase) when the input states one. */
  masterFingerprint?: string;
  /** The script type the input implies (SLIP-0132 version, descriptor function, Coldcard section). */
  scriptHint?: ScriptType;
  /** Testnet-versioned key (tpub/upub/vpub…). */
  testnet?: boolean;
  /** True when the path was not stated by the input and the standard account path was assumed. */
  pathAssumed?: boolean;
  /**
   * Set when the input marks this key as one cosigner of a multisig wallet (SLIP-0132 Ypub/Zpub/Upub/Vpub,
   * Coldcard bip45/bip48 sections): its addresses need every cosigner's key, so single-sig scans do not apply.
   */
  multisig?: MultisigScript;
  origins: KeyOrigin[];
}

/** Script wrapping of a multisig wallet a cosigner key belongs to (BIP-45 / BIP-48). */
export type MultisigScript = 'p2sh' | 'p2sh-p2wsh' | 'p2wsh';

/** A parsed output descriptor kept whole, for descriptor-defined wallets (multisig, addr(), raw()). */
export interface DescriptorWallet {
  /** Normalised text (hardened as `'`, without checksum). */
  descriptor: string;
  /** Checksum as given or computed (BIP-380). */
  checksum: string;
  origin: KeyOrigin;
}

/** Every input merged: keys de-duplicated by (curve, path, publicKey). */
export interface KeySet {
  keys: ExportedKey[];
  descriptors: DescriptorWallet[];
  /** Human notes on assumptions made while reading (e.g. "no key origin: assumed m/84'/0'/0'"). */
  notes: string[];
}
