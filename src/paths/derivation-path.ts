import { InputError } from '../errors.js';

/** BIP-32 hardened offset. */
export const HARDENED = 0x8000_0000;

/** A derivation path as child numbers (hardened ones have HARDENED added). `[]` is the master key `m`. */
export type Path = readonly number[];

const STEP = /^(\d+)(['hH]?)$/;

/**
 * Parses `m/84'/0'/0'` (or `84h/0h/0h`, with or without the leading `m`). Throws InputError naming `where`.
 */
export function parsePath(text: string, where = 'path'): number[] {
  const trimmed = text.trim();
  if (trimmed === '' ) throw new InputError(where, 'empty derivation path');
  const parts = trimmed.split('/');
  if (parts[0] === 'm' || parts[0] === 'M') parts.shift();
  const out: number[] = [];
  for (const [i, part] of parts.entries()) {
    const m = STEP.exec(part);
    if (!m) throw new InputError(where, `bad step ${JSON.stringify(part)} at position ${i + 1} of derivation path ${JSON.stringify(text)}`);
    const n = Number(m[1]);
    if (!Number.isSafeInteger(n) || n >= HARDENED)
      throw new InputError(where, `step ${part} of derivation path ${JSON.stringify(text)} is out of range (must be < 2^31)`);
    out.push(m[2] ? n + HARDENED : n);
  }
  return out;
}

/** Formats with `'` for hardened steps, as the report uses: `m/84'/0'/0'`. */
export function formatPath(path: Path): string {
  return ['m', ...path.map((n) => (n >= HARDENED ? `${n - HARDENED}'` : `${n}`))].join('/');
}

export const isHardened = (n: number): boolean => n >= HARDENED;

/** True when `prefix` is a (non-strict) prefix of `path`. */
export function startsWith(path: Path, prefix: Path): boolean {
  if (prefix.length > path.length) return false;
  for (let i = 0; i < prefix.length; i++) if (path[i] !== prefix[i]) return false;
  return true;
}

export function pathsEqual(a: Path, b: Path): boolean {
  return a.length === b.length && startsWith(a, b);
}
