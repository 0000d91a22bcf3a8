import type { DerivationStep, KeyExpression, ParsedDescriptor, ScriptExpression } from './ast.js';
import { descriptorChecksum } from './checksum.js';
import { serializeScript } from './serialize.js';

const pick = (steps: DerivationStep[], i: number): DerivationStep[] =>
  steps.map((s) => (s.kind === 'multi' ? { kind: 'fixed', index: s.indexes[i]! } : s));

function keyAt(k: KeyExpression, i: number): KeyExpression {
  return k.type === 'extended' ? { ...k, steps: pick(k.steps, i) } : k;
}

function scriptAt(s: ScriptExpression, i: number): ScriptExpression {
  switch (s.fn) {
    case 'sh':
    case 'wsh':
      return { ...s, inner: scriptAt(s.inner, i) };
    case 'multi':
    case 'sortedmulti':
      return { ...s, keys: s.keys.map((k) => keyAt(k, i)) };
    case 'addr':
    case 'raw':
      return s;
    default:
      return { ...s, key: keyAt(s.key, i) };
  }
}

/**
 * BIP-389: a descriptor with `<a;b;…>` stands for one descriptor per position (receive, change…). Returns
 * them in order; a descriptor without multipath returns itself.
 */
export function expandMultipath(d: ParsedDescriptor): ParsedDescriptor[] {
  if (d.multipathCount === 1) return [d];
  return Array.from({ length: d.multipathCount }, (_, i) => {
    const script = scriptAt(d.script, i);
    const normalized = serializeScript(script);
    return { ...d, script, normalized, checksum: descriptorChecksum(normalized)!, multipathCount: 1 };
  });
}
