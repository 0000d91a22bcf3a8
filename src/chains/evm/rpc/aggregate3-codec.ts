import { keccak_256 } from '@noble/hashes/sha3.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/**
 * The Solidity ABI encoding of exactly the Multicall3 shapes a window scan uses, on hex strings: viem's generic
 * coder re-hashes the signature, checks every address and walks the ABI on each call, which cost the engine's
 * thread most of an EVM window's CPU. Byte-identical to viem's encodeFunctionData (differential tests), except
 * that mixed-case addresses are not EIP-55-checked (callers pass lower case or our own constants) and odd-length
 * calldata is refused rather than left-padded. Decoding is stricter than viem's (bounds, booleans, padding).
 */

/** A call for aggregate3: the target contract and its calldata (`0x` + whole bytes of hex). */
export interface Aggregate3Call {
  readonly target: string;
  readonly data: string;
}

/** One entry of aggregate3's `Result[]`; returnData lower-case hex, `0x` when empty. */
export interface Aggregate3Result {
  success: boolean;
  returnData: `0x${string}`;
}

const selector = (signature: string): string => bytesToHex(keccak_256(new TextEncoder().encode(signature)).subarray(0, 4));

/** Hashed once at module load. */
export const GET_ETH_BALANCE_SELECTOR = `0x${selector('getEthBalance(address)')}` as const;
export const AGGREGATE3_SELECTOR = `0x${selector('aggregate3((address,bool,bytes)[])')}` as const;

const ADDRESS = /^0x[0-9a-fA-F]{40}$/;
const CALLDATA = /^0x(?:[0-9a-fA-F]{2})*$/;
const UINT256 = /^0x[0-9a-fA-F]{64}$/;

const ZEROS = '0'.repeat(64);
/** Left padding of a 20-byte address to a word. */
const ADDRESS_PAD = ZEROS.slice(40);
/** allowFailure = true. */
const TRUE_WORD = `${ZEROS.slice(1)}1`;
/** In a Call3 tuple, callData starts after the three head words. */
const CALLDATA_OFFSET_WORD = `${ZEROS.slice(2)}60`;
/** Lengths and offsets above 2^48 cannot point inside any answer a node sends: their high 26 bytes must be zero. */
const SMALL_WORD_HEAD = ZEROS.slice(12);
/** A boolean word: 31 zero bytes, then 00 or 01. */
const BOOL_WORD_HEAD = ZEROS.slice(1);

/** A 32-byte word of a non-negative integer (slice + concat: about twice as fast as padStart in V8). */
function word(n: number): string {
  const digits = n.toString(16);
  return ZEROS.slice(digits.length) + digits;
}

function lowerTarget(address: string): string {
  if (!ADDRESS.test(address)) throw new RangeError(`aggregate3: not an EVM address: ${address}`);
  return address.toLowerCase();
}

/** getEthBalance(address) calldata. */
export function encodeGetEthBalance(address: string): `0x${string}` {
  return `${GET_ETH_BALANCE_SELECTOR}${ADDRESS_PAD}${lowerTarget(address).slice(2)}`;
}

/**
 * aggregate3(Call3[]) calldata for calls[start, end), every call allowed to fail. Layout (Solidity ABI): selector,
 * offset of the array (0x20), its length, one offset per tuple (from the first of them), then each tuple:
 * target, allowFailure, offset of callData (0x60), callData length, callData right-padded to whole words.
 */
export function encodeAggregate3(calls: readonly Aggregate3Call[], start = 0, end = calls.length): `0x${string}` {
  if (!(start >= 0 && start <= end && end <= calls.length)) throw new RangeError(`aggregate3: bad range [${start}, ${end}) of ${calls.length} calls`);
  const count = end - start;
  const heads: string[] = [AGGREGATE3_SELECTOR, word(32), word(count)];
  const tails: string[] = [];
  let offset = 32 * count;
  // Windows send many calls to one target (Multicall3 itself for balances): check and lower-case it once per run.
  let lastTarget: string | undefined;
  let targetDigits = '';
  for (let i = start; i < end; i++) {
    const { target, data } = calls[i] as Aggregate3Call;
    if (target !== lastTarget) {
      targetDigits = lowerTarget(target).slice(2);
      lastTarget = target;
    }
    if (!CALLDATA.test(data)) throw new RangeError(`aggregate3: calldata is not whole bytes of hex: ${data.slice(0, 80)}`);
    const length = (data.length - 2) / 2;
    const paddedLength = Math.ceil(length / 32) * 32;
    heads.push(word(offset));
    tails.push(ADDRESS_PAD, targetDigits, TRUE_WORD, CALLDATA_OFFSET_WORD, word(length), data.slice(2));
    if (paddedLength > length) tails.push(ZEROS.slice(0, 2 * (paddedLength - length)));
    offset += 128 + paddedLength;
  }
  return `${heads.join('')}${tails.join('')}` as `0x${string}`;
}

