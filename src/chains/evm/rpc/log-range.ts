import { JsonRpcError } from '../../../net/index.js';

/** Block ranges for eth_getLogs and the providers' ways of refusing them (research A4: Infura, Alchemy, BSC…). */

export interface BlockSpan {
  from: bigint;
  /** 'latest' for the open end of the first try, before the head is known. */
  to: bigint | 'latest';
}

/**
 * Whether the provider refused the size of an eth_getLogs query: too many blocks or too many results. net/
 * flags most wordings (`isRangeTooLarge`); a few more are matched here. -32005 alone also means "rate limited", so
 * it counts only when the message speaks of ranges, blocks or results.
 */
export function isRangeRefusal(err: unknown): err is JsonRpcError {
  if (!(err instanceof JsonRpcError)) return false;
  if (err.isRangeTooLarge) return true;
  const message = err.rpcMessage;
  if (/range (is )?too (large|big|wide)|returned more than|block range|too many (blocks|results|logs)/i.test(message))
    return true;
  if (err.rpcCode === -32602 || err.rpcCode === -32005) return /\brange\b|\bblocks?\b|\bresults\b/i.test(message);
  return false;
}

const SPAN_HINTS: readonly RegExp[] = Object.freeze([
  /limit of (\d+)/i, // Infura: "range 12000 exceeds limit of 10000"
  /maximum block range:? (\d+)/i, // BSC: "exceed maximum block range: 5000"
  /up to a (\d+) block range/i, // Alchemy: "up to a 500 block range"
  /limited to (\d+) blocks/i,
  /block range (?:limit )?(?:is |of )?(\d+)/i,
]);

/** The span (blocks, inclusive count) a refusal message suggests, if it names one. */
export function suggestedSpan(err: JsonRpcError): bigint | undefined {
  const message = err.rpcMessage;
  // Alchemy: "… this block range should work: [0x1, 0x1f4]"
  const pair = /\[\s*(0x[0-9a-f]+)\s*,\s*(0x[0-9a-f]+)\s*\]/i.exec(message);
  if (pair?.[1] && pair[2]) {
    const span = BigInt(pair[2]) - BigInt(pair[1]) + 1n;
    if (span > 0n) return span;
  }
  for (const re of SPAN_HINTS) {
    const match = re.exec(message);
    if (match?.[1]) {
      const span = BigInt(match[1]);
      if (span > 0n) return span;
    }
  }
  return undefined;
}

/** [from, to] cut into spans of at most `maxSpan` blocks. */
export function splitSpan(from: bigint, to: bigint, maxSpan: bigint): BlockSpan[] {
  const spans: BlockSpan[] = [];
  for (let start = from; start <= to; start += maxSpan) {
    const end = start + maxSpan - 1n;
    spans.push({ from: start, to: end < to ? end : to });
  }
  return spans;
}

/**
 * The spans of a first try from `from`: one open span when no limit is known; else the known part of the chain cut
 * into accepted spans, the last one left open so blocks mined since the head was seen are included.
 */
export function initialSpans(from: bigint, head: bigint | undefined, maxSpan: bigint | undefined): BlockSpan[] {
  if (maxSpan === undefined || head === undefined || from > head) return [{ from, to: 'latest' }];
  const spans = splitSpan(from, head, maxSpan);
  const last = spans[spans.length - 1] as BlockSpan;
  last.to = 'latest';
  return spans;
}
