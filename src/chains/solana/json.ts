/** Narrowing of Solana RPC / DAS answers at the JSON boundary, with precise PROTOCOL errors. */
import { parseUnsigned } from '../../net/answer-shape.js';

export { isRecord, malformed, type AnswerSource, type JsonRecord } from '../../net/answer-shape.js';

/** A u64 as a JSON number (agave's lamports, DAS balances) or a decimal string (token amounts). */
export const parseU64 = parseUnsigned;

export function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
