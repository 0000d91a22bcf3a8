import { InputError, RestoreScanError, type ErrorCode } from '../../errors.js';
import { HARDENED } from '../../paths/derivation-path.js';
import { decodeBase58Check } from '../base58check.js';
import { isSecp256k1Point } from '../curve-points.js';
import { inspectExtendedKey } from '../extended-key.js';
import { parseHex } from '../hex.js';
import { parseKeyOrigin, type KeyOriginInfo } from '../key-origin.js';
import { findPrivateMaterial } from '../private-material.js';
import { addressToScript } from './address-script.js';
import {
  keysOf,
  type DerivationStep,
  type ExtendedKeyExpression,
  type KeyExpression,
  type ParsedDescriptor,
  type ScriptExpression,
} from './ast.js';
import { CHECKSUM_LENGTH, descriptorChecksum, invalidCharPosition } from './checksum.js';
import { serializeScript } from './serialize.js';

/** Where a sub-expression sits, which decides what it may contain (BIP-380…386). */
type Context = 'top' | 'sh' | 'wsh' | 'tr';

export interface ParseDescriptorOptions {
  /** Added to reported columns when the descriptor does not start at column 1 of its line. */
  columnOffset?: number;
}

const FUNCTION_NAME = /^[a-z_]+/;
const KNOWN_FUNCTIONS = ['sh', 'wsh', 'pk', 'pkh', 'wpkh', 'combo', 'multi', 'sortedmulti', 'tr', 'addr', 'raw'] as const;
/** Standardness limits on multisig key counts (BIP-383; Bitcoin Core). */
const MAX_BARE_MULTISIG_KEYS = 3;
const MAX_WSH_MULTISIG_KEYS = 20;
const MAX_P2SH_SCRIPT_BYTES = 520;

/**
 * Parses and checks an output descriptor. A present checksum is verified; the returned one is computed over
 * the normalised text. Errors name `where` and a column, and never quote key material.
 */
export function parseDescriptor(text: string, where: string, options: ParseDescriptorOptions = {}): ParsedDescriptor {
  const offset = options.columnOffset ?? 0;
  const fail = (problem: string, column?: number, code: ErrorCode = 'BAD_INPUT'): never => {
    throw new InputError(where, `descriptor${column === undefined ? '' : `, column ${column + offset}`}: ${problem}`, { code });
  };
  const secret = findPrivateMaterial(text);
  if (secret) fail(secret.problem, undefined, 'PRIVATE_MATERIAL');

  const hash = text.indexOf('#');
  const body = hash === -1 ? text : text.slice(0, hash);
  const badChar = invalidCharPosition(body);
  if (badChar) fail('character not allowed in a descriptor (BIP-380 charset)', badChar);
  if (hash !== -1) {
    const given = text.slice(hash + 1);
    if (given === '') fail("missing checksum after '#'", hash + 1);
    if (given.length !== CHECKSUM_LENGTH)
      fail(`checksum must be ${CHECKSUM_LENGTH} characters, got ${given.length}`, hash + 2);
    if (given !== descriptorChecksum(body))
      fail('checksum mismatch: the descriptor or its checksum has a typo (BIP-380)', hash + 2);
  }

  const parser = new Parser(body, fail);
  const script = parser.script('top');
  parser.end();

  const keys = keysOf(script);
  const counts = new Set(keys.flatMap((k) => (k.type === 'extended' ? k.steps.filter((s) => s.kind === 'multi').map((s) => s.indexes.length) : [])));
  if (counts.size > 1) fail(`multipath specifiers must all have the same number of paths (BIP-389), found ${[...counts].join(' and ')}`);
  const normalized = serializeScript(script);
  return {
    script,
    normalized,
    checksum: descriptorChecksum(normalized)!,
    ranged: keys.some((k) => k.type === 'extended' && k.wildcard),
    multipathCount: counts.size === 1 ? [...counts][0]! : 1,
  };
}

type Fail = (problem: string, column?: number, code?: ErrorCode) => never;

class Parser {
  private pos = 0;
  constructor(
    private readonly text: string,
    private readonly fail: Fail,
  ) {}

  end(): void {
    if (this.pos < this.text.length) this.fail(`unexpected '${this.text[this.pos]}' after the end of the descriptor`, this.pos + 1);
  }

  private expect(ch: string, what: string): void {
    if (this.text[this.pos] !== ch) {
      const found = this.pos >= this.text.length ? 'the end' : `'${this.text[this.pos]}'`;
      this.fail(`expected '${ch}' ${what}, found ${found}`, this.pos + 1);
    }
    this.pos++;
  }

  script(ctx: Context): ScriptExpression {
    const start = this.pos;
    const name = FUNCTION_NAME.exec(this.text.slice(this.pos))?.[0];
    if (!name) return this.fail('expected a script function such as wpkh(…)', start + 1);
    if (!(KNOWN_FUNCTIONS as readonly string[]).includes(name))
      this.fail(name.length <= 16 ? `unknown script function '${name}'` : 'unknown script function', start + 1);
    this.pos += name.length;
    this.expect('(', `after '${name}'`);
    const allowed = this.allowedIn(name, ctx);
    if (allowed !== true) this.fail(allowed, start + 1);
    const result = this.body(name as (typeof KNOWN_FUNCTIONS)[number], ctx, start);
    this.expect(')', `to close '${name}('`);
    return result;
  }

