import { JsonNumberText } from './json-text.js';

/**
 * Python's `repr(float)`: the shortest round-trip digits (as JavaScript's), but fixed notation only for
 * exponents -4..15 and always with a fraction or exponent, e.g. `1.0`, `0.0001`, `1e-05`, `1e+16`.
 */
export function pythonFloatRepr(x: number): string {
  if (!Number.isFinite(x)) return x > 0 ? 'inf' : x < 0 ? '-inf' : 'nan';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mantissa, exponentText] = x.toExponential().split('e') as [string, string];
  const exponent = Number(exponentText);
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  let body: string;
  if (exponent >= -4 && exponent < 16) {
    if (exponent >= 0) {
      const intPart = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
      const frac = digits.slice(exponent + 1);
      body = `${intPart}.${frac === '' ? '0' : frac}`;
    } else {
      body = `0.${'0'.repeat(-exponent - 1)}${digits}`;
    }
  } else {
    const frac = digits.slice(1);
    const sign = exponent < 0 ? '-' : '+';
    body = `${digits[0]}${frac === '' ? '' : `.${frac}`}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return negative ? `-${body}` : body;
}

/** A Python float inside a JSON reply (ElectrumX re-encodes the node's amounts as floats: `1.0`, `0.2`). */
export function pythonFloat(x: number): JsonNumberText {
  return new JsonNumberText(pythonFloatRepr(x));
}

/**
 * Python's `str()` of a value that came from `json.loads`, as ElectrumX interpolates it into error messages
 * (`12345 is not a valid script hash`, `['a', 1] is not ...`). Integral numbers print as Python ints.
 */
export function pythonStr(value: unknown): string {
  if (typeof value === 'string') return value;
  return pythonRepr(value);
}

function pythonRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : pythonFloatRepr(value);
  if (typeof value === 'string') return stringRepr(value);
  if (Array.isArray(value)) return `[${value.map(pythonRepr).join(', ')}]`;
  if (typeof value === 'object') {
    return `{${Object.entries(value).map(([k, v]) => `${stringRepr(k)}: ${pythonRepr(v)}`).join(', ')}}`;
  }
  return String(value);
}

function stringRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  const escaped = text
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(quote === "'" ? /'/g : /"/g, `\\${quote}`);
  return `${quote}${escaped}${quote}`;
}

/** Python's `f'{n:,d}'`: an integer with comma thousands separators. */
export function pythonThousands(n: number): string {
  return Math.trunc(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}
