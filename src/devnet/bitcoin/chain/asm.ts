import { bytesToHex } from './hashes.js';
import { coreOpName, rustOpName } from './opcodes.js';
import { OP_PUSHDATA1, OP_PUSHDATA2, OP_PUSHDATA4, decodeScriptNumber, parseScript } from './script-ops.js';

const SIGHASH_NAMES: Readonly<Record<number, string>> = Object.freeze({
  0x01: 'ALL', 0x02: 'NONE', 0x03: 'SINGLE', 0x81: 'ALL|ANYONECANPAY', 0x82: 'NONE|ANYONECANPAY', 0x83: 'SINGLE|ANYONECANPAY',
});

/**
 * Bitcoin Core `ScriptToAsmStr`: pushes of ≤4 bytes print as script numbers, longer pushes as hex; in scriptSigs
 * (`decodeSighash`) a strictly DER-encoded signature prints without its hashtype byte plus `[ALL]` etc.
 */
export function coreAsm(script: Uint8Array, decodeSighash = false): string {
  const { ops, truncated } = parseScript(script);
  const unspendable = script[0] === 0x6a || script.length > 10_000;
  const parts = ops.map(({ opcode, data }) => {
    if (data === undefined) return coreOpName(opcode);
    if (data.length <= 4) return String(decodeScriptNumber(data));
    if (decodeSighash && !unspendable && isStrictSignature(data)) {
      return bytesToHex(data.subarray(0, -1)) + `[${SIGHASH_NAMES[data[data.length - 1]!]}]`;
    }
    return bytesToHex(data);
  });
  if (truncated) parts.push('[error]');
  return parts.join(' ');
}

/** rust-bitcoin `Script::to_asm` as shown by Esplora: `OP_0 OP_PUSHBYTES_20 <hex>`, `OP_PUSHNUM_1`, `OP_CLTV`. */
export function rustAsm(script: Uint8Array): string {
  const { ops, truncated } = parseScript(script);
  const parts = ops.map(({ opcode, data }) => {
    const name =
      opcode === OP_PUSHDATA1 || opcode === OP_PUSHDATA2 || opcode === OP_PUSHDATA4 ? coreOpName(opcode) : rustOpName(opcode);
    return data !== undefined && data.length > 0 ? `${name} ${bytesToHex(data)}` : name;
  });
  if (truncated) parts.push('<push past end>');
  return parts.join(' ');
}

/** Core's `CheckSignatureEncoding` with STRICTENC: strict DER plus a defined hashtype. */
function isStrictSignature(sig: Uint8Array): boolean {
  const hashType = sig[sig.length - 1]! & ~0x80;
  return isValidDer(sig) && hashType >= 0x01 && hashType <= 0x03;
}

function isValidDer(sig: Uint8Array): boolean {
  const size = sig.length;
  if (size < 9 || size > 73 || sig[0] !== 0x30 || sig[1] !== size - 3) return false;
  const lenR = sig[3]!;
  if (5 + lenR >= size) return false;
  const lenS = sig[5 + lenR]!;
  if (lenR + lenS + 7 !== size || sig[2] !== 0x02 || lenR === 0 || (sig[4]! & 0x80) !== 0) return false;
  if (lenR > 1 && sig[4] === 0x00 && (sig[5]! & 0x80) === 0) return false;
  if (sig[lenR + 4] !== 0x02 || lenS === 0 || (sig[lenR + 6]! & 0x80) !== 0) return false;
  return !(lenS > 1 && sig[lenR + 6] === 0x00 && (sig[lenR + 7]! & 0x80) === 0);
}
