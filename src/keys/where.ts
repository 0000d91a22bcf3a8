import type { KeyOrigin } from './types.js';

/** `keys.txt:3`: a line of a text input. */
export const lineWhere = (file: string, line: number): string => `${file}:${line}`;

/** `card.json: /keys/2/publicKey`: a JSON pointer into a JSON input. */
export const pointerWhere = (file: string, pointer: string): string => `${file}: ${pointer || '/'}`;

/** RFC 6901 pointer of a path of object keys / array indexes. */
export function jsonPointer(parts: readonly (string | number)[]): string {
  return parts.map((p) => '/' + String(p).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/**
 * Formats a KeyOrigin as messages name it. `where` holds a line number (`"3"`) for text inputs and a JSON
 * pointer (`"/keys/2"`) for JSON inputs.
 */
export const formatOrigin = (o: KeyOrigin): string =>
  o.where.startsWith('/') ? pointerWhere(o.file, o.where) : lineWhere(o.file, Number(o.where));
