import { InputError } from '../errors.js';
import { parseDescriptor } from './descriptor/parse.js';
import { keysFromDescriptor } from './descriptor/to-keys.js';
import { emptyPart, type KeySetPart } from './key-set-part.js';
import { assertNoPrivateMaterialInLines } from './private-material.js';
import { readExtendedKeyLine } from './read-extended-key-line.js';
import type { KeyOrigin } from './types.js';
import { lineWhere } from './where.js';

const DESCRIPTOR_START = /^[A-Za-z_]+\(/;
/** A key origin, or a long base58 run: decoded as an extended key, whose errors are the specific ones. */
const EXTENDED_KEY_LINE = /^\[|^[1-9A-HJ-NP-Za-km-z]{20,}$/;

/**
 * A text input: one extended public key or output descriptor per line; blank lines and `#` comments
 * allowed. Every line (comments too) is first checked for private material.
 */
export function readTextLines(file: string, text: string): KeySetPart {
  const lines = text.split(/\r?\n/);
  assertNoPrivateMaterialInLines(lines, (n) => lineWhere(file, n));
  const part = emptyPart();
  let content = 0;
  for (const [i, raw] of lines.entries()) {
    const line = i + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    content++;
    const where = lineWhere(file, line);
    if (DESCRIPTOR_START.test(trimmed)) {
      const parsed = parseDescriptor(trimmed, where, { columnOffset: raw.indexOf(trimmed) });
      const origin: KeyOrigin = { file, where: String(line), kind: 'descriptor' };
      part.descriptors.push({ descriptor: parsed.normalized, checksum: parsed.checksum, origin });
      const fromKeys = keysFromDescriptor(parsed, origin);
      part.keys.push(...fromKeys.keys);
      part.notes.push(...fromKeys.notes);
    } else if (EXTENDED_KEY_LINE.test(trimmed)) {
      const { key, note } = readExtendedKeyLine(trimmed, file, line);
      part.keys.push(key);
      if (note) part.notes.push(note);
    } else {
      throw new InputError(where, unknownLineProblem(trimmed));
    }
  }
  if (content === 0) throw new InputError(lineWhere(file, 1), 'no keys: the file holds only blank lines and # comments');
  return part;
}

/** Says what the line is not (and what it may be), without quoting it. */
function unknownLineProblem(line: string): string {
  const base = 'not an extended public key, an output descriptor or a # comment';
  if (/^[0-9a-fA-F]{64,130}$/.test(line))
    return `${base}; a bare hex public key needs a descriptor such as wpkh(<key>) or a card export (restore-scan.keys/1)`;
  if (/^(bc|tb|ltc|bcrt)1[a-z0-9]+$/i.test(line)) return `${base}; addresses are accepted inside addr(…) descriptors`;
  return `${base} (unknown input format)`;
}