  /** BIP-380 nesting rules. */
  private allowedIn(name: string, ctx: Context): true | string {
    const topOnly = ['sh', 'combo', 'addr', 'raw', 'tr'];
    if (ctx !== 'top' && topOnly.includes(name)) return `${name}() is only allowed at the top level`;
    if (name === 'wsh' && ctx === 'wsh') return 'wsh() cannot be nested in wsh()';
    if (name === 'wpkh' && ctx === 'wsh') return 'wpkh() is not allowed inside wsh()';
    return true;
  }

  private body(name: (typeof KNOWN_FUNCTIONS)[number], ctx: Context, start: number): ScriptExpression {
    switch (name) {
      case 'sh':
        return { fn: 'sh', inner: this.script('sh') };
      case 'wsh':
        return { fn: 'wsh', inner: this.script('wsh') };
      case 'pk':
      case 'pkh':
      case 'combo':
        return { fn: name, key: this.key(ctx === 'wsh' ? 'segwit' : 'legacy') };
      case 'wpkh':
        return { fn: 'wpkh', key: this.key('segwit') };
      case 'tr': {
        const key = this.key('taproot');
        if (this.text[this.pos] === ',')
          this.fail('tr() with a script tree is not supported: only key-path taproot outputs can be scanned', this.pos + 1);
        return { fn: 'tr', key };
      }
      case 'multi':
      case 'sortedmulti':
        return this.multi(name, ctx, start);
      case 'addr': {
        const argStart = this.pos;
        const address = this.until(')');
        const decoded = addressToScript(address);
        if (!decoded.ok) return this.fail(`addr(): ${decoded.problem}`, argStart + 1);
        return { fn: 'addr', address, script: decoded.script };
      }
      case 'raw': {
        const argStart = this.pos;
        const hex = this.until(')');
        try {
          return { fn: 'raw', script: parseHex(hex, '', 'raw() script') };
        } catch (e) {
          return this.fail(shortProblem(e), argStart + 1);
        }
      }
    }
  }

  private multi(name: 'multi' | 'sortedmulti', ctx: Context, start: number): ScriptExpression {
    const kStart = this.pos;
    const kText = this.until(',)');
    if (!/^(0|[1-9]\d{0,2})$/.test(kText)) this.fail(`${name}() must start with the threshold k as a decimal number`, kStart + 1);
    const threshold = Number(kText);
    const keys: KeyExpression[] = [];
    while (this.text[this.pos] === ',') {
      this.pos++;
      keys.push(this.key(ctx === 'wsh' ? 'segwit' : 'legacy'));
    }
    const n = keys.length;
    if (n === 0) this.fail(`${name}() needs at least one key`, start + 1);
    if (threshold < 1 || threshold > n) this.fail(`${name}() threshold ${threshold} must be between 1 and the number of keys (${n})`, kStart + 1);
    if (ctx === 'top' && n > MAX_BARE_MULTISIG_KEYS) this.fail(`bare ${name}() allows at most ${MAX_BARE_MULTISIG_KEYS} keys, got ${n}`, start + 1);
    if (ctx === 'wsh' && n > MAX_WSH_MULTISIG_KEYS) this.fail(`${name}() in wsh() allows at most ${MAX_WSH_MULTISIG_KEYS} keys, got ${n}`, start + 1);
    if (ctx === 'sh') {
      const size = 3 + keys.reduce((s, k) => s + 1 + keyLength(k), 0);
      if (size > MAX_P2SH_SCRIPT_BYTES) this.fail(`${name}() in sh() makes a ${size}-byte script, over the ${MAX_P2SH_SCRIPT_BYTES}-byte P2SH limit`, start + 1);
    }
    return { fn: name, threshold, keys };
  }

