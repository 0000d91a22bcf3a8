import { HDKey } from '@scure/bip32';
import type { ScriptType } from '../../chains/types.js';
import { formatPath } from '../../paths/derivation-path.js';
import { fingerprintOf } from '../hash.js';
import { originMismatch } from '../key-origin.js';
import { exportedKey } from '../key-set-part.js';
import { assumeAccountPath } from '../standard-path.js';
import type { ExportedKey, KeyOrigin } from '../types.js';
import { formatOrigin } from '../where.js';
import type { ExtendedKeyExpression, ParsedDescriptor } from './ast.js';

interface SingleKeyShape {
  key: ExtendedKeyExpression;
  scriptHint: ScriptType | undefined;
  /** BIP-43 purpose of the function's standard path, for keys without origin. */
  purpose: number | undefined;
}

/** pkh/wpkh/sh(wpkh)/tr/pk/combo of one extended key; anything else is a descriptor-only wallet. */
function singleKeyShape(d: ParsedDescriptor): SingleKeyShape | undefined {
  const s = d.script;
  const inner = s.fn === 'sh' && s.inner.fn === 'wpkh' ? s.inner : s;
  if (!('key' in inner) || inner.key.type !== 'extended') return undefined;
  const shapes: Record<string, [ScriptType | undefined, number | undefined]> = {
    pkh: ['p2pkh', 44], wpkh: [s.fn === 'sh' ? 'p2sh-p2wpkh' : 'p2wpkh', s.fn === 'sh' ? 49 : 84], tr: ['p2tr', 86],
    pk: [undefined, undefined], combo: [undefined, undefined],
  };
  const shape = shapes[inner.fn];
  return shape && { key: inner.key, scriptHint: shape[0], purpose: shape[1] };
}

/**
 * The account-level key a single-key xpub descriptor stands for: the xpub derived along the fixed steps
 * before its branch (`xpub/0/*` → the xpub itself; `xpub/5/<0;1>/*` → xpub/5), at origin path + those steps.
 */
export function keysFromDescriptor(d: ParsedDescriptor, origin: KeyOrigin): { keys: ExportedKey[]; notes: string[] } {
  const shape = singleKeyShape(d);
  if (!shape) return { keys: [], notes: [] };
  const { key: k } = shape;
  const at = formatOrigin(origin);
  const multiAt = k.steps.findIndex((s) => s.kind === 'multi');
  // Only one multipath step per key, so every step before the branch is fixed.
  const beforeBranch = multiAt !== -1 ? k.steps.slice(0, multiAt) : k.wildcard ? k.steps.slice(0, -1) : [];
  const prefixSteps = beforeBranch.flatMap((s) => (s.kind === 'fixed' ? [s.index] : []));

  let basePath: number[];
  let masterFingerprint: string | undefined;
  let pathAssumed = false;
  const notes: string[] = [];
  if (k.origin) {
    const mismatch = originMismatch(k.origin, k.key);
    if (mismatch) return { keys: [], notes: [`${at}: ${mismatch}; kept as a descriptor only`] };
    basePath = k.origin.path;
    masterFingerprint = k.origin.fingerprint;
  } else if (k.key.depth === 0) {
    basePath = [];
    masterFingerprint = fingerprintOf(k.key.publicKey);
  } else {
    const assumed = shape.purpose === undefined ? undefined : assumeAccountPath(k.key, shape.purpose);
    if (!assumed?.ok) {
      const reason = assumed ? assumed.reason : `${d.script.fn}() implies no standard account path`;
      return { keys: [], notes: [`${at}: key without origin whose path cannot be assumed (${reason}); kept as a descriptor only`] };
    }
    basePath = assumed.path;
    pathAssumed = true;
    notes.push(`${at}: ${assumed.note}`);
  }

  let node = new HDKey({ publicKey: k.key.publicKey, chainCode: k.key.chainCode, depth: k.key.depth, index: k.key.childNumber, parentFingerprint: parseInt(k.key.parentFingerprint, 16) });
  for (const step of prefixSteps) node = node.deriveChild(step);
  const path = [...basePath, ...prefixSteps];
  if (prefixSteps.length > 0) notes.push(`${at}: key derived to ${formatPath(path)} (the steps before the descriptor's branch)`);
  return {
    keys: [
      exportedKey({
        curve: 'secp256k1',
        path,
        publicKey: node.publicKey!,
        chainCode: node.chainCode!,
        masterFingerprint,
        scriptHint: shape.scriptHint,
        testnet: k.key.version.testnet,
        pathAssumed,
        origins: [origin],
      }),
    ],
    notes,
  };
}
