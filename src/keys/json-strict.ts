import { InputError } from '../errors.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

/**
 * A strict RFC 8259 parser whose errors name line and column and never quote the text (JSON.parse messages
 * can echo a slice of the input, which may be a secret). Duplicate object keys are errors, not "last wins".
 */
export function parseJsonStrict(text: string, file: string): JsonValue {
  return new Parser(text, file).document();
}

/** Far deeper than any key export; keeps hostile input from overflowing the stack. */
const MAX_DEPTH = 64;

class Parser {
  private pos = 0;
  private depth = 0;
  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {}

  document(): JsonValue {
    this.space();
    const value = this.value();
    this.space();
    if (this.pos < this.text.length) this.fail('unexpected data after the end of the JSON value');
    return value;
  }

  private fail(problem: string, at = this.pos): never {
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < at && i < this.text.length; i++)
      if (this.text[i] === '\n') {
        line++;
        lineStart = i + 1;
      }
    const column = at - lineStart + 1;
    throw new InputError(`${this.file}:${line}:${column}`, `invalid JSON at line ${line}, column ${column}: ${problem}`);
  }

  private space(): void {
    while (this.pos < this.text.length && ' \t\n\r'.includes(this.text[this.pos]!)) this.pos++;
  }

  private describeHere(): string {
    const c = this.text[this.pos];
    if (c === undefined) return 'end of input';
    return /[{}[\]:,"]/.test(c) ? `'${c}'` : 'an unexpected character';
  }

  private value(): JsonValue {
    const c = this.text[this.pos];
    if (c === '{' || c === '[') {
      if (++this.depth > MAX_DEPTH) this.fail(`nested more than ${MAX_DEPTH} levels deep`);
      const v = c === '{' ? this.object() : this.array();
      this.depth--;
      return v;
    }
    if (c === '"') return this.string();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    for (const [word, value] of [['true', true], ['false', false], ['null', null]] as const)
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return value;
      }
    return this.fail(`expected a value, found ${this.describeHere()}`);
  }

  private object(): JsonObject {
    this.pos++;
    const out: JsonObject = Object.create(null) as JsonObject;
    this.space();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.space();
      if (this.text[this.pos] !== '"') this.fail(`expected a double-quoted property name, found ${this.describeHere()}`);
      const keyAt = this.pos;
      const key = this.string();
      if (Object.prototype.hasOwnProperty.call(out, key)) this.fail(`duplicate property name "${key.slice(0, 40)}"`, keyAt);
      this.space();
      if (this.text[this.pos] !== ':') this.fail(`expected ':' after a property name, found ${this.describeHere()}`);
      this.pos++;
      this.space();
      out[key] = this.value();
      this.space();
      const c = this.text[this.pos];
      this.pos++;
      if (c === '}') return out;
      if (c !== ',') this.fail(`expected ',' or '}' after a property value, found ${c === undefined ? 'end of input' : this.describeAt(this.pos - 1)}`, this.pos - 1);
    }
  }

  private describeAt(at: number): string {
    const saved = this.pos;
    this.pos = at;
    const d = this.describeHere();
    this.pos = saved;
    return d;
  }

  private array(): JsonValue[] {
    this.pos++;
    const out: JsonValue[] = [];
    this.space();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return out;
    }
    for (;;) {
      this.space();
      out.push(this.value());
      this.space();
      const c = this.text[this.pos];
      this.pos++;
      if (c === ']') return out;
      if (c !== ',') this.fail(`expected ',' or ']' after an array element, found ${c === undefined ? 'end of input' : this.describeAt(this.pos - 1)}`, this.pos - 1);
    }
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) this.fail('unterminated string', start);
      if (c === '"') {
        this.pos++;
        return out;
      }
      if (c < ' ') this.fail('control character in a string (escape it, e.g. \\n)');
      if (c !== '\\') {
        out += c;
        this.pos++;
        continue;
      }
      const e = this.text[this.pos + 1];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e !== undefined && e in simple) {
        out += simple[e];
        this.pos += 2;
      } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) {
        out += String.fromCharCode(parseInt(this.text.slice(this.pos + 2, this.pos + 6), 16));
        this.pos += 6;
      } else this.fail('invalid escape sequence in a string');
    }
  }

  private number(): number {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos));
    if (!m) this.fail('invalid number');
    this.pos += m[0].length;
    return Number(m[0]);
  }
}
