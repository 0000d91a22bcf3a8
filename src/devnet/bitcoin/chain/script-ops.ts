/** One parsed script instruction: an opcode, with its pushed bytes for push opcodes (0x00–0x4e). */
export interface ScriptOp {
  readonly opcode: number;
  readonly data?: Uint8Array;
}

/** The parse of a script; `truncated` is set when a push runs past the end (both asm dialects print an error marker). */
export interface ParsedScript {
  readonly ops: readonly ScriptOp[];
  readonly truncated: boolean;
}

export const OP_PUSHDATA1 = 0x4c;
export const OP_PUSHDATA2 = 0x4d;
export const OP_PUSHDATA4 = 0x4e;

export function parseScript(script: Uint8Array): ParsedScript {
  const ops: ScriptOp[] = [];
  let i = 0;
  while (i < script.length) {
    const opcode = script[i++]!;
    if (opcode > OP_PUSHDATA4) {
      ops.push({ opcode });
      continue;
    }
    let length = opcode;
    const sizeBytes = opcode === OP_PUSHDATA1 ? 1 : opcode === OP_PUSHDATA2 ? 2 : opcode === OP_PUSHDATA4 ? 4 : 0;
    if (sizeBytes > 0) {
      if (i + sizeBytes > script.length) return { ops, truncated: true };
      length = 0;
      for (let b = sizeBytes - 1; b >= 0; b--) length = length * 256 + script[i + b]!;
      i += sizeBytes;
    }
    if (i + length > script.length) return { ops, truncated: true };
    ops.push({ opcode, data: script.subarray(i, i + length) });
    i += length;
  }
  return { ops, truncated: false };
}

/** Minimal push of `data` as script bytes (used for coinbase scripts and placeholder unlocking data). */
export function pushData(data: Uint8Array): Uint8Array {
  const n = data.length;
  const head =
    n < OP_PUSHDATA1 ? [n] : n <= 0xff ? [OP_PUSHDATA1, n] : n <= 0xffff ? [OP_PUSHDATA2, n & 0xff, n >> 8] : undefined;
  if (head === undefined) throw new RangeError(`push of ${n} bytes is larger than this model supports`);
  const out = new Uint8Array(head.length + n);
  out.set(head, 0);
  out.set(data, head.length);
  return out;
}

/** Script-number encoding (little-endian sign-magnitude), e.g. the BIP34 height in a coinbase. */
export function scriptNumber(value: number): Uint8Array {
  if (!Number.isSafeInteger(value)) throw new RangeError(`script number ${value} is not a safe integer`);
  const bytes: number[] = [];
  let abs = Math.abs(value);
  while (abs > 0) {
    bytes.push(abs & 0xff);
    abs = Math.floor(abs / 256);
  }
  if (bytes.length > 0 && (bytes[bytes.length - 1]! & 0x80) !== 0) bytes.push(value < 0 ? 0x80 : 0);
  else if (value < 0 && bytes.length > 0) bytes[bytes.length - 1]! |= 0x80;
  return Uint8Array.from(bytes);
}

/** Decodes a script number the way Bitcoin Core's asm does (no minimality check). */
export function decodeScriptNumber(bytes: Uint8Array): number {
  if (bytes.length === 0) return 0;
  let result = 0;
  for (let i = bytes.length - 1; i >= 0; i--) result = result * 256 + (i === bytes.length - 1 ? bytes[i]! & 0x7f : bytes[i]!);
  return (bytes[bytes.length - 1]! & 0x80) !== 0 ? -result : result;
}