  /** Text up to (not including) the first of `stops` at bracket depth 0. */
  private until(stops: string): string {
    const start = this.pos;
    let depth = 0;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (depth === 0 && stops.includes(c)) break;
      if (c === '[' || c === '<' || c === '(' || c === '{') depth++;
      if (c === ']' || c === '>' || c === ')' || c === '}') depth--;
      this.pos++;
    }
    return this.text.slice(start, this.pos);
  }

  private key(kind: 'legacy' | 'segwit' | 'taproot'): KeyExpression {
    const start = this.pos;
    const text = this.until(',)');
    const col = (i: number): number => start + i + 1;
    if (text === '') return this.fail('expected a key expression', col(0));
    let origin: KeyOriginInfo | undefined;
    let rest = text;
    if (text.startsWith('[')) {
      const close = text.indexOf(']');
      if (close === -1) this.fail("key origin '[' is not closed by ']'", col(0));
      try {
        origin = parseKeyOrigin(text.slice(1, close), 'key origin');
      } catch (e) {
        this.fail(shortProblem(e), col(1));
      }
      rest = text.slice(close + 1);
    }
    const restCol = col(text.length - rest.length);
    if (rest === '') this.fail('key origin is not followed by a key', restCol);
    const slash = rest.indexOf('/');
    const keyText = slash === -1 ? rest : rest.slice(0, slash);
    const pathText = slash === -1 ? undefined : rest.slice(slash + 1);

    if (/^[0-9a-fA-F]+$/.test(keyText) && [64, 66, 130].includes(keyText.length)) {
      if (pathText !== undefined) this.fail('derivation steps are only allowed after an extended key (xpub)', restCol + slash);
      return this.hexKey(keyText, kind, origin, restCol);
    }
    const decoded = decodeBase58Check(keyText);
    if ((decoded.ok || decoded.reason === 'checksum') && decoded.payload.length === 78) {
      const inspected = inspectExtendedKey(keyText);
      if (!inspected.ok) return this.fail(inspected.problem, restCol, inspected.code);
      const steps = this.steps(pathText, restCol + keyText.length + 1);
      return { type: 'extended', origin, text: keyText, key: inspected.key, ...steps };
    }
    if (/^[0-9a-fA-F]+$/.test(keyText))
      return this.fail(`a hex public key must be 66 hex digits (compressed)${kind === 'taproot' ? ', 64 (x-only)' : ''} or 130 (uncompressed), got ${keyText.length}`, restCol);
    return this.fail('not a valid key expression (expected hex public key or extended public key)', restCol);
  }

  private hexKey(hex: string, kind: 'legacy' | 'segwit' | 'taproot', origin: KeyOriginInfo | undefined, column: number): KeyExpression {
    const bytes = parseHex(hex, '', 'public key');
    if (bytes.length === 32) {
      if (kind !== 'taproot') this.fail('x-only (64 hex digit) public keys are only allowed in tr()', column);
      if (!isSecp256k1Point(Uint8Array.from([0x02, ...bytes]))) this.fail('x-only public key is not on the secp256k1 curve', column);
      return { type: 'hex', origin, bytes };
    }
    if (bytes.length === 33 && bytes[0] !== 0x02 && bytes[0] !== 0x03)
      this.fail(`compressed public key must start with 02 or 03, got ${hex.slice(0, 2)}`, column);
    if (bytes.length === 65) {
      if (bytes[0] !== 0x04) this.fail(`uncompressed public key must start with 04, got ${hex.slice(0, 2)}`, column);
      if (kind !== 'legacy') this.fail(`uncompressed public keys are not allowed in ${kind === 'taproot' ? 'tr()' : 'segwit (wpkh/wsh)'}`, column);
    }
    if (!isSecp256k1Point(bytes)) this.fail('public key is not a point on the secp256k1 curve', column);
    return { type: 'hex', origin, bytes };
  }

  private steps(pathText: string | undefined, column: number): Pick<ExtendedKeyExpression, 'steps' | 'wildcard'> {
    const steps: DerivationStep[] = [];
    if (pathText === undefined) return { steps, wildcard: false };
    const parts = pathText.split('/');
    let at = column;
    let wildcard = false;
    for (const [i, part] of parts.entries()) {
      const last = i === parts.length - 1;
      if (part === '*' || part === "*'" || part === '*h' || part === '*H') {
        if (!last) this.fail("'*' must be the last derivation step", at);
        if (part !== '*') this.fail("hardened wildcard '/*'' needs the private key: it cannot be scanned from an xpub", at);
        wildcard = true;
      } else if (part.startsWith('<')) {
        if (steps.some((s) => s.kind === 'multi')) this.fail('only one multipath <…;…> specifier is allowed per key (BIP-389)', at);
        const m = /^<([^<>]*)>$/.exec(part);
        if (!m) this.fail("multipath specifier must look like <0;1>", at);
        const indexes = m[1]!.split(';').map((s) => this.step(s, at));
        if (indexes.length < 2) this.fail('multipath specifier needs at least two paths, e.g. <0;1>', at);
        if (new Set(indexes).size !== indexes.length) this.fail('multipath specifier repeats a path', at);
        steps.push({ kind: 'multi', indexes });
      } else steps.push({ kind: 'fixed', index: this.step(part, at) });
      at += part.length + 1;
    }
    return { steps, wildcard };
  }

  private step(text: string, column: number): number {
    if (/^\d+['hH]$/.test(text)) this.fail('hardened derivation after an xpub needs the private key: it cannot be scanned', column);
    if (!/^\d+$/.test(text)) this.fail(text === '' ? 'empty derivation step' : 'derivation step must be a number', column);
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n >= HARDENED) this.fail('derivation step must be below 2^31', column);
    return n;
  }
}

function keyLength(k: KeyExpression): number {
  return k.type === 'hex' ? k.bytes.length : 33;
}

/** The problem of an InputError without its `where:` prefix (inner parsers are given a placeholder where). */
function shortProblem(e: unknown): string {
  if (e instanceof InputError) return e.shortMessage.slice(e.where.length + 2);
  if (e instanceof RestoreScanError) return e.shortMessage;
  throw e;
}
