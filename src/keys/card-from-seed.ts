import { HDKey } from '@scure/bip32';
import { formatPath, type Path } from '../paths/derivation-path.js';
import { toHex } from './hex.js';
import { fingerprintOf } from './hash.js';
import { CARD_EXPORT_FORMAT } from './read-card-export.js';
import { slip10Ed25519 } from './slip10-ed25519.js';
import type { Curve } from './types.js';

/** The JSON shape of a `restore-scan.keys/1` card export (CONTRACT §2.1). */
export interface CardExportJson {
  format: typeof CARD_EXPORT_FORMAT;
  source?: { kind?: string; label?: string };
  keys: { curve: Curve; path: string; publicKey: string; chainCode?: string; masterFingerprint?: string }[];
}

/**
 * What a card would export for `paths`, computed from a BIP-39 seed: secp256k1 via BIP-32 (with chain code),
 * ed25519 via SLIP-0010 (public key only). Only public material leaves this function.
 */
export function cardExportFromSeed(
  seed: Uint8Array,
  paths: readonly { curve: Curve; path: Path }[],
  source: CardExportJson['source'] = { kind: 'card' },
): CardExportJson {
  const root = HDKey.fromMasterSeed(seed);
  const masterFingerprint = fingerprintOf(root.publicKey!);
  const keys = paths.map(({ curve, path }) => {
    // The master fingerprint is a BIP-32 (secp256k1) notion; SLIP-0010 ed25519 keys go without one.
    if (curve === 'ed25519') return { curve, path: formatPath(path), publicKey: toHex(slip10Ed25519(seed, path).publicKey) };
    const node = root.derive(formatPath(path));
    return { curve, path: formatPath(path), publicKey: toHex(node.publicKey!), chainCode: toHex(node.chainCode!), masterFingerprint };
  });
  return { format: CARD_EXPORT_FORMAT, source, keys };
}