/** The value of one hex digit (either case), or -1. */
function hexDigit(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  return lower >= 0x61 && lower <= 0x66 ? lower - 0x57 : -1;
}

const RETURN_DATA = /^[0-9a-fA-F]*$/;

/**
 * Reads ABI words of a `0x` hex string by byte position. Every read is bounds-checked and validates exactly the
 * characters it uses (zero runs by comparison, digits one by one, return data by a regex on its slice): cheaper
 * than a regex over the whole answer, and bytes no field points at are ignored, as Solidity's decoder does.
 * `what` and `element` name the field only when it is wrong, so no message is built per read.
 */
class WordReader {
  readonly size: number;
  constructor(readonly hex: string) {
    this.size = (hex.length - 2) / 2;
  }

  private fail(what: string, element: number, position: number, problem: string): never {
    const field = element < 0 ? what : `${what} of element ${element}`;
    throw new RangeError(`aggregate3 result: ${field} at byte ${position} ${problem}`);
  }

  private at(position: number, bytes: number, what: string, element: number): number {
    if (position + bytes > this.size) this.fail(what, element, position, `lies beyond the ${this.size}-byte data`);
    return 2 + 2 * position;
  }

  /** An offset or length: a uint256 below 2^48, so it can index the data (the caller checks where it points). */
  small(position: number, what: string, element = -1): number {
    const i = this.at(position, 32, what, element);
    if (!this.hex.startsWith(SMALL_WORD_HEAD, i)) this.fail(what, element, position, 'is out of range');
    let value = 0;
    for (let j = i + 52; j < i + 64; j++) {
      const digit = hexDigit(this.hex.charCodeAt(j));
      if (digit < 0) this.fail(what, element, position, 'is not hex');
      value = value * 16 + digit;
    }
    return value;
  }

  bool(position: number, what: string, element: number): boolean {
    const i = this.at(position, 32, what, element);
    const last = this.hex.charCodeAt(i + 63);
    if (!this.hex.startsWith(BOOL_WORD_HEAD, i) || (last !== 0x30 && last !== 0x31))
      this.fail(what, element, position, 'is not a boolean (0 or 1)');
    return last === 0x31;
  }

  /** `length` bytes at `position` as lower-case 0x-hex, followed by zero padding to a whole word. */
  bytes(position: number, length: number, what: string, element: number): `0x${string}` {
    const paddedLength = Math.ceil(length / 32) * 32;
    const i = this.at(position, paddedLength, what, element);
    const end = i + 2 * length;
    if (!this.hex.startsWith(ZEROS.slice(0, 2 * (paddedLength - length)), end)) this.fail(what, element, position, 'has non-zero padding');
    if (length === 0) return '0x';
    const digits = this.hex.slice(i, end);
    if (!RETURN_DATA.test(digits)) this.fail(what, element, position, 'is not hex');
    return `0x${digits.toLowerCase()}`;
  }
}

/**
 * Decodes aggregate3's `(bool success, bytes returnData)[]`. Throws a RangeError on anything a Solidity encoder
 * would not produce: not whole words of hex, an offset or length pointing outside the data, a boolean other than
 * 0/1, non-zero padding, or more returned bytes in total than the data holds (tuples sharing one tail).
 */
export function decodeAggregate3Result(data: string): Aggregate3Result[] {
  if (!data.startsWith('0x')) throw new RangeError('aggregate3 result: not 0x-prefixed hex');
  if ((data.length - 2) % 64 !== 0 || data.length === 2)
    throw new RangeError(`aggregate3 result: ${(data.length - 2) / 2} bytes is not a whole number of 32-byte words`);
  const reader = new WordReader(data);
  const arrayStart = reader.small(0, 'array offset');
  const count = reader.small(arrayStart, 'array length');
  const headsStart = arrayStart + 32;
  if (headsStart + 32 * count > reader.size)
    throw new RangeError(`aggregate3 result: ${count} elements cannot fit in ${reader.size} bytes`);
  const results: Aggregate3Result[] = [];
  let returned = 0;
  for (let k = 0; k < count; k++) {
    const tupleStart = headsStart + reader.small(headsStart + 32 * k, 'offset', k);
    const success = reader.bool(tupleStart, 'success', k);
    const bytesStart = tupleStart + reader.small(tupleStart + 32, 'returnData offset', k);
    const length = reader.small(bytesStart, 'returnData length', k);
    returned += length;
    if (returned > reader.size) throw new RangeError(`aggregate3 result: more returned bytes than the ${reader.size}-byte data holds`);
    results.push({ success, returnData: reader.bytes(bytesStart + 32, length, 'returnData', k) });
  }
  return results;
}

/** getEthBalance's uint256: exactly one word (what Multicall3 returns). */
export function decodeUint256(data: string): bigint {
  if (!UINT256.test(data)) throw new RangeError(`uint256: expected exactly 32 bytes of hex, got ${data.slice(0, 80)}`);
  return BigInt(data);
}
