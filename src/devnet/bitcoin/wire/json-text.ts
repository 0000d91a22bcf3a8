/**
 * A small JSON writer for byte-faithful replies: key order as built, undefined members skipped, and numbers that
 * JavaScript cannot tell apart (Python's `1.0` vs `1`, Bitcoin Core's `0.30000000`) carried as verbatim text.
 */
export class JsonNumberText {
  constructor(readonly text: string) {
    if (!/^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/.test(text)) throw new RangeError(`${text} is not JSON number text`);
  }
}

export type JsonValue =
  | null
  | boolean
  | number
  | string
  | JsonNumberText
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined };

export interface JsonStyle {
  /** Escape every non-ASCII character as \uXXXX (Python's `ensure_ascii`). */
  readonly asciiOnly: boolean;
  /** Escape <, >, &, U+2028 and U+2029 (Go's `encoding/json`). */
  readonly htmlSafe: boolean;
}

export const PYTHON_JSON: JsonStyle = Object.freeze({ asciiOnly: true, htmlSafe: false });
export const GO_JSON: JsonStyle = Object.freeze({ asciiOnly: false, htmlSafe: true });
/** Rust's serde_json (electrs): UTF-8 as is, no HTML escaping. */
export const SERDE_JSON: JsonStyle = Object.freeze({ asciiOnly: false, htmlSafe: false });

export function writeJson(value: JsonValue, style: JsonStyle): string {
  if (value === null) return 'null';
  if (value instanceof JsonNumberText) return value.text;
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new RangeError(`${value} has no JSON form`);
      return String(value);
    case 'string':
      return writeString(value, style);
    default:
      break;
  }
  if (Array.isArray(value)) return `[${value.map((item: JsonValue) => writeJson(item, style)).join(',')}]`;
  const members = Object.entries(value as { readonly [key: string]: JsonValue | undefined })
    .filter((entry): entry is [string, JsonValue] => entry[1] !== undefined)
    .map(([k, v]) => `${writeString(k, style)}:${writeJson(v, style)}`);
  return `{${members.join(',')}}`;
}

const NON_ASCII = /[\u0080-\uffff]/;
const HTML_UNSAFE = /[<>&\u2028\u2029]/;

function writeString(text: string, style: JsonStyle): string {
  let out = JSON.stringify(text);
  // Most strings (hashes, hex) are plain ASCII: test before replacing, which allocates.
  if (style.asciiOnly && NON_ASCII.test(out)) out = out.replace(/[\u007f-\uffff]/g, (c) => (c === '\u007f' ? c : unicodeEscape(c)));
  if (style.htmlSafe && HTML_UNSAFE.test(out)) out = out.replace(/[<>&\u2028\u2029]/g, unicodeEscape);
  return out;
}

function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
