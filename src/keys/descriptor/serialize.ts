import { toHex } from '../hex.js';
import { formatKeyOrigin } from '../key-origin.js';
import type { DerivationStep, KeyExpression, ScriptExpression } from './ast.js';

const stepText = (s: DerivationStep): string => (s.kind === 'fixed' ? String(s.index) : `<${s.indexes.join(';')}>`);

export function serializeKey(k: KeyExpression): string {
  const origin = k.origin ? formatKeyOrigin(k.origin) : '';
  if (k.type === 'hex') return origin + toHex(k.bytes);
  return origin + k.text + k.steps.map((s) => '/' + stepText(s)).join('') + (k.wildcard ? '/*' : '');
}

/** Canonical descriptor text: `'` for hardened, lowercase hex; the form whose checksum we keep. */
export function serializeScript(s: ScriptExpression): string {
  switch (s.fn) {
    case 'sh':
    case 'wsh':
      return `${s.fn}(${serializeScript(s.inner)})`;
    case 'multi':
    case 'sortedmulti':
      return `${s.fn}(${[String(s.threshold), ...s.keys.map(serializeKey)].join(',')})`;
    case 'addr':
      return `addr(${s.address})`;
    case 'raw':
      return `raw(${toHex(s.script)})`;
    default:
      return `${s.fn}(${serializeKey(s.key)})`;
  }
}

