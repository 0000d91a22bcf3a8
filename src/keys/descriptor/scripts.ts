import { HDKey } from '@scure/bip32';
import { InputError } from '../../errors.js';
import { HARDENED } from '../../paths/derivation-path.js';
import type { ExtendedKeyExpression, KeyExpression, ParsedDescriptor, ScriptExpression } from './ast.js';
import { parseDescriptor } from './parse.js';
import { multisig, p2pk, p2pkh, p2sh, p2tr, p2wpkh, p2wsh } from '../../chains/bitcoin/script-builders.js';
import { taprootOutputKey, xOnly } from './taproot.js';

/** HDKey of an extended key expression after its fixed steps, cached: per index only the wildcard step is left. */
const branchKeys = new WeakMap<ExtendedKeyExpression, HDKey>();

function branchKey(k: ExtendedKeyExpression): HDKey {
  let node = branchKeys.get(k);
  if (!node) {
    node = new HDKey({
      publicKey: k.key.publicKey,
      chainCode: k.key.chainCode,
      depth: k.key.depth,
      index: k.key.childNumber,
      parentFingerprint: parseInt(k.key.parentFingerprint, 16),
    });
    for (const s of k.steps) {
      if (s.kind !== 'fixed') throw new RangeError('multipath key: expand the descriptor first');
      node = node.deriveChild(s.index);
    }
    branchKeys.set(k, node);
  }
  return node;
}

/** The public key a key expression stands for at `index` (33, 65 or 32 bytes). */
export function resolveKey(k: KeyExpression, index: number): Uint8Array {
  if (k.type === 'hex') return k.bytes;
  const node = k.wildcard ? branchKey(k).deriveChild(index) : branchKey(k);
  return node.publicKey!;
}

function scriptsOf(s: ScriptExpression, index: number): Uint8Array[] {
  switch (s.fn) {
    case 'pk':
      return [p2pk(resolveKey(s.key, index))];
    case 'pkh':
      return [p2pkh(resolveKey(s.key, index))];
    case 'wpkh':
      return [p2wpkh(resolveKey(s.key, index))];
    case 'combo': {
      // BIP-384: P2PK and P2PKH always; P2WPKH and P2SH-P2WPKH only for compressed keys.
      const key = resolveKey(s.key, index);
      const out = [p2pk(key), p2pkh(key)];
      if (key.length === 33) out.push(p2wpkh(key), p2sh(p2wpkh(key)));
      return out;
    }
    case 'tr':
      return [p2tr(taprootOutputKey(xOnly(resolveKey(s.key, index))))];
    case 'multi':
    case 'sortedmulti':
      return [multisig(s.threshold, s.keys.map((k) => resolveKey(k, index)), s.fn === 'sortedmulti')];
    case 'sh':
      return scriptsOf(s.inner, index).map(p2sh);
    case 'wsh':
      return scriptsOf(s.inner, index).map(p2wsh);
    case 'addr':
    case 'raw':
      return [s.script];
  }
}

/**
 * The scriptPubKey(s) a descriptor produces at child `index` of its `/*` (ignored when it is not ranged).
 * combo() yields up to four scripts, every other function one. Multipath descriptors must be expanded first
 * (`expandMultipath`): receive and change are different descriptors.
 */
export function descriptorScripts(desc: string | ParsedDescriptor, index: number): Uint8Array[] {
  const parsed = typeof desc === 'string' ? parseDescriptor(desc, 'descriptor') : desc;
  if (parsed.multipathCount > 1)
    throw new InputError('descriptor', `multipath descriptor (<…;…>) stands for ${parsed.multipathCount} descriptors: expand it with expandMultipath() first`);
  if (!Number.isSafeInteger(index) || index < 0 || index >= HARDENED)
    throw new InputError('descriptor', `child index must be an integer in 0..2^31-1, got ${index}`);
  return scriptsOf(parsed.script, index);
}
